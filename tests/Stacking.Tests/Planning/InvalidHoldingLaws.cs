using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Planning;

/// <summary>
/// A holding that is not valid at T (expired, or earned after T) is no item (spec §4: invalid holdings never count;
/// §5: a substitution makes only valid holdings of Y holdings of X), so the bounds leave it out: it changes no bound
/// and no plan, and a step that earns its class again is still a retake.
/// </summary>
public sealed class InvalidHoldingLaws
{
    private static readonly DateOnly AsOf = PlanningScenario.AsOf;

    /// <summary>Without its invalid holdings the learner gets the same held classes, root bounds and plan; the plan's
    /// value is the brute-force optimum.</summary>
    [Property(MaxTest = 200)]
    public Property InvalidHoldingsChangeNoBoundAndNoPlan() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s => SameWithoutInvalid(s));

    /// <summary>The same law on goals of pools (counts, credits, atLeast over overlapping ids, with held items).</summary>
    [Property(MaxTest = 200)]
    public Property InvalidHoldingsChangeNoBoundAndNoPlanOnPoolGoals() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(), s => SameWithoutInvalid(s));

    /// <summary>Found by the real-catalog sweep (docs/performance.md, <c>--scip-real</c>): a NEU degree's learner held
    /// a course whose holding had expired under <c>validFor</c>; the bounds took its class as held, for free, and the
    /// root bound stayed two courses below the optimum (4 680 against 5 040 hours), so the search could not prove it in
    /// 10 s. Here: T needs A and B, the learner's A has expired; the bound is the optimum, A + B + T = 35, not 25.</summary>
    [Fact]
    public void AnExpiredHoldingIsPaidForInTheBounds()
    {
        var catalog = new Catalog(
        [
            new Credential("A") { Hours = 10, ValidFor = Period.FromYears(1) },
            new Credential("B") { Hours = 20 },
            new Credential("T") { Hours = 5, Requires = Rule.AllOf(Rule.Credential("A"), Rule.Credential("B")) },
        ]);
        var learner = new LearnerRecord("l", [new Holding("A", AsOf.AddYears(-2), 90m)]);
        var goal = Rule.Credential("T");
        var problem = new PlanningProblem(new CompiledCatalog(catalog), new ReferenceOracle(catalog), goal, learner, AsOf, PlanObjective.Hours);
        var none = problem.NewSet();
        var a = problem.Catalog.Index["A"];
        Assert.False(problem.IsHeld[a]);
        Assert.True(problem.IsRetake[a]);

        var bounds = new LowerBounds(problem, problem.Weight);
        bounds.Compute(none, none);
        Assert.Equal(35m, bounds.GoalBound(problem.Goal));
        Assert.Equal(35m, new LandmarkCut(problem, problem.Weight).Bound(none, none, none, goalMet: false));

        var result = new Planner(catalog).Plan("T", learner, AsOf, new PlanRequestOptions { NodeLimit = 0 });
        // The root bound meets the plan, so the first node proves it (before: Feasible with a bound of 25).
        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(35m, result.LowerBound);
        Assert.Equal(35m, result.ObjectiveValue);
        Assert.Equal(new[] { "A", "B", "T" }, result.Steps.Select(s => s.Credential.Value).Order(StringComparer.Ordinal));
        Assert.True(result.Steps.Single(s => s.Credential.Value == "A").IsRetake);
        Assert.False(result.Steps.Single(s => s.Credential.Value == "B").IsRetake);
    }

    private static bool SameWithoutInvalid(PlanningScenario s)
    {
        var valid = s.Learner with
        {
            Holdings = [.. s.Learner.Holdings.Where(h => h.IsValidAt(AsOf, s.Catalog.Find(h.Credential)?.ValidFor))],
        };
        var compiled = new CompiledCatalog(s.Catalog);
        var oracle = new ReferenceOracle(s.Catalog);
        var options = new PlanRequestOptions { Objective = PlanObjective.Hours, NodeLimit = 1_000_000 };
        var planner = new Planner(s.Catalog);
        var (heldA, boundsA, cutA) = Root(new PlanningProblem(compiled, oracle, s.Goal, s.Learner, AsOf, PlanObjective.Hours));
        var (heldB, boundsB, cutB) = Root(new PlanningProblem(compiled, oracle, s.Goal, valid, AsOf, PlanObjective.Hours));
        var original = planner.PlanGoal(s.Goal, s.Learner, AsOf, options);
        var stripped = planner.PlanGoal(s.Goal, valid, AsOf, options);
        var optimum = new ReferencePlanner(s.Catalog).Optimum(s.Goal, s.Learner, AsOf, PlanObjective.Hours);
        return heldA == heldB && boundsA == boundsB && cutA == cutB
            && original.Status == stripped.Status
            && original.ObjectiveValue == stripped.ObjectiveValue
            && original.Steps.Select(p => p.Credential).SequenceEqual(stripped.Steps.Select(p => p.Credential))
            && (optimum is { } o ? original.Status == PlanStatus.Optimal && original.ObjectiveValue == o : original.Status == PlanStatus.Infeasible);
    }

    private static (string Held, decimal Bounds, decimal Cut) Root(PlanningProblem problem)
    {
        var none = problem.NewSet();
        var bounds = new LowerBounds(problem, problem.Weight);
        bounds.Compute(none, none);
        var cut = new LandmarkCut(problem, problem.Weight).Bound(none, none, none, goalMet: false);
        var held = string.Join(",", problem.IsHeld.Select(b => b ? '1' : '0')) + "/" + string.Join(",", problem.HeldItems);
        return (held, bounds.GoalBound(problem.Goal), cut);
    }
}
