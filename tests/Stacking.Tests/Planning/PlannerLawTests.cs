using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Planning;

/// <summary>The planner's laws, checked against the brute-force reference planner on small generated catalogs.</summary>
public sealed class PlannerLawTests
{
    private static readonly DateOnly AsOf = PlanningScenario.AsOf;

    /// <summary>Half the catalogs are planned without the greedy incumbent, so that branch and bound alone is checked too.</summary>
    internal static Planner PlannerFor(Catalog catalog) =>
        new(catalog, new ReferenceOracle(catalog)) { GreedyIncumbent = catalog.Credentials.Length % 2 == 0 };

    internal static PlanResult Solve(PlanningScenario s, PlanRequestOptions? options = null) =>
        PlannerFor(s.Catalog).PlanGoal(s.Goal, s.Learner, AsOf, options);

    private static IReadOnlyList<CredentialId> Ids(PlanResult r) => [.. r.Steps.Select(s => s.Credential)];

    internal static bool Agrees(PlanningScenario s, PlanObjective objective, bool engine = false)
    {
        var reference = new ReferencePlanner(s.Catalog);
        var optimum = reference.Optimum(s.Goal, s.Learner, AsOf, objective);
        var options = new PlanRequestOptions { Objective = objective };
        var result = engine ? new Planner(s.Catalog).PlanGoal(s.Goal, s.Learner, AsOf, options) : Solve(s, options);
        if (optimum is null)
        {
            return result.Status == PlanStatus.Infeasible && result.Steps.IsEmpty && result.InfeasibleReason is not null;
        }

        return result.Status == PlanStatus.Optimal
            && result.ObjectiveValue == optimum
            && result.LowerBound == optimum
            && reference.Replays(s.Goal, s.Learner, AsOf, Ids(result));
    }

    /// <summary>A result's status and figures are true of the brute-force optimum (null: no plan exists).</summary>
    internal static bool Brackets(PlanResult result, decimal? optimum) => result.Status switch
    {
        PlanStatus.Optimal => optimum == result.ObjectiveValue,
        PlanStatus.Feasible => optimum is { } o && result.LowerBound <= o && o <= result.ObjectiveValue,
        PlanStatus.Unknown => optimum is null || result.LowerBound <= optimum,
        PlanStatus.Infeasible => optimum is null,
        _ => false,
    };

    [Property(MaxTest = 300)]
    public Property ThePlanIsOptimalAndInfeasibleExactlyWhenBruteForceFindsNoPlan() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), s => Agrees(s, PlanObjective.Hours));

    [Property(MaxTest = 150)]
    public Property AnyRequirementAsAGoalIsPlannedOptimally() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s => Agrees(s, PlanObjective.Weighted(1m, 2m)));

    [Property(MaxTest = 150)]
    public Property EveryStepIsEligibleWhenTakenAndTheGoalHoldsAtTheEnd() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), s =>
        {
            var result = Solve(s, new PlanRequestOptions { Objective = PlanObjective.Cost });
            var reference = new ReferencePlanner(s.Catalog);
            return !result.HasPlan || (reference.Replays(s.Goal, s.Learner, AsOf, Ids(result))
                && result.Steps.Select(x => x.Stage).SequenceEqual(result.Steps.Select(x => x.Stage).Order()));
        });

    [Property(MaxTest = 150)]
    public Property AnEligibleLearnerGetsTheEmptyPlan() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), s =>
        {
            var holds = new ReferenceOracle(s.Catalog).GoalHolds(s.Goal, s.Learner, AsOf, []);
            var result = Solve(s);
            return !holds || (result.Status == PlanStatus.Optimal && result.Steps.IsEmpty && result.ObjectiveValue == 0m);
        });

    [Property(MaxTest = 150)]
    public Property AddingAHoldingNeverRaisesTheOptimalCost() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), Gen.Choose(0, 5).ToArbitrary(), (s, pick) =>
        {
            var id = s.Catalog.Credentials[pick % s.Catalog.Credentials.Length].Id;
            var richer = s with { Learner = s.Learner.WithHoldings([new Holding(id, AsOf.AddDays(-1), 100m)]) };
            var before = Solve(s);
            var after = Solve(richer);
            return before.Status != PlanStatus.Optimal
                || (after.Status == PlanStatus.Optimal && after.ObjectiveValue <= before.ObjectiveValue);
        });

    [Property(MaxTest = 150)]
    public Property TheSameInputInAnyOrderGivesTheSamePlan() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), Gen.Choose(0, 1000).ToArbitrary(), (s, seed) =>
        {
            var random = new Random(seed);
            var shuffled = s with
            {
                Catalog = new Catalog(s.Catalog.Credentials.OrderBy(_ => random.Next())),
                Learner = s.Learner with
                {
                    Holdings = [.. s.Learner.Holdings.OrderBy(_ => random.Next())],
                    Exceptions = [.. s.Learner.Exceptions.OrderBy(_ => random.Next())],
                },
            };
            var a = Solve(s);
            var b = Solve(shuffled);
            var c = Solve(s);
            return a.Status == b.Status
                && Ids(a).SequenceEqual(Ids(b))
                && Ids(a).SequenceEqual(Ids(c))
                && a.ObjectiveValue == b.ObjectiveValue
                && a.LowerBound == b.LowerBound;
        });

    [Property(MaxTest = 150)]
    public Property ABudgetedRunBracketsTheTrueOptimum() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), Gen.Choose(0, 4).ToArbitrary(), (s, nodes) =>
        {
            var optimum = new ReferencePlanner(s.Catalog).Optimum(s.Goal, s.Learner, AsOf, PlanObjective.Hours);
            var result = Solve(s, new PlanRequestOptions { NodeLimit = nodes });
            return Brackets(result, optimum);
        });

    [Property(MaxTest = 100)]
    public Property ACancelledRunStillBracketsTheTrueOptimum() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), s =>
        {
            // Cancelled before it starts: the root bound is abandoned (bound 0) and nothing unproven may be claimed.
            var optimum = new ReferencePlanner(s.Catalog).Optimum(s.Goal, s.Learner, AsOf, PlanObjective.Hours);
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            var result = PlannerFor(s.Catalog).PlanGoal(s.Goal, s.Learner, AsOf, null, cancelled.Token);
            return Brackets(result, optimum);
        });

    [Property(MaxTest = 200)]
    public Property AStoppedRunIsOptimalOnlyWithTheUnbudgetedPlan() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), Gen.Choose(0, 40).ToArbitrary(), (s, k) =>
        {
            // Cancelled when the oracle is asked its k-th question: at any point of the construction, the improvement,
            // the root bound or the search. Spec §8: which optimal plan is returned must not depend on timing, so a run
            // the stop changed is never Optimal; an Optimal answer is the unbudgeted one, plan and all.
            var optimum = new ReferencePlanner(s.Catalog).Optimum(s.Goal, s.Learner, AsOf, PlanObjective.Hours);
            var full = Solve(s);
            using var source = new CancellationTokenSource();
            var oracle = new CancellingOracle(new ReferenceOracle(s.Catalog), k, source);
            var planner = new Planner(s.Catalog, oracle) { GreedyIncumbent = PlannerFor(s.Catalog).GreedyIncumbent };
            var stopped = planner.PlanGoal(s.Goal, s.Learner, AsOf, null, source.Token);
            var sound = !stopped.HasPlan || new ReferencePlanner(s.Catalog).Replays(s.Goal, s.Learner, AsOf, Ids(stopped));
            var optimalIsTheUnbudgeted = stopped.Status != PlanStatus.Optimal
                || (full.Status == PlanStatus.Optimal && Ids(stopped).SequenceEqual(Ids(full)) && stopped.LowerBound == full.LowerBound);
            return (Brackets(stopped, optimum) && sound && optimalIsTheUnbudgeted)
                .Classify(source.IsCancellationRequested, "cancelled")
                .Classify(stopped.Status == PlanStatus.Feasible && stopped.LowerBound == stopped.ObjectiveValue, "feasible with a zero gap");
        });

    /// <summary>Screening ruin and recreate's moves by the root's bound without the dropped step (and putting the root's
    /// values back for the root node) changes nothing: the same answer, plan, bound and number of nodes as without.</summary>
    [Property(MaxTest = 300)]
    public Property ScreenedRuinAndRecreateGivesTheSameAnswerAsThePlainOne() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s =>
        {
            PlanResult Run(bool screen) =>
                new Planner(s.Catalog, new ReferenceOracle(s.Catalog)) { ScreenRuinMoves = screen }
                    .PlanGoal(s.Goal, s.Learner, AsOf, new PlanRequestOptions { Objective = PlanObjective.Weighted(1m, 2m) });
            var plain = Run(screen: false);
            var screened = Run(screen: true);
            return plain.Status == screened.Status
                && plain.Steps.Select(x => x.Credential).SequenceEqual(screened.Steps.Select(x => x.Credential))
                && plain.LowerBound == screened.LowerBound
                && plain.NodesExplored == screened.NodesExplored;
        });

    /// <summary>Skipping ruin and recreate when the root bound is within a gap of the constructed plan can only change which
    /// optimal plan is found: with no gap (always ruin and recreate), the default one and one that skips it almost always,
    /// the answer is the same status, value and bound, and every plan replays on the brute-force reference.</summary>
    [Property(MaxTest = 300)]
    public Property SkippingRuinAndRecreateWithinTheGapChangesNoValue() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s =>
        {
            var objective = PlanObjective.Weighted(1m, 2m);
            var reference = new ReferencePlanner(s.Catalog);
            var answers = new[] { 0m, PlanSearch.DefaultRuinGap, 100m }
                .Select(gap => new Planner(s.Catalog, new ReferenceOracle(s.Catalog)) { RuinGap = gap }
                    .PlanGoal(s.Goal, s.Learner, AsOf, new PlanRequestOptions { Objective = objective }))
                .ToList();
            return answers.All(a => a.Status == answers[0].Status && a.ObjectiveValue == answers[0].ObjectiveValue
                    && a.LowerBound == answers[0].LowerBound
                    && (a.Status != PlanStatus.Optimal || reference.Replays(s.Goal, s.Learner, AsOf, [.. a.Steps.Select(x => x.Credential)])));
        });

    /// <summary>The per-catalog arrays a planner keeps between requests (ids and the engine's numbering of them, hours,
    /// cost, pool values, the last objective's weights) change nothing: a planner reused for a sequence of requests with
    /// alternating objectives (1 and 1.0 are the same weight but print differently) and learners (with and without the
    /// holdings) answers each exactly as a fresh planner does, to the digit.</summary>
    [Property(MaxTest = 150)]
    public Property AReusedPlannerAnswersEveryRequestAsAFreshOne() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s =>
        {
            var objectives = new[] { PlanObjective.Hours, PlanObjective.Weighted(1.0m, 0m), PlanObjective.Weighted(1m, 2m), PlanObjective.Cost, PlanObjective.Hours };
            var learners = new[] { s.Learner, s.Learner with { Holdings = [] } };
            var reused = new Planner(s.Catalog);
            string Answer(Planner planner, PlanObjective objective, LearnerRecord learner)
            {
                var r = planner.PlanGoal(s.Goal, learner, AsOf, new PlanRequestOptions { Objective = objective });
                return string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{r.Status} {r.ObjectiveValue} {r.LowerBound} {r.NodesExplored} {string.Join(",", r.Steps.Select(x => x.Credential))}");
            }

            return objectives.SelectMany(o => learners.Select(l => (o, l)))
                .All(t => Answer(reused, t.o, t.l) == Answer(new Planner(s.Catalog), t.o, t.l));
        });

    [Property(MaxTest = 100)]
    public Property TheParetoFrontIsTheBruteForceFront() =>
        Prop.ForAll(PlanningGenerators.Scenarios(maxCredentials: 5), s =>
        {
            var expected = new ReferencePlanner(s.Catalog).ParetoFront(s.Goal, s.Learner, AsOf);
            var front = PlannerFor(s.Catalog).ParetoFrontGoal(s.Goal, s.Learner, AsOf);
            return front.All(p => p.Status == PlanStatus.Optimal)
                && front.Select(p => (p.Hours, p.Cost)).SequenceEqual(expected);
        });

    /// <summary>The Pareto front of any requirement as a goal (pools, choices, skills, shared nodes) is the brute-force
    /// front too, and every point's plan replays.</summary>
    [Property(MaxTest = 60)]
    public Property TheParetoFrontOfAnyGoalIsTheBruteForceFront() =>
        Prop.ForAll(PlanningGenerators.Scenarios(maxCredentials: 6, randomGoal: true), s =>
        {
            var reference = new ReferencePlanner(s.Catalog);
            var expected = reference.ParetoFront(s.Goal, s.Learner, AsOf);
            var front = PlannerFor(s.Catalog).ParetoFrontGoal(s.Goal, s.Learner, AsOf);
            return front.All(p => p.Status == PlanStatus.Optimal && reference.Replays(s.Goal, s.Learner, AsOf, Ids(p)))
                && front.Select(p => (p.Hours, p.Cost)).SequenceEqual(expected);
        });

    /// <summary>Several targets at once (<see cref="Planner.PlanAll"/>, the shared <c>allOf</c> of their leaves) are planned
    /// optimally: the brute-force optimum of every target held at once, or infeasible exactly when it has no plan.</summary>
    [Property(MaxTest = 100)]
    public Property SeveralTargetsArePlannedOptimallyAtOnce() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), Gen.Choose(0, 1000).ToArbitrary(), (s, pick) =>
        {
            var ids = s.Catalog.Credentials.Select(c => c.Id).ToList();
            CredentialId[] targets = [.. new[] { ids[pick % ids.Count], ids[pick / 10 % ids.Count], ids[pick / 100 % ids.Count] }.Take(1 + (pick % 3)).Distinct()];
            var goal = Rule.AllOf([.. targets.Select(t => (Requirement)Rule.Credential(t))]) with { Shared = true };
            var reference = new ReferencePlanner(s.Catalog);
            var optimum = reference.Optimum(goal, s.Learner, AsOf, PlanObjective.Cost);
            var result = PlannerFor(s.Catalog).PlanAll(targets, s.Learner, AsOf, new PlanRequestOptions { Objective = PlanObjective.Cost });
            return optimum is null
                ? result.Status == PlanStatus.Infeasible
                : result.Status == PlanStatus.Optimal && result.ObjectiveValue == optimum && result.LowerBound == optimum
                    && reference.Replays(goal, s.Learner, AsOf, Ids(result));
        });

    [Property(MaxTest = 200)]
    public Property WithTheEligibilityEngineThePlanIsTheBruteForceOptimum() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), s => Agrees(s, PlanObjective.Hours, engine: true));

    [Property(MaxTest = 100)]
    public Property WithTheEligibilityEngineAnyGoalIsPlannedOptimally() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s => Agrees(s, PlanObjective.Weighted(2m, 1m), engine: true));
}
