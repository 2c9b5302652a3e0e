using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Reporting;
using Stacking.Model;
using Stacking.Planning;
using static Stacking.Benchmarks.Reporting.ReportFormat;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// <c>--planner-scale</c> (issue 5): per case, the candidates in the cone, the time to a first plan, the time to the
/// proven optimum (with a cap), and the gap at fixed time budgets. One-shot Stopwatch wall times of the public
/// <see cref="Planner"/> API, objective hours; writes planner-scale.json and planner-scale.md.
/// </summary>
/// <remarks>
/// The search is deterministic for a given node budget, so a run with a larger budget repeats a smaller one's
/// nodes first: the time to the optimum is the wall time of the shortest time budget that proves it, and a budget
/// after one that proved it is not run again. Every call also has a hard wall: a call that does not return within
/// its time budget plus <see cref="Grace"/> is abandoned (reported; it keeps a core busy until the program ends).
/// </remarks>
public static class PlannerScaleRunner
{
    /// <summary>Node budgets tried, in order, for the first plan (each with the proof's time cap).</summary>
    public static readonly long[] Ladder = [0, 10, 100, 1_000, 10_000];

    /// <summary>A node budget that no run of this mode reaches: time budgets alone stop the search.</summary>
    public const long NoNodeLimit = 1_000_000_000;

    /// <summary>How long past its time budget a call may run before it is abandoned.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>The fixed time budgets of the gap columns.</summary>
    public static TimeSpan[] Budgets(bool dry) => dry ? [TimeSpan.FromMilliseconds(100)] : [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)];

    /// <summary>The cap on the proof of optimality.</summary>
    public static TimeSpan Cap(bool dry) => dry ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);

    public static int Run(bool dry, string? only = null)
    {
        var output = OutputFolder();
        var started = Stopwatch.StartNew();
        Console.WriteLine($"Stacking planner scale ({(dry ? "dry run: fewer cases, no NEU, 1 s cap" : "full run")}), output in {output}");
        Console.WriteLine($"Real catalogs: {RealCatalogs.DataFolder() ?? "not found (set STACKING_DATA)"}");
        WarmUp();

        var entries = new List<ScaleEntry>();
        var abandoned = 0;
        var planners = new Dictionary<Catalog, (Planner Planner, TimeSpan Build)>(ReferenceEqualityComparer.Instance);
        foreach (var c in ScaleCases.All(dry).Where(c => only is null || c.Group.Contains(only, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var entry = Measure(c, dry, planners, ref abandoned);
            entries.Add(entry);
            Console.WriteLine(Row(entry));
        }

        var markdown = Markdown(entries, planners, dry, started.Elapsed, abandoned);
        var jsonPath = Write(output, dry ? "planner-scale.dry" : "planner-scale", entries, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {jsonPath} ({entries.Count} cases) in {started.Elapsed.TotalMinutes:0.0} min.");
        return entries.Any(e => e.Error is not null || AllRuns(e).Any(r => r.Error is not null)) ? 1 : 0;
    }

    private static IEnumerable<ScaleRun> AllRuns(ScaleEntry e) =>
        new[] { e.FirstPlan, e.Optimum }.OfType<ScaleRun>().Concat(e.Budgets);

    /// <summary>JIT the planner and the eligibility engine on a small instance before anything is timed.</summary>
    private static void WarmUp()
    {
        var instance = InstanceGenerator.Planning(Cases.PlanningSettings(50, 0));
        var planner = new Planner(instance.Catalog);
        for (var i = 0; i < 3; i++)
        {
            planner.Plan(instance.Target, instance.Learner, instance.AsOf, new PlanRequestOptions { NodeLimit = 200, TimeLimit = TimeSpan.FromSeconds(1) });
        }
    }

    private static ScaleEntry Measure(ScaleCase c, bool dry, Dictionary<Catalog, (Planner Planner, TimeSpan Build)> planners, ref int abandoned)
    {
        Catalog catalog;
        CredentialId target;
        LearnerRecord learner;
        string learnerLabel;
        try
        {
            (catalog, target, learner, learnerLabel) = c.Load();
        }
#pragma warning disable CA1031 // A missing catalog is a finding to report, not a reason to lose the other cases.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new ScaleEntry { Group = c.Group, Case = c.Name, Learner = "–", Error = e.GetType().Name + ": " + e.Message };
        }

        if (!planners.TryGetValue(catalog, out var built))
        {
            var watch = Stopwatch.StartNew();
            built = (new Planner(catalog), watch.Elapsed);
            planners[catalog] = built;
        }

        var cap = Cap(dry);
        var candidates = PlanningCone.Of(catalog, target, weightedPools: true).Count;
        var asOf = InstanceGenerator.AsOf;
        var stuck = false;
        ScaleRun Call(long nodeLimit, TimeSpan timeLimit, ref int abandonedCalls)
        {
            var options = new PlanRequestOptions { Objective = PlanObjective.Hours, NodeLimit = nodeLimit, TimeLimit = timeLimit };
            var watch = Stopwatch.StartNew();
            var task = Task.Run(() => built.Planner.Plan(target, learner, asOf, options));
            var returned = false;
            try
            {
                returned = task.Wait(timeLimit + Grace);
            }
            catch (AggregateException e)
            {
                var inner = e.InnerException ?? e;
                return new ScaleRun { NodeLimit = nodeLimit, TimeLimitMs = timeLimit.TotalMilliseconds, WallMs = watch.Elapsed.TotalMilliseconds, Status = "error", Error = inner.GetType().Name + ": " + inner.Message };
            }

            var wall = watch.Elapsed;
            if (!returned)
            {
                abandonedCalls++;
                stuck = true;
                return new ScaleRun { NodeLimit = nodeLimit, TimeLimitMs = timeLimit.TotalMilliseconds, WallMs = wall.TotalMilliseconds, Status = "error", Error = $"did not return within its time budget + {Grace.TotalSeconds:0} s (abandoned)" };
            }

            var r = task.Result;
            return new ScaleRun
            {
                NodeLimit = nodeLimit,
                TimeLimitMs = timeLimit.TotalMilliseconds,
                WallMs = wall.TotalMilliseconds,
                Status = r.Status.ToString().ToLowerInvariant(),
                Objective = r.HasPlan ? r.ObjectiveValue : null,
                LowerBound = r.Status == PlanStatus.Infeasible ? null : r.LowerBound,
                Nodes = r.NodesExplored,
                Steps = r.Steps.Length,
            };
        }

        // First plan: the smallest node budget on the ladder that returns one.
        ScaleRun? first = null;
        ScaleRun? setupOnly = null;
        foreach (var limit in Ladder.Where(l => !dry || l <= 1_000))
        {
            first = Call(limit, cap, ref abandoned);
            setupOnly ??= first;
            if (first.HasPlan || first.Error is not null || first.Status == "infeasible" || first.WallMs >= cap.TotalMilliseconds)
            {
                break;
            }
        }

        // Gap at fixed time budgets, shortest first; once one proves the optimum the longer ones are that run.
        var budgets = new List<ScaleRun>();
        ScaleRun? proof = null;
        foreach (var budget in Budgets(dry))
        {
            if (stuck)
            {
                break;
            }

            if (proof is not null)
            {
                budgets.Add(proof with { TimeLimitMs = budget.TotalMilliseconds, SameAs = "shorter budget" });
                continue;
            }

            if (SetupExceeds(setupOnly, budget))
            {
                budgets.Add(setupOnly! with { TimeLimitMs = budget.TotalMilliseconds, SameAs = "NodeLimit 0" });
                continue;
            }

            var run = Call(NoNodeLimit, budget, ref abandoned);
            budgets.Add(run);
            if (run.Optimal || run.Status == "infeasible")
            {
                proof = run;
            }
        }

        // The proof: a budget run that proved the optimum, else the run with the cap; a ladder run that had the cap and
        // stopped on it (fewer nodes than its node budget) is that run.
        var optimum = proof
            ?? (stuck ? null
                : SetupExceeds(setupOnly, cap) ? setupOnly! with { SameAs = "NodeLimit 0" }
                : first is { Error: null } && first.Nodes <= first.NodeLimit && first.WallMs >= cap.TotalMilliseconds ? first with { SameAs = "NodeLimit " + first.NodeLimit.ToString(CultureInfo.InvariantCulture) }
                : Call(NoNodeLimit, cap, ref abandoned));
        return new ScaleEntry
        {
            Group = c.Group,
            Case = c.Name,
            Learner = learnerLabel,
            Candidates = candidates,
            FirstPlan = first,
            OptimumCapSeconds = cap.TotalSeconds,
            Optimum = optimum,
            Budgets = budgets,
        };
    }

    /// <summary>True when the NodeLimit 0 run found no plan and took more than 1.5 times the budget (see <see cref="ScaleRun.SameAs"/>).</summary>
    private static bool SetupExceeds(ScaleRun? setupOnly, TimeSpan budget) =>
        setupOnly is { HasPlan: false, Error: null } && setupOnly.Status != "infeasible" && setupOnly.WallMs > 1.5 * budget.TotalMilliseconds;

    private static string Row(ScaleEntry e) =>
        $"| {e.Group} | {e.Case} | {e.Learner} | {e.Candidates.ToString(CultureInfo.InvariantCulture)} | {FirstPlanCell(e)} | {OptimumCell(e)} | "
        + string.Join(" | ", e.Budgets.Select(BudgetCell))
        + (e.Error is null ? string.Empty : " | " + e.Error)
        + " |";

    private static string FirstPlanCell(ScaleEntry e) => e.FirstPlan switch
    {
        null => "–",
        { Error: { } error } => error,
        { HasPlan: true } r => string.Create(CultureInfo.InvariantCulture, $"{Ms(r.WallMs)}: {r.Status} {r.Objective} (NodeLimit {r.NodeLimit})"),
        { Status: "infeasible" } r => string.Create(CultureInfo.InvariantCulture, $"{Ms(r.WallMs)}: infeasible"),
        var r => string.Create(CultureInfo.InvariantCulture, $"none: {r.Status} at NodeLimit {r.NodeLimit} ({Ms(r.WallMs)})"),
    };

    private static string OptimumCell(ScaleEntry e) => e.Optimum switch
    {
        null => "–",
        { Error: { } error } => error,
        { Optimal: true } r => string.Create(CultureInfo.InvariantCulture, $"{Ms(r.WallMs)}: {r.Objective}, {r.Nodes} nodes, {r.Steps} steps"),
        { Status: "infeasible" } r => string.Create(CultureInfo.InvariantCulture, $"{Ms(r.WallMs)}: infeasible"),
        var r => string.Create(CultureInfo.InvariantCulture, $"not proven in {e.OptimumCapSeconds:0.#} s: {Outcome(r)}, {r.Nodes} nodes ({Ms(r.WallMs)}{(r.SameAs is { } same ? ", = the " + same + " run" : string.Empty)})"),
    };

    private static string BudgetCell(ScaleRun r) => r switch
    {
        { Error: { } error } => error,
        { SameAs: { } same } => string.Create(CultureInfo.InvariantCulture, $"{Outcome(r)} (= the {same} run)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Outcome(r)} ({Ms(r.WallMs)})"),
    };

    /// <summary>"optimal 310", "feasible 120 ≥ 80, gap 33.3%", "unknown, ≥ 80".</summary>
    private static string Outcome(ScaleRun r) => r switch
    {
        { Optimal: true } => string.Create(CultureInfo.InvariantCulture, $"optimal {r.Objective}"),
        { HasPlan: true } => string.Create(CultureInfo.InvariantCulture, $"{r.Status} {r.Objective} ≥ {r.LowerBound}, gap {Percent(r.Gap)}"),
        { LowerBound: { } bound } => string.Create(CultureInfo.InvariantCulture, $"{r.Status}, ≥ {bound}"),
        _ => r.Status,
    };

    private static string Markdown(List<ScaleEntry> entries, Dictionary<Catalog, (Planner Planner, TimeSpan Build)> planners, bool dry, TimeSpan elapsed, int abandoned)
    {
        var sb = new StringBuilder();
        sb.AppendLine(RunLine(dry ? "DRY (fewer cases, no NEU, 1 s cap; timings meaningless)" : "full", elapsed, "one-shot Stopwatch wall times"));
        sb.AppendLine();
        var budgets = Budgets(dry);
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| group | case | learner | candidates | first plan | proven optimum (cap {Cap(dry).TotalSeconds:0} s) | ")
            + string.Join(" | ", budgets.Select(b => "at " + Ms(b.TotalMilliseconds))) + " |");
        sb.AppendLine("|---|---|---|---|---|---|" + string.Concat(budgets.Select(_ => "---|")));
        foreach (var e in entries)
        {
            sb.AppendLine(Row(e));
        }

        sb.AppendLine();
        foreach (var (catalog, (_, build)) in planners.Where(p => p.Key.Name?.StartsWith("generated", StringComparison.Ordinal) != true))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- `new Planner(catalog)` for {catalog.Name} ({catalog.Credentials.Length} credentials): {Ms(build.TotalMilliseconds)} (once per catalog, not in the figures).");
        }

        if (abandoned > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {abandoned} call(s) did not return and were abandoned: every figure after the first one shares the CPU with it.");
        }

        return sb.ToString();
    }
}
