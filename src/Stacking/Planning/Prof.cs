using System.Diagnostics;
namespace Stacking.Planning;
#pragma warning disable
internal static class Prof
{
    [ThreadStatic] public static long[]? T;
    [ThreadStatic] public static long[]? B;
    [ThreadStatic] public static long[]? C;
    [ThreadStatic] public static PlanningProblem? P;
    [ThreadStatic] static long _last, _lastB, _lastC;
    public static readonly string[] Names = ["problem", "lbctor", "construct", "revdel", "ruin", "rootLB", "rootcuts", "search", "assemble", "p-pre", "p-goal", "p-prepare", "p-rest"];
    public static bool On = Environment.GetEnvironmentVariable("STK_PROF") == "1";
    public static void Start() { if (!On) return; T ??= new long[Names.Length]; B ??= new long[Names.Length]; C ??= new long[Names.Length]; _lastC = 0; P = null; _last = Stopwatch.GetTimestamp(); _lastB = GC.GetAllocatedBytesForCurrentThread(); }
    public static void Mark(int phase) { if (!On) return; var now = Stopwatch.GetTimestamp(); var b = GC.GetAllocatedBytesForCurrentThread(); T![phase] += now - _last; B![phase] += b - _lastB; var c = P?.OracleCalls ?? 0; C![phase] += c - _lastC; _lastC = c; _last = Stopwatch.GetTimestamp(); _lastB = GC.GetAllocatedBytesForCurrentThread(); }
    public static string Report(int n) { if (!On) return ""; var s = string.Join(" ", Names.Select((nm, i) => $"{nm}={T![i] * 1000.0 / Stopwatch.Frequency / n:0.000}ms/{B![i] / 1024 / n}K/{C![i]/n}q")); Array.Clear(T!); Array.Clear(B!); Array.Clear(C!); return s; }
}
