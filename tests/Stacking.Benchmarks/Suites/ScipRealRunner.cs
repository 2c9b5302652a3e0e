using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Serialization;
using static Stacking.Benchmarks.Reporting.ReportFormat;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// <c>--scip-real</c>: our planner against an independent exact solver on the real catalogs (GT and NEU of
/// <c>shared/data</c>, read at run time), every target with a requirement, several learners each, the hours and the
/// cost objective. Ours plans to optimum (the peers' 10 s limit); SCIP solves the CP-SAT peer's model
/// (<see cref="CpSatPlanningModel"/>, exact on these acyclic catalogs without equivalences) and CP-SAT with two workers
/// takes over where SCIP does not prove its optimum within the cap. Every plan of ours is also replayed step by step
/// with the public <see cref="EligibilityEvaluator"/>. Writes scip-real.json and scip-real.md (<c>.dry</c> for --dry).
/// </summary>
/// <remarks>
/// <para>The published catalogs have no cost and no <c>validFor</c>, so each is read with a deterministic cost per
/// credential (50 to 1 000, from a hash of its id) and <c>validFor: P4Y</c> on every other credential (by the same
/// hash), so that the cost objective differs from the hours one and old holdings expire. Nothing else changes.</para>
/// <para>Learners per target: none; <c>fresh</c> (20–50% of the cone's credentials without a requirement, earned in
/// the last year, scores 85–100); <c>mixed</c> (the same, scores 40–100 or none, so some fail a <c>minScore</c>);
/// <c>stale</c> (earned up to eight years ago, so those with <c>validFor</c> may have expired, scores 50–100, and one
/// holding dated after the as-of date); <c>inner</c> (20–50% of the whole cone, requirements or not, scores 40–100,
/// earned up to eight years ago: held intermediate credentials, some to retake). The share is taken of the credentials
/// the target's requirement names, the cone without the matches of a pool "of anything" (a NEU degree's total
/// credits): 20–50% of the whole NEU catalog would be a learner of 400–1 000 courses.</para>
/// <para>A disagreement (exit 1): ours <c>Optimal</c> at another value than the peer's proven optimum; ours
/// <c>Infeasible</c> where the peer has a plan, or a plan where the peer proves none; a bound of ours above the peer's
/// optimum; a plan of ours below the peer's proven bound; a plan of ours that fails the replay.</para>
/// </remarks>
public static class ScipRealRunner
{
    /// <summary>The as-of date of every question.</summary>
    public static readonly DateOnly AsOf = new(2025, 6, 1);

    private static readonly string[] LearnerKinds = ["none", "fresh", "mixed", "stale", "inner"];

    /// <summary>One question: target, learner and objective; ours, the replay, the peer, and the verdict.</summary>
    public sealed record Entry(
        string Catalog, string Target, string Learner, string Objective, int Candidates, int Holdings,
        string OursStatus, decimal OursObjective, decimal OursBound, int OursSteps, double OursMs, string Replay,
        string Peer, string PeerStatus, decimal? PeerObjective, decimal? PeerBound, double PeerMs, string Verdict);

    /// <summary>A target left out, and why.</summary>
    public sealed record Skipped(string Catalog, string Target, int Candidates, string Reason);

    private sealed record Settings(string Name, int DryTargets, double OursSeconds, double PeerCapSeconds, double BudgetSeconds, bool Shuffle);

    public static int Run(bool dry)
    {
        var output = OutputFolder();
        var started = Stopwatch.StartNew();
        Console.WriteLine($"Stacking vs SCIP on the real catalogs ({(dry ? "dry run" : "full run")}), output in {output}");
        var entries = new List<Entry>();
        var skipped = new List<Skipped>();
        var walls = new Dictionary<string, TimeSpan>();
        var settings = new[]
        {
            // GT: every one of the 913 targets (cones of 2–89 courses); NEU: degrees in a fixed shuffled order until the budget.
            new Settings("gt-202502", DryTargets: 8, OursSeconds: dry ? 2 : 10, PeerCapSeconds: 30, BudgetSeconds: double.PositiveInfinity, Shuffle: false),
            new Settings("neu-2025", DryTargets: 1, OursSeconds: dry ? 2 : 10, PeerCapSeconds: dry ? 5 : 20, BudgetSeconds: dry ? 5 : 360, Shuffle: true),
        };
        foreach (var s in settings)
        {
            if (RealCatalogs.Find(s.Name) is not { } path)
            {
                Console.WriteLine($"  {s.Name}: not found (set STACKING_DATA), skipped");
                continue;
            }

            var watch = Stopwatch.StartNew();
            Sweep(s, Priced(CatalogJson.ReadFile(path)), dry, entries, skipped);
            walls[s.Name] = watch.Elapsed;
        }

        var markdown = Markdown(entries, skipped, walls, started.Elapsed, dry);
        var name = dry ? "scip-real.dry" : "scip-real";
        var jsonPath = Write(output, name, entries, markdown);
        File.WriteAllText(Path.Combine(output, name + ".skipped.json"), System.Text.Json.JsonSerializer.Serialize(skipped, JsonOptions) + "\n");
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {jsonPath} ({entries.Count} questions) in {started.Elapsed.TotalMinutes:0.0} min.");
        return entries.Count == 0 || entries.Any(e => e.Verdict.StartsWith("DISAGREE", StringComparison.Ordinal)) ? 1 : 0;
    }

    /// <summary>The catalog with a deterministic cost on every credential and <c>validFor: P4Y</c> on every other one.</summary>
    public static Catalog Priced(Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var fourYears = Period.FromYears(4);
        var credentials = catalog.Credentials.Select(c =>
        {
            var h = Fnv(c.Id.Value);
            return c with { Cost = 50m * (1 + (h % 20)), ValidFor = c.ValidFor ?? ((h / 20) % 2 == 0 ? fourYears : null) };
        });
        return new Catalog(credentials, catalog.Name, catalog.Currency ?? "USD", catalog.Skills?.AsEnumerable(), catalog.Extensions);
    }

    private static void Sweep(Settings s, Catalog catalog, bool dry, List<Entry> entries, List<Skipped> skipped)
    {
        var planner = new Planner(catalog);
        var evaluator = new EligibilityEvaluator(catalog);
        var targets = catalog.Credentials.Where(c => c.Requires is not null).Select(c => c.Id).Order().ToList();
        var cones = new Dictionary<CredentialId, HashSet<CredentialId>>();
        HashSet<CredentialId> Cone(CredentialId t) => cones.TryGetValue(t, out var c) ? c : cones[t] = PlanningCone.Of(catalog, t, weightedPools: true);
        if (dry)
        {
            // The smallest cones (NEU), or targets evenly spread over the ordinal order (GT).
            targets = s.Shuffle
                ? [.. targets.OrderBy(t => Cone(t).Count).ThenBy(t => t).Take(s.DryTargets)]
                : [.. Enumerable.Range(0, s.DryTargets).Select(i => targets[(i * targets.Count) / s.DryTargets])];
        }
        else if (s.Shuffle)
        {
            // A fixed pseudo-random order, so that a budget that stops early still samples every college.
            targets = [.. targets.OrderBy(t => Fnv("order:" + t.Value)).ThenBy(t => t)];
        }

        var budget = Stopwatch.StartNew();
        var asked = 0;
        foreach (var target in targets)
        {
            var cone = Cone(target);
            if (budget.Elapsed.TotalSeconds > s.BudgetSeconds)
            {
                skipped.Add(new Skipped(s.Name, target.Value, cone.Count, FormattableString.Invariant($"not reached within the {s.BudgetSeconds:0} s budget")));
                continue;
            }

            var rng = new Random((int)(Fnv(target.Value) & 0x7fffffff));
            var named = Named(catalog, target);
            var leaves = named.Where(id => catalog[id].Requires is null).ToList();
            var goal = Rule.Credential(target);
            var first = true;
            foreach (var kind in LearnerKinds)
            {
                var learner = Learner(kind, kind == "inner" ? named : leaves, rng);
                foreach (var (objective, label) in new[] { (PlanObjective.Hours, "hours"), (PlanObjective.Cost, "cost") })
                {
                    var entry = Ask(s, catalog, planner, evaluator, target, goal, kind, learner, objective, label);
                    if (entry is null)
                    {
                        skipped.Add(new Skipped(s.Name, target.Value, cone.Count, "the peer's model is not exact here"));
                        goto nextTarget;
                    }

                    if (first && entry.PeerStatus is not ("OPTIMAL" or "INFEASIBLE" or "Optimal" or "Infeasible"))
                    {
                        skipped.Add(new Skipped(s.Name, target.Value, entry.Candidates, FormattableString.Invariant($"neither SCIP nor CP-SAT proves the first question within {s.PeerCapSeconds:0} s each ({entry.PeerStatus})")));
                        goto nextTarget;
                    }

                    first = false;
                    entries.Add(entry);
                    asked++;
                    if (entry.Verdict != "equal" || entry.Replay != "valid")
                    {
                        Console.WriteLine("  " + Row(entry));
                    }
                }
            }

        nextTarget:
            if (asked > 0 && asked % 400 == 0)
            {
                Console.WriteLine(FormattableString.Invariant($"  {s.Name}: {asked} questions at {budget.Elapsed.TotalSeconds:0} s"));
            }
        }
    }

    /// <summary>
    /// The credentials the requirements of the target's cone name, without the matches of pools "of anything"
    /// (<c>any: true</c> and nothing else), and without the target: what a learner's holdings are drawn from.
    /// </summary>
    private static List<CredentialId> Named(Catalog catalog, CredentialId target)
    {
        var seen = new HashSet<CredentialId> { target };
        var queue = new Queue<CredentialId>();
        queue.Enqueue(target);
        while (queue.Count > 0)
        {
            if (catalog[queue.Dequeue()].Requires is not { } requires)
            {
                continue;
            }

            foreach (var node in requires.DescendantsAndSelf())
            {
                IEnumerable<CredentialId> used = node switch
                {
                    CredentialRequirement leaf when catalog.Contains(leaf.Credential) => [leaf.Credential],
                    PoolRequirement pool when !IsAnything(pool.From) => catalog.Credentials.Where(d => SelectorMatch.Matches(catalog, pool.From, d)).Select(d => d.Id),
                    SkillRequirement skill => catalog.Credentials.Where(d => d.SkillLevel(skill.Skill) >= skill.Level).Select(d => d.Id),
                    _ => [],
                };
                foreach (var id in used)
                {
                    if (seen.Add(id))
                    {
                        queue.Enqueue(id);
                    }
                }
            }
        }

        seen.Remove(target);
        return [.. seen.Order()];
    }

    private static bool IsAnything(Selector s) =>
        s.Any && s.Ids.IsEmpty && s.Tag is null && s.Kind is null && s.Issuer is null && s.MinLevel is null && s.Skill is null;

    private static LearnerRecord Learner(string kind, List<CredentialId> leaves, Random rng)
    {
        if (kind == "none" || leaves.Count == 0)
        {
            return new LearnerRecord(kind);
        }

        var share = 0.2 + (0.3 * rng.NextDouble());
        var take = Math.Max(1, (int)Math.Round(share * leaves.Count));
        var chosen = leaves.OrderBy(_ => rng.Next()).Take(take).Order().ToList();
        var holdings = new List<Holding>();
        foreach (var id in chosen)
        {
            var holding = kind switch
            {
                "fresh" => new Holding(id, AsOf.AddDays(-rng.Next(0, 366)), rng.Next(85, 101)),
                "mixed" => new Holding(id, AsOf.AddDays(-rng.Next(0, 366)), rng.Next(4) == 0 ? null : rng.Next(40, 101)),
                "inner" => new Holding(id, AsOf.AddDays(-rng.Next(0, (8 * 365) + 1)), rng.Next(40, 101)),
                _ => new Holding(id, AsOf.AddDays(-rng.Next(0, (8 * 365) + 1)), rng.Next(50, 101)),
            };
            holdings.Add(holding);
        }

        if (kind == "stale")
        {
            // Not yet earned at the as-of date: never valid.
            holdings[0] = holdings[0] with { Earned = AsOf.AddDays(30) };
        }

        return new LearnerRecord(kind, holdings);
    }

    private static Entry? Ask(
        Settings s, Catalog catalog, Planner planner, EligibilityEvaluator evaluator, CredentialId target, Requirement goal,
        string kind, LearnerRecord learner, PlanObjective objective, string label)
    {
        var model = new CpSatPlanningModel(catalog, target, learner, AsOf, objective.HoursWeight, objective.CostWeight, weightedPools: true);
        if (!model.IsExact)
        {
            return null;
        }

        var options = new PlanRequestOptions
        {
            Objective = objective,
            NodeLimit = 1_000_000_000,
            TimeLimit = TimeSpan.FromSeconds(s.OursSeconds),
        };
        var watch = Stopwatch.StartNew();
        var ours = planner.Plan(target, learner, AsOf, options);
        var oursMs = watch.Elapsed.TotalMilliseconds;
        var replay = ours.HasPlan ? Replay(catalog, evaluator, goal, learner, ours, objective) : "no plan";

        var peer = "SCIP";
        CpSatOutcome outcome;
        using (var mip = new RelaxedPlanningModel(model, integer: true))
        {
            // Proven means proven: no relative or absolute gap tolerance.
            mip.Parameters("limits/gap = 0\nlimits/absgap = 0");
            outcome = mip.Solve(s.PeerCapSeconds);
        }

        if (outcome.Status is not ("OPTIMAL" or "INFEASIBLE"))
        {
            var scip = outcome;
            outcome = model.Solve(2, s.PeerCapSeconds);
            peer = "CP-SAT";
            outcome = outcome with { Wall = outcome.Wall + scip.Wall };
        }

        var optimal = outcome.Status is "OPTIMAL" or "Optimal";
        var infeasible = outcome.Status is "INFEASIBLE" or "Infeasible";
        var proven = optimal ? outcome.Objective : null;
        const decimal eps = 0.005m;
        string verdict;
        if (ours.HasPlan && replay != "valid")
        {
            verdict = "DISAGREE: our plan fails the replay";
        }
        else if (infeasible)
        {
            verdict = ours.Status == PlanStatus.Infeasible ? "equal" : ours.HasPlan ? "DISAGREE: a plan of ours where the peer proves none" : "ours unknown, peer infeasible";
        }
        else if (ours.Status == PlanStatus.Infeasible)
        {
            verdict = outcome.Objective is not null ? "DISAGREE: ours infeasible where the peer has a plan" : "peer unproven";
        }
        else if (proven is { } optimum)
        {
            verdict = ours.LowerBound > optimum + eps ? "DISAGREE: our bound exceeds the optimum"
                : ours.Status == PlanStatus.Optimal && Math.Abs(ours.ObjectiveValue - optimum) > eps ? "DISAGREE: our optimum differs"
                : ours.HasPlan && ours.ObjectiveValue + eps < optimum ? "DISAGREE: our plan is below the peer's optimum"
                : ours.Status == PlanStatus.Optimal ? "equal"
                : "ours unproven in the limit (bound and plan bracket the optimum)";
        }
        else
        {
            // The peer ran out: its plan and bound still constrain ours.
            verdict = ours.Status == PlanStatus.Optimal && outcome.Objective is { } plan && plan + eps < ours.ObjectiveValue ? "DISAGREE: the peer has a cheaper plan than our optimum"
                : ours.HasPlan && outcome.Bound is { } bound && ours.ObjectiveValue + eps < bound ? "DISAGREE: our plan is below the peer's bound"
                : "peer unproven";
        }

        return new Entry(
            s.Name, target.Value, kind, label, model.Candidates, learner.Holdings.Length,
            ours.Status.ToString(), ours.ObjectiveValue, ours.LowerBound, ours.Steps.Length, oursMs, replay,
            peer, outcome.Status, outcome.Objective, outcome.Bound, outcome.Wall.TotalMilliseconds, verdict);
    }

    /// <summary>
    /// Replays a plan with the public evaluator: the steps are distinct catalog credentials, each eligible on the
    /// learner's holdings plus the earlier steps (earned at the as-of date), the goal met by the holdings plus all of
    /// them, and the plan's value the objective's sum over its steps. Returns "valid" or what failed.
    /// </summary>
    private static string Replay(Catalog catalog, EligibilityEvaluator evaluator, Requirement goal, LearnerRecord learner, PlanResult plan, PlanObjective objective)
    {
        var prepared = evaluator.Prepare(learner, AsOf);
        var earlier = new HashSet<CredentialId>();
        var value = 0m;
        foreach (var step in plan.Steps)
        {
            if (catalog.Find(step.Credential) is not { } credential)
            {
                return $"step {step.Credential} is not in the catalog";
            }

            if (earlier.Contains(step.Credential))
            {
                return $"step {step.Credential} is repeated";
            }

            if (evaluator.Check(step.Credential, prepared, earlier) != EligibilityStatus.Eligible)
            {
                return $"step {step.Credential} is not eligible after {earlier.Count} steps";
            }

            // The full evaluation (explanation path) must agree with the fast check.
            if (!evaluator.Evaluate(step.Credential, prepared, earlier).IsEligible)
            {
                return $"step {step.Credential}: Evaluate disagrees with Check";
            }

            earlier.Add(step.Credential);
            value += objective.ValueOf(credential.Hours, credential.Cost);
        }

        if (evaluator.CheckGoal(goal, prepared, earlier) != EligibilityStatus.Eligible)
        {
            return "the goal is not met after the last step";
        }

        return value == plan.ObjectiveValue ? "valid" : FormattableString.Invariant($"value {plan.ObjectiveValue} but the steps sum to {value}");
    }

    private static uint Fnv(string text)
    {
        var h = 2166136261u;
        foreach (var ch in text)
        {
            h = unchecked((h ^ ch) * 16777619u);
        }

        return h;
    }

    private static string Row(Entry e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{e.Catalog} {e.Target} / {e.Learner} / {e.Objective} ({e.Candidates} candidates, {e.Holdings} holdings): ours {e.OursStatus} {e.OursObjective} ≥ {e.OursBound} ({e.OursMs:0} ms, replay {e.Replay}); {e.Peer} {e.PeerStatus} {Dec(e.PeerObjective)} ({e.PeerMs:0} ms): {e.Verdict}");

    private static string Markdown(List<Entry> entries, List<Skipped> skipped, Dictionary<string, TimeSpan> walls, TimeSpan elapsed, bool dry)
    {
        var md = new StringBuilder();
        md.AppendLine(RunLine(dry ? "scip-real, dry" : "scip-real", elapsed, "SCIP and CP-SAT of Google.OrTools 9.15"));
        md.AppendLine();
        md.AppendLine("| catalog | targets | questions | equal | ours unproven (bracketed) | peer unproven | disagreements | plans replayed valid | targets skipped | ours median / max ms | peer median / max ms | wall |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var g in entries.GroupBy(e => e.Catalog))
        {
            var list = g.ToList();
            var withPlan = list.Where(e => e.OursStatus is "Optimal" or "Feasible").ToList();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {g.Key} | {list.Select(e => e.Target).Distinct().Count()} | {list.Count} | {list.Count(e => e.Verdict == "equal")} | {list.Count(e => e.Verdict.StartsWith("ours unproven", StringComparison.Ordinal))} | {list.Count(e => e.Verdict == "peer unproven")} | {list.Count(e => e.Verdict.StartsWith("DISAGREE", StringComparison.Ordinal))} | {withPlan.Count(e => e.Replay == "valid")} of {withPlan.Count} | {skipped.Count(k => k.Catalog == g.Key)} | {ScipSweepRunner.Median(list.Select(e => e.OursMs)):0.0} / {list.Max(e => e.OursMs):0} | {ScipSweepRunner.Median(list.Select(e => e.PeerMs)):0.0} / {list.Max(e => e.PeerMs):0} | {(walls.TryGetValue(g.Key, out var w) ? w.TotalSeconds : 0):0} s |");
        }

        md.AppendLine();
        if (entries.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Candidates per question {entries.Min(e => e.Candidates)}–{entries.Max(e => e.Candidates)}; peer: {entries.Count(e => e.Peer == "SCIP")} SCIP, {entries.Count(e => e.Peer == "CP-SAT")} CP-SAT (2 workers) after SCIP's cap; ours optimal {entries.Count(e => e.OursStatus == "Optimal")}, feasible {entries.Count(e => e.OursStatus == "Feasible")}, infeasible {entries.Count(e => e.OursStatus == "Infeasible")}, unknown {entries.Count(e => e.OursStatus == "Unknown")}.");
        }

        foreach (var g in skipped.GroupBy(k => (k.Catalog, k.Reason)))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- skipped, {g.Key.Catalog}: {g.Count()} target(s), {g.Key.Reason} (candidates {g.Min(k => k.Candidates)}–{g.Max(k => k.Candidates)})");
        }

        foreach (var e in entries.Where(e => e.Verdict != "equal"))
        {
            md.AppendLine();
            md.Append("- ").AppendLine(Row(e));
        }

        return md.ToString();
    }
}
