using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// Time to proven optimum on generated acyclic instances of 50 to 200 candidates: ours against CP-SAT with one
/// worker and with its default workers. CP-SAT's model is built once in setup; only the solve is timed.
/// </summary>
/// <remarks>
/// Each contender's operation first runs for <see cref="WarmUpSeconds"/> in its setup (untimed): the planning job
/// times single invocations (<see cref="PeersRunner.PlanningIterations"/>), and without this ours would be timed before the JIT's tiered compilation has
/// optimised it (measured on GT ME 4056: 2.3 ms per request after 50 calls, 0.70 ms after 2 000; CP-SAT's solver is
/// native code). A service that plans while a student waits runs warm. Dry runs skip the warm-up.
/// </remarks>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    /// <summary>
    /// The time limit of both contenders per solve: 10 s (2 s in a dry run), several times what CP-SAT needs to prove
    /// any of these optima; a contender that runs out reports "feasible" or "unknown", never a silent guess.
    /// </summary>
    public static double CpSatTimeLimitSeconds => Cases.Dry ? 2 : 10;

    private CpSatPlanningModel _model = null!;
    private OursPlanning _ours = null!;

    [ParamsSource(nameof(CaseNames))]
    public string Case { get; set; } = string.Empty;

    public static IEnumerable<string> CaseNames()
    {
        var names = Cases.TimedPlanningCaseNames().ToList();
        return names.Count > 0 ? names : [Cases.PlanningCaseNames().First()];
    }

    /// <summary>How long each contender's operation runs untimed before it is timed (0 in a dry run).</summary>
    public static double WarmUpSeconds => Cases.Dry ? 0 : 2;

    [GlobalSetup(Target = nameof(Ours))]
    public void SetupOurs()
    {
        Setup();
        WarmUp(() => Ours());
    }

    [GlobalSetup(Target = nameof(CpSatOneWorker))]
    public void SetupCpSatOneWorker()
    {
        Setup();
        WarmUp(() => CpSatOneWorker());
    }

    [GlobalSetup(Target = nameof(CpSatDefaultWorkers))]
    public void SetupCpSatDefaultWorkers()
    {
        Setup();
        WarmUp(() => CpSatDefaultWorkers());
    }

    private void Setup()
    {
        var instance = Cases.Planning(Case);
        _model = new CpSatPlanningModel(instance.Catalog, instance.Target, instance.Learner, instance.AsOf);
        _ours = new OursPlanning(instance);
    }

    private static void WarmUp(Action operation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < WarmUpSeconds)
        {
            operation();
        }
    }

    [Benchmark]
    public decimal Ours() => _ours.Plan().ObjectiveValue;

    [Benchmark]
    public decimal? CpSatOneWorker() => _model.Solve(1, CpSatTimeLimitSeconds).Objective;

    [Benchmark]
    public decimal? CpSatDefaultWorkers() => _model.Solve(0, CpSatTimeLimitSeconds).Objective;
}
