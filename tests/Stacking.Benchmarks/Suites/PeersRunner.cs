using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Reporting;
using static Stacking.Benchmarks.Reporting.ReportFormat;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// The side-by-side suite: an untimed verification pass, then every benchmark class under BenchmarkDotNet
/// (in process), then peers.json and a Markdown summary under artifacts/benchmarks.
/// </summary>
public static class PeersRunner
{
    public const string RulesEnginePeer = "RulesEngine 6.0.1";
    public const string FloorPeer = "bitset floor";
    public const string CpSatOnePeer = "CP-SAT 9.15 (1 worker)";
    public const string CpSatDefaultPeer = "CP-SAT 9.15 (default workers)";

    /// <summary>Timed single solves per contender and planning case (the median is reported).</summary>
    public const int PlanningIterations = 15;

    /// <summary>The benchmark classes, in the order they run.</summary>
    public static readonly Type[] Suites =
    [
        typeof(EligibilityDisjointBenchmarks),
        typeof(EligibilityOverlapBenchmarks),
        typeof(RealEligibilityBenchmarks),
        typeof(PlanningBenchmarks),
        typeof(ValidationBenchmarks),
    ];

    public static int Run(bool dry, bool verifyOnly = false)
    {
        Cases.Dry = dry;
        var output = ReportFormat.OutputFolder();
        Console.WriteLine($"Stacking side-by-side benchmarks ({(dry ? "dry run: one iteration each" : "full run")}), output in {output}");
        Console.WriteLine($"Real catalogs: {RealCatalogs.DataFolder() ?? "not found (set STACKING_DATA)"}");

        var started = DateTime.UtcNow;
        var verification = new Verification(dry);
        verification.Run();
        Console.WriteLine($"Verification pass done in {(DateTime.UtcNow - started).TotalSeconds:0.0} s.");

        var measurements = new Measurements();
        foreach (var suite in verifyOnly ? [] : Suites)
        {
            var summary = BenchmarkRunner.Run(suite, Config(dry, suite, Path.Combine(output, dry ? "bdn-dry" : "bdn")));
            measurements.Add(summary);
        }

        var entries = Entries(verification, measurements);
        var goals = Goals(verification, measurements, entries);
        var name = verifyOnly ? "peers.verify" : dry ? "peers.dry" : "peers";
        var markdown = Markdown(verification, entries, goals, dry, DateTime.UtcNow - started);
        var jsonPath = ReportFormat.Write(output, name, entries, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {jsonPath} ({entries.Count} comparisons) in {(DateTime.UtcNow - started).TotalMinutes:0.0} min.");

        // Two provers disagreeing (a plan below another's proven bound) is an encoding or solver error, never noise.
        var contradictions = verification.Large.Where(l => l.Contradiction is not null).ToList();
        foreach (var l in contradictions)
        {
            Console.Error.WriteLine($"{l.Case}: {l.Contradiction}.");
        }

        return contradictions.Count > 0 ? 1 : 0;
    }

    /// <summary>The configuration of one suite: in-process (no generated project to build), short but real runs.</summary>
    public static IConfig Config(bool dry, Type suite, string artifacts)
    {
        ArgumentNullException.ThrowIfNull(suite);
        Job job;
        if (dry)
        {
            job = Job.Dry;
        }
        else if (suite == typeof(PlanningBenchmarks))
        {
            // Single solves of a few milliseconds: a median of three moved by 10-15% between runs of the same code (a
            // collection or a timer tick in one of them), so fifteen per contender and case, both sides alike.
            job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(PlanningIterations).WithInvocationCount(1).WithUnrollFactor(1);
        }
        else if (suite == typeof(ValidationBenchmarks) || suite == typeof(RealEligibilityBenchmarks))
        {
            // Each operation takes milliseconds to seconds: time single operations, few of them.
            job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1);
        }
        else
        {
            job = Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(7).WithIterationTime(TimeInterval.FromMilliseconds(200));
        }

        return DefaultConfig(artifacts).AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
    }

    /// <summary>The base configuration, also used when arguments pass through to BenchmarkSwitcher.</summary>
    public static ManualConfig DefaultConfig(string artifacts) =>
        ManualConfig.CreateEmpty()
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);

    private static List<PeerEntry> Entries(Verification v, Measurements m)
    {
        var entries = new List<PeerEntry>();
        const string disjoint = nameof(EligibilityDisjointBenchmarks);
        const string overlap = nameof(EligibilityOverlapBenchmarks);
        foreach (var e in v.Eligibility)
        {
            var suite = e.Disjoint ? disjoint : overlap;
            object param = e.Disjoint ? e.Nodes : e.Overlap;
            var oursStatus = e.OursError ?? $"eligible {e.OursEligible}/{e.Learners}";
            entries.Add(new PeerEntry
            {
                Area = "eligibility",
                Case = e.Case + (e.Disjoint ? " (disjoint pools, same meaning)" : " (overlapping pools: RulesEngine counts an item twice)"),
                Peer = RulesEnginePeer,
                OursMedianNs = m.Median(suite, param, "Ours"),
                PeerMedianNs = m.Median(suite, param, "RulesEngine"),
                OursAllocatedBytes = m.Bytes(suite, param, "Ours"),
                OursStatus = oursStatus,
                PeerStatus = $"eligible {e.ReEligible}/{e.Learners}" + (e.OursVsRe is { } d ? $", differs from ours on {d}" : string.Empty),
            });
            if (e.Disjoint)
            {
                entries.Add(new PeerEntry
                {
                    Area = "eligibility",
                    Case = e.Case + " (disjoint pools, same meaning)",
                    Peer = FloorPeer,
                    OursMedianNs = m.Median(suite, param, "Ours"),
                    PeerMedianNs = m.Median(suite, param, "BitsetFloor"),
                    OursAllocatedBytes = m.Bytes(suite, param, "Ours"),
                    OursStatus = oursStatus,
                    PeerStatus = $"eligible {e.FloorEligible}/{e.Learners}" + (e.OursVsFloor is { } df ? $", differs from ours on {df}" : string.Empty),
                });
                // Ours alone, from the learner records: no peer starts from them.
                foreach (var (method, label) in new[]
                {
                    ("OursPrepareAndCheck", " Prepare+Check from the learner record"),
                    ("OursCheckBatch", " CheckBatch from the learner records into a buffer (parallel)"),
                })
                {
                    entries.Add(new PeerEntry
                    {
                        Area = "eligibility",
                        Case = e.Case + label,
                        Peer = null,
                        OursMedianNs = m.Median(suite, param, method),
                        OursAllocatedBytes = m.Bytes(suite, param, method),
                        OursStatus = oursStatus,
                    });
                }
            }
        }

        if (v.RealEligibility is { } r)
        {
            const string real = nameof(RealEligibilityBenchmarks);
            entries.Add(new PeerEntry
            {
                Area = "eligibility",
                Case = $"{r.Catalog} prerequisites: {r.Targets} courses × {r.Learners} learners (each course named once per tree: same meaning); per check",
                Peer = RulesEnginePeer,
                OursMedianNs = m.Median(real, string.Empty, "Ours") / r.Checks,
                PeerMedianNs = m.Median(real, string.Empty, "RulesEngine") / r.Checks,
                OursAllocatedBytes = m.Bytes(real, string.Empty, "Ours") / r.Checks,
                OursStatus = r.OursError ?? $"eligible {r.OursEligible}/{r.Checks}",
                PeerStatus = $"eligible {r.ReEligible}/{r.Checks}" + (r.OursVsRe is { } d ? $", differs from ours on {d}" : string.Empty),
            });
        }

        const string planning = nameof(PlanningBenchmarks);
        foreach (var p in v.Planning)
        {
            var label = $"{(p.Case.StartsWith("gt:", StringComparison.Ordinal) ? "gt-202502 " + p.Case[3..] + " from an empty record" : "gen-" + p.Case)} ({p.Candidates} candidates, {(p.Exact ? "exact encoding" : "relaxed encoding: " + p.Relaxation)}{(Cases.SlowPlanning.ContainsKey(p.Case) ? "; slow: one-shot times" : string.Empty)})";
            foreach (var (peer, method, outcome) in new[] { (CpSatOnePeer, "CpSatOneWorker", p.OneWorker), (CpSatDefaultPeer, "CpSatDefaultWorkers", p.DefaultWorkers) })
            {
                entries.Add(new PeerEntry
                {
                    Area = "planning",
                    Case = label,
                    Peer = peer,
                    OursMedianNs = m.Median(planning, p.Case, "Ours") ?? (Cases.SlowPlanning.ContainsKey(p.Case) ? p.Ours.Wall.TotalMilliseconds * 1e6 : null),
                    PeerMedianNs = m.Median(planning, p.Case, method) ?? (Cases.SlowPlanning.ContainsKey(p.Case) ? outcome.Wall.TotalMilliseconds * 1e6 : null),
                    OursAllocatedBytes = m.Bytes(planning, p.Case, "Ours"),
                    OursObjective = p.Ours.Objective,
                    PeerObjective = outcome.Objective,
                    OursStatus = p.Ours.Error ?? p.Ours.Status.ToLowerInvariant(),
                    PeerStatus = outcome.Status.ToLowerInvariant(),
                });
            }
        }

        foreach (var l in v.Large)
        {
            entries.Add(new PeerEntry
            {
                Area = "planning",
                Case = $"{l.Case} ({l.Candidates} candidates, ours with a 100 ms budget; one-shot wall times, median of 3 for ours)",
                Peer = CpSatDefaultPeer + $" ({v.LargeCpSatSeconds:0} s limit)",
                OursMedianNs = l.Ours.Wall.TotalMilliseconds * 1e6,
                PeerMedianNs = l.CpSat.Wall.TotalMilliseconds * 1e6,
                OursObjective = l.Ours.Objective,
                PeerObjective = l.CpSat.Objective,
                OursStatus = l.Ours.Error ?? string.Create(CultureInfo.InvariantCulture, $"{l.Ours.Status.ToLowerInvariant()}, lower bound {l.Ours.LowerBound}, gap {Percent(l.Gap)} to the proven bound {l.ProvenBound}"),
                PeerStatus = string.Create(CultureInfo.InvariantCulture, $"{l.CpSat.Status.ToLowerInvariant()}, bound {l.CpSat.Bound}")
                    + string.Create(CultureInfo.InvariantCulture, $"; ours with {v.LargeOursSeconds:0} s: {l.OursLonger.Error ?? l.OursLonger.Status.ToLowerInvariant()} {l.OursLonger.Objective} (bound {l.OursLonger.LowerBound}) in {l.OursLonger.Wall.TotalMilliseconds:0} ms")
                    + (l.Scip is { } scip
                        ? string.Create(CultureInfo.InvariantCulture, $"; SCIP ({v.LargeScipSeconds:0} s limit): {scip.Status.ToLowerInvariant()} {l.ScipObjective} (bound {l.ScipBound}) in {scip.Wall.TotalMilliseconds:0} ms")
                        : "; SCIP: not run (the model is not exact)")
                    + (l.Contradiction is { } c ? "; CONTRADICTION: " + c : string.Empty),
            });
        }

        const string validation = nameof(ValidationBenchmarks);
        foreach (var c in v.Validation)
        {
            entries.Add(new PeerEntry
            {
                Area = "validation",
                Case = $"{c.Catalog} ({c.Credentials} credentials)",
                Peer = null,
                OursMedianNs = m.Median(validation, c.Catalog, "Validate"),
                OursAllocatedBytes = m.Bytes(validation, c.Catalog, "Validate"),
                OursStatus = c.Error ?? $"{(c.Valid ? "valid" : "invalid")}: {c.Errors} errors, {c.Warnings} warnings ({c.Codes})",
            });
            entries.Add(new PeerEntry
            {
                Area = "validation",
                Case = $"{c.Catalog} read (CatalogJson.ReadFile)",
                Peer = null,
                OursMedianNs = m.Median(validation, c.Catalog, "Read"),
                OursAllocatedBytes = m.Bytes(validation, c.Catalog, "Read"),
                OursStatus = c.Error is null ? "read" : null,
            });
        }

        return entries;
    }

    private static List<Goal> Goals(Verification v, Measurements m, List<PeerEntry> entries)
    {
        var goals = new List<Goal>();
        var eligibility = entries.Where(e => e.Area == "eligibility" && e.Case.Contains("disjoint pools", StringComparison.Ordinal)).ToList();
        var re = eligibility.Where(e => e.Peer == RulesEnginePeer).ToList();
        var floor = eligibility.Where(e => e.Peer == FloorPeer).ToList();
        goals.Add(re.All(e => e.Ratio is null)
            ? new Goal("eligibility ≥ 100× RulesEngine (disjoint, ≤ 20 nodes)", null, "not measured")
            : new Goal("eligibility ≥ 100× RulesEngine (disjoint, ≤ 20 nodes)", re.All(e => e.Ratio >= 100), string.Join(", ", re.Select(e => $"{Short(e.Case)}: {Fmt(e.Ratio)}×"))));
        goals.Add(floor.All(e => e.Ratio is null)
            ? new Goal("eligibility within 2× of the bitset floor", null, "not measured")
            : new Goal("eligibility within 2× of the bitset floor", floor.All(e => e.Ratio >= 0.5), string.Join(", ", floor.Select(e => $"{Short(e.Case)}: ours {Fmt(1 / e.Ratio)}× the floor's time"))));
        // Per learner: the per-learner Check rows. The batch rows (CheckBatch into a buffer) allocate only the parallel
        // loop's bookkeeping, a fixed ~2 KB per call whatever the number of learners (docs/performance.md), so their
        // B/op divided by the batch size is not a per-learner cost and is reported in its own rows.
        goals.Add(re.All(e => e.OursAllocatedBytes is null)
            ? new Goal("0 bytes allocated per learner (Check; a batch allocates a fixed ~2 KB per call)", null, "not measured")
            : new Goal("0 bytes allocated per learner (Check; a batch allocates a fixed ~2 KB per call)", re.All(e => e.OursAllocatedBytes == 0), string.Join(", ", re.Select(e => $"{Short(e.Case)}: {Fmt(e.OursAllocatedBytes)} B"))));
        goals.Add(new Goal("answers agree with RulesEngine and the floor on disjoint pools",
            v.Eligibility.Where(e => e.Disjoint).All(e => e.OursVsRe is null) ? null : v.Eligibility.Where(e => e.Disjoint).All(e => e.OursVsRe == 0 && e.OursVsFloor == 0),
            string.Join(", ", v.Eligibility.Where(e => e.Disjoint).Select(e => $"{e.Case}: {e.OursVsRe?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} / {e.OursVsFloor?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} disagreements"))));

        var exact = v.Planning.Where(p => p.Exact).ToList();
        var planningEntries = entries.Where(e => e.Area == "planning" && e.Peer == CpSatOnePeer).ToList();
        var speed = exact.Select(p => (p.Case, Ratio: planningEntries.FirstOrDefault(e => e.Case.Contains(p.Case.StartsWith("gt:", StringComparison.Ordinal) ? p.Case[3..] + " " : "gen-" + p.Case + " ", StringComparison.Ordinal))?.Ratio)).ToList();
        goals.Add(speed.All(s => s.Ratio is null)
            ? new Goal("planning ≥ 5× faster than CP-SAT (1 worker), ≤ 200 candidates", null, "not measured")
            : new Goal("planning ≥ 5× faster than CP-SAT (1 worker), ≤ 200 candidates", speed.All(s => s.Ratio >= 5), string.Join(", ", speed.Select(s => $"{s.Case}: {Fmt(s.Ratio)}×"))));
        goals.Add(exact.Count == 0
            ? new Goal("equal objectives on every exact instance", null, "not measured")
            : new Goal("equal objectives on every exact instance",
                exact.All(p => p.Ours.Objective == p.OneWorker.Objective && p.OneWorker.Status == "Optimal" && p.Ours.Status == "Optimal"),
                $"{exact.Count(p => p.Ours.Objective == p.OneWorker.Objective)}/{exact.Count} equal" + string.Concat(exact.Where(p => p.Ours.Objective != p.OneWorker.Objective).Select(p => $"; {p.Case}: ours {p.Ours.Objective} ({p.Ours.Status}) vs {p.OneWorker.Objective} ({p.OneWorker.Status})"))));
        goals.Add(v.Large.Count == 0
            ? new Goal("1 000 candidates: within 5% of the proven bound in 100 ms, 9 in 10", null, "not measured")
            : new Goal("1 000 candidates: within 5% of the proven bound in 100 ms, 9 in 10",
                v.Large.Count(l => l.WithinGoal) * 10 >= 9 * v.Large.Count,
                $"{v.Large.Count(l => l.WithinGoal)}/{v.Large.Count} (" + string.Join(", ", v.Large.Select(l => $"{Percent(l.Gap)} in {l.Ours.Wall.TotalMilliseconds:0} ms")) + ")"
                + $"; certified by our own 100 ms bound: {v.Large.Count(l => l.CertifiedWithinGoal)}/{v.Large.Count} (" + string.Join(", ", v.Large.Select(l => Percent(l.OwnGap))) + ")"));
        var val = entries.Where(e => e.Area == "validation" && e.Case.Contains("credentials", StringComparison.Ordinal)).ToList();
        goals.Add(val.Count == 0 || val.All(e => e.OursMedianNs is null)
            ? new Goal("validating each real catalog < 0.5 s", null, "not measured")
            : new Goal("validating each real catalog < 0.5 s", val.All(e => e.OursMedianNs < 5e8), string.Join(", ", val.Select(e => $"{Short(e.Case)}: {Fmt(e.OursMedianNs / 1e6)} ms"))));
        return goals;
    }

    private static string Short(string @case) => @case.Split(' ')[0];

    private static string Markdown(Verification v, List<PeerEntry> entries, List<Goal> goals, bool dry, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(ReportFormat.RunLine(dry ? "DRY (one iteration; timings meaningless)" : "full", elapsed));
        sb.AppendLine();
        sb.AppendLine("| goal | met | measured |");
        sb.AppendLine("|---|---|---|");
        foreach (var g in goals)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {g.Name} | {(g.Met is null ? "n/a" : g.Met.Value ? "yes" : "**no**")} | {g.Measured} |");
        }

        sb.AppendLine();
        sb.AppendLine("| area | case | peer | ours | peer | peer ÷ ours | ours B/op | ours obj. | peer obj. | ours status | peer status |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var e in entries)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {e.Area} | {e.Case} | {e.Peer ?? "–"} | {Ns(e.OursMedianNs)} | {Ns(e.PeerMedianNs)} | {Fmt(e.Ratio)} | {Fmt(e.OursAllocatedBytes)} | {e.OursObjective?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {e.PeerObjective?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {e.OursStatus ?? "–"} | {e.PeerStatus ?? "–"} |");
        }

        sb.AppendLine();
        foreach (var e in v.Eligibility)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {e.Case}: {e.Nodes} nodes; RulesEngine rule `{(e.RulesEngineExpression.Length > 160 ? e.RulesEngineExpression[..160] + "…" : e.RulesEngineExpression)}`");
        }

        return sb.ToString();
    }
}
