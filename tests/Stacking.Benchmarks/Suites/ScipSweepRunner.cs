using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Planning;
using static Stacking.Benchmarks.Reporting.ReportFormat;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// <c>--scip-sweep</c>: our proven optima against an independent exact solver on many generated instances, beyond the
/// brute-force reference's 12 credentials. Each instance goes to ours (to optimum, the peers' 10 s limit) and to SCIP on
/// the CP-SAT peer's exact model (<see cref="RelaxedPlanningModel"/>); writes scip-sweep.json and scip-sweep.md.
/// </summary>
/// <remarks>
/// A disagreement is ours <c>optimal</c> with another value than SCIP's proven optimum, or a lower bound of ours above
/// it: either is a defect, and the run exits 1. Ours unproven within the limit is reported, not a failure, when its bound
/// stays at or below SCIP's optimum and its plan at or above it.
/// </remarks>
public static class ScipSweepRunner
{
    /// <summary>One instance: its label, our status, value and bound, SCIP's status and optimum, and the verdict.</summary>
    public sealed record Entry(string Case, int Candidates, string OursStatus, decimal OursObjective, decimal OursBound, double OursMs, string ScipStatus, decimal? ScipObjective, double ScipMs, string Verdict);

    public static int Run(bool dry)
    {
        var output = OutputFolder();
        var started = Stopwatch.StartNew();
        var sizes = dry ? new[] { 30 } : [30, 60, 120, 200, 400];
        var perCell = dry ? 1 : 8;
        Console.WriteLine($"Stacking vs SCIP on generated instances ({(dry ? "dry run" : "full run")}), output in {output}");
        var rng = new Random(7);
        var entries = new List<Entry>();
        foreach (var size in sizes)
        {
            foreach (var overlap in new[] { 0.0, 0.3, 0.6 })
            {
                foreach (var density in new[] { 0.0, 0.3, 0.6 })
                {
                    for (var k = 0; k < perCell; k++)
                    {
                        var settings = new GeneratorSettings(90000 + rng.Next(100000), size, 2 + rng.Next(3), overlap, density);
                        if (Measure(InstanceGenerator.Planning(settings)) is { } entry)
                        {
                            entries.Add(entry);
                            if (entry.Verdict != "equal")
                            {
                                Console.WriteLine(Row(entry));
                            }
                        }
                    }
                }
            }
        }

        var markdown = Markdown(entries, started.Elapsed, dry);
        var jsonPath = Write(output, dry ? "scip-sweep.dry" : "scip-sweep", entries, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {jsonPath} ({entries.Count} cases) in {started.Elapsed.TotalMinutes:0.0} min.");
        return entries.Any(e => e.Verdict.StartsWith("DISAGREE", StringComparison.Ordinal)) ? 1 : 0;
    }

    private static Entry? Measure(PlanningInstance instance)
    {
        var model = new CpSatPlanningModel(instance.Catalog, instance.Target, instance.Learner, instance.AsOf);
        if (!model.IsExact)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        var ours = new OursPlanning(instance).Plan();
        var oursMs = watch.Elapsed.TotalMilliseconds;
        using var mip = new RelaxedPlanningModel(model, integer: true);
        var scip = mip.Solve(60);
        var proven = scip.Status == "OPTIMAL" ? scip.Objective : null;
        var verdict = proven is not { } optimum ? "SCIP unproven"
            : ours.LowerBound > optimum + 0.001m ? "DISAGREE: our bound exceeds the optimum"
            : ours.Status == PlanStatus.Optimal && Math.Abs(ours.ObjectiveValue - optimum) > 0.001m ? "DISAGREE: our optimum differs"
            : ours.Status == PlanStatus.Optimal ? "equal"
            : ours.ObjectiveValue + 0.001m < optimum ? "DISAGREE: our plan is below the optimum"
            : "ours unproven in the limit (bound and plan bracket the optimum)";
        return new Entry(instance.Name, model.Candidates, ours.Status.ToString(), ours.ObjectiveValue, ours.LowerBound, oursMs, scip.Status, scip.Objective, scip.Wall.TotalMilliseconds, verdict);
    }

    private static string Row(Entry e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{e.Case} ({e.Candidates} candidates): ours {e.OursStatus} {e.OursObjective} ≥ {e.OursBound} ({e.OursMs:0} ms); SCIP {e.ScipStatus} {Dec(e.ScipObjective)} ({e.ScipMs:0} ms): {e.Verdict}");

    private static string Markdown(List<Entry> entries, TimeSpan elapsed, bool dry)
    {
        var md = new StringBuilder();
        md.AppendLine(RunLine(dry ? "scip-sweep, dry" : "scip-sweep", elapsed, "SCIP of Google.OrTools 9.15"));
        md.AppendLine();
        md.AppendLine("| verdict | instances |");
        md.AppendLine("|---|---|");
        foreach (var g in entries.GroupBy(e => e.Verdict).OrderByDescending(g => g.Count()))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{entries.Count} instances of {entries.Min(e => e.Candidates)}–{entries.Max(e => e.Candidates)} candidates; ours to optimum median {Median(entries.Select(e => e.OursMs)):0.0} ms, SCIP median {Median(entries.Select(e => e.ScipMs)):0.0} ms.");
        foreach (var e in entries.Where(e => e.Verdict != "equal"))
        {
            md.AppendLine();
            md.Append("- ").AppendLine(Row(e));
        }

        return md.ToString();
    }

    /// <summary>The median of one-shot times (the upper one of an even count; 0 for none), shared by the SCIP sweeps.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
