using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stacking.Benchmarks.Peers;
using Stacking.Benchmarks.Reporting;
using Stacking.Planning;
using static Stacking.Benchmarks.Reporting.ReportFormat;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// <c>--relaxations</c>: why our own 100 ms bound certifies only 6 of the 1 000-candidate instances within 5%. Per instance, our 100 ms answer beside the bounds other
/// relaxations of the same model reach: its linear relaxation (GLOP), SCIP's root node with and without cutting planes,
/// and SCIP's proven optimum. Writes relaxations.json and relaxations.md.
/// </summary>
/// <remarks>
/// The model is the CP-SAT peer's (<see cref="CpSatPlanningModel"/>, objective hours) read into OR-Tools' linear solver
/// (<see cref="RelaxedPlanningModel"/>), so every column bounds exactly the question ours answers. Bounds, not times,
/// are the point: the times are one-shot wall times of a solver given 2 cores.
/// </remarks>
public static class RelaxationsRunner
{
    /// <summary>SCIP's separators other than c-MIR / flow cover ("aggregation"), all switched off for that column.</summary>
    private static readonly string[] OtherSeparators =
    [
        "gomory", "strongcg", "clique", "impliedbounds", "zerohalf", "mcf", "disjunctive", "oddcycle", "mixing", "rlt",
        "interminor", "minor", "lagromory", "cgmip", "closecuts", "eccuts", "gauge", "convexproj", "intobj", "rapidlearning",
    ];

    /// <summary>The SCIP runs: label and parameters (SCIP's own format).</summary>
    private static readonly (string Label, string Parameters, double Seconds)[] ScipRuns =
    [
        ("root, no cuts", "limits/nodes = 1\nseparating/maxroundsroot = 0\nseparating/maxrounds = 0", 30),
        ("root, c-MIR/flow cover only, no presolve", "limits/nodes = 1\npresolving/maxrounds = 0\n" + string.Join('\n', OtherSeparators.Select(s => $"separating/{s}/freq = -1")), 30),
        ("root, default", "limits/nodes = 1", 30),
        ("to optimum", string.Empty, 10),
    ];

    /// <summary>One instance's row.</summary>
    public sealed record Entry(
        string Case,
        decimal? OursObjective,
        decimal? OursBound,
        string OursStatus,
        double OursMs,
        decimal? LinearRelaxation,
        double LinearMs,
        IReadOnlyList<ScipRun> Scip);

    /// <summary>One SCIP run: the label of its settings, status, objective, proven bound, wall time.</summary>
    public sealed record ScipRun(string Settings, string Status, decimal? Objective, decimal? Bound, double Ms);

    public static int Run(bool dry)
    {
        var output = OutputFolder();
        var started = Stopwatch.StartNew();
        Console.WriteLine($"Stacking relaxations of the 1 000-candidate instances ({(dry ? "dry run: one instance" : "full run")}), output in {output}");
        var entries = new List<Entry>();
        for (var i = 0; i < (dry ? 1 : Cases.LargeInstances); i++)
        {
            var instance = Cases.Large(i);
            var ours = new OursPlanning(instance);
            ours.PlanWithin(TimeSpan.FromMilliseconds(100));
            var (result, wall, error) = ours.PlanWithin(TimeSpan.FromMilliseconds(100));
            var model = new CpSatPlanningModel(instance.Catalog, instance.Target, instance.Learner, instance.AsOf);
            CpSatOutcome linear;
            using (var lp = new RelaxedPlanningModel(model, integer: false))
            {
                linear = lp.Solve(30);
            }

            var scip = new List<ScipRun>();
            foreach (var (label, parameters, seconds) in ScipRuns)
            {
                using var mip = new RelaxedPlanningModel(model, integer: true);
                if (parameters.Length > 0)
                {
                    mip.Parameters(parameters);
                }

                var o = mip.Solve(seconds);
                scip.Add(new ScipRun(label, o.Status, o.Objective, o.Bound, o.Wall.TotalMilliseconds));
            }

            // An answer without a plan (unknown: the budget ended first) has no objective to compare.
            var planned = result?.Status is PlanStatus.Optimal or PlanStatus.Feasible;
            var entry = new Entry(instance.Name, planned ? result!.ObjectiveValue : null, result?.LowerBound, result?.Status.ToString() ?? error ?? "?", wall.TotalMilliseconds, linear.Objective, linear.Wall.TotalMilliseconds, scip);
            entries.Add(entry);
            Console.WriteLine(Row(entry));
        }

        var markdown = Markdown(entries, started.Elapsed, dry);
        var jsonPath = Write(output, dry ? "relaxations.dry" : "relaxations", entries, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {jsonPath} ({entries.Count} cases) in {started.Elapsed.TotalMinutes:0.0} min.");

        // Every column bounds the same minimum: a bound above a solution of another column is an encoding error.
        var inconsistent = entries.Where(e =>
        {
            var best = new[] { e.OursObjective }.Concat(e.Scip.Select(s => s.Objective)).OfType<decimal>().DefaultIfEmpty(decimal.MaxValue).Min();
            var bounds = new[] { e.OursBound, e.LinearRelaxation }.Concat(e.Scip.Select(s => s.Bound)).OfType<decimal>();
            return bounds.Any(b => b > best + 0.01m);
        }).ToList();
        foreach (var e in inconsistent)
        {
            Console.Error.WriteLine($"{e.Case}: a bound exceeds a solution: the encodings disagree.");
        }

        return inconsistent.Count > 0 || entries.Any(e => e.OursBound is null) ? 1 : 0;
    }

    private static string Row(Entry e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Case}: ours {Dec(e.OursObjective)} >= {Dec(e.OursBound)} ({e.OursMs:0} ms); LP {Num(e.LinearRelaxation)}; ")
        + string.Join("; ", e.Scip.Select(s => string.Create(CultureInfo.InvariantCulture, $"SCIP {s.Settings}: {Num(s.Bound)} ({s.Ms:0} ms)")));

    private static string Num(decimal? value) => value is { } v ? Math.Round(v, 1).ToString(CultureInfo.InvariantCulture) : "–";

    private static string Markdown(List<Entry> entries, TimeSpan elapsed, bool dry)
    {
        var md = new StringBuilder();
        md.AppendLine(RunLine(dry ? "relaxations, dry" : "relaxations", elapsed, "SCIP and GLOP of Google.OrTools 9.15"));
        md.AppendLine();
        md.Append("| case | ours, 100 ms: plan ≥ bound | bound needed for 5% | linear relaxation (GLOP) |");
        foreach (var (label, _, seconds) in ScipRuns)
        {
            md.Append(CultureInfo.InvariantCulture, $" SCIP {label} ({seconds:0} s cap): {(label == "to optimum" ? "plan ≥ bound" : "bound")} (time) |");
        }

        md.AppendLine();
        md.AppendLine("|---|---|---|---|" + string.Concat(ScipRuns.Select(_ => "---|")));
        foreach (var e in entries)
        {
            var needed = e.OursObjective is { } p ? Math.Ceiling(p / 1.05m) : (decimal?)null;
            md.Append(CultureInfo.InvariantCulture, $"| {e.Case} | {Dec(e.OursObjective)} ≥ {Dec(e.OursBound)} ({e.OursMs:0} ms) | {Dec(needed)} | {Num(e.LinearRelaxation)} ({Ms(e.LinearMs)}) |");
            foreach (var s in e.Scip)
            {
                var answer = s.Settings == "to optimum" ? $"{Num(s.Objective)} ≥ {Num(s.Bound)}" : Num(s.Bound);
                md.Append(CultureInfo.InvariantCulture, $" {answer} ({Ms(s.Ms)}) |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }
}
