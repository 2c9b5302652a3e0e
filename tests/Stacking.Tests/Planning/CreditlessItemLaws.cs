using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;

namespace Stacking.Tests.Planning;

/// <summary>
/// A class whose members carry no credits (no hours) adds nothing to a credits (hours) pool, so the planner leaves it
/// out of such a pool's items: out of the cone and the dependency graph the bounds go round. A substitute keeps its
/// place, since a substitution lets it count with the credits of the credential it stands for (spec §5). These laws
/// check that leaving them out changes no plan.
/// </summary>
public sealed class CreditlessItemLaws
{
    private static readonly DateOnly AsOf = PlanningScenario.AsOf;

    /// <summary>Two "degrees" without credits or hours, each requiring credits from any credential (so each is an item of
    /// the other's pool, and of every pool of the scenario that selects by kind or any), and a goal that also needs
    /// credits from any: the plan is still the brute-force optimum, with the reference oracle and with the engine.</summary>
    [Property(MaxTest = 200)]
    public Property CreditlessDegreesInEveryCreditsPoolLeaveThePlanOptimal() =>
        Prop.ForAll(PlanningGenerators.Scenarios(maxCredentials: 6, randomGoal: true), Gen.Choose(1, 6).ToArbitrary(), (s, amount) =>
        {
            var extended = WithCreditlessDegrees(s, amount);
            return PlannerLawTests.Agrees(extended, PlanObjective.Weighted(1m, 2m))
                && PlannerLawTests.Agrees(extended, PlanObjective.Hours, engine: true);
        });

    /// <summary>The same on goals of overlapping pools (counts, credits, atLeast), where held items and classes meet.</summary>
    [Property(MaxTest = 150)]
    public Property CreditlessDegreesLeavePoolGoalsPlannedOptimally() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(maxCredentials: 6), Gen.Choose(1, 6).ToArbitrary(), (s, amount) =>
            PlannerLawTests.Agrees(WithCreditlessDegrees(s, amount), PlanObjective.Cost));

    /// <summary>Found on the NEU catalog: its 350 degrees carry no credits and each needs "credits from any", so every
    /// degree was an item of every other's pool; planning one degree built bounds for all of them, a cycle of 347, and
    /// took 1–2 s where it now takes tens of milliseconds. Here the cycle is three degrees; D3 needs C1 and 8 credits besides
    /// it (C1 cannot count twice, spec §6), so every course: C3 needs C2, which the credits take anyway.</summary>
    [Fact]
    public void DegreesWithoutCreditsAreNoItemsOfEachOthersCreditPools()
    {
        var credits = Rule.Credits(8, Select.Any);
        var catalog = new Catalog(
        [
            new Credential("C1") { Credits = 4, Hours = 30 },
            new Credential("C2") { Credits = 4, Hours = 10 },
            new Credential("C3") { Credits = 4, Hours = 20, Requires = Rule.Credential("C2") },
            new Credential("D1") { Kind = "degree", Requires = credits },
            new Credential("D2") { Kind = "degree", Requires = credits },
            new Credential("D3") { Kind = "degree", Requires = Rule.AllOf(credits, Rule.Credential("C1")) },
        ]);

        var result = new Planner(catalog).Plan("D3", new LearnerRecord("l"), AsOf, new PlanRequestOptions { Objective = PlanObjective.Hours });

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(60m, result.ObjectiveValue);
        Assert.Equal(["C1", "C2", "C3", "D3"], result.Steps.Select(step => step.Credential.Value).Order(StringComparer.Ordinal));
    }

    /// <summary>A substitute without credits of its own stays an item: "use Y for X" lets Y count with X's 4 credits in a
    /// pool that names X (spec §5), and Y is the cheaper way to 4 credits.</summary>
    [Fact]
    public void ACreditlessSubstituteStillCountsWithTheCreditsOfWhatItStandsFor()
    {
        var catalog = new Catalog(
        [
            new Credential("X") { Credits = 4, Hours = 30 },
            new Credential("Y") { Hours = 5 },
            new Credential("Q") { Requires = Rule.Credits(4, Select.Ids("X")) },
        ]);
        var learner = new LearnerRecord("l", [], [new Substitution("X", "Y")]);

        var result = new Planner(catalog).Plan("Q", learner, AsOf, new PlanRequestOptions { Objective = PlanObjective.Hours });

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(5m, result.ObjectiveValue);
        Assert.Equal(["Y", "Q"], result.Steps.Select(step => step.Credential.Value));
    }

    private static PlanningScenario WithCreditlessDegrees(PlanningScenario s, int amount)
    {
        var pool = Rule.Credits(amount, Select.Any);
        Credential[] degrees =
        [
            new("deg-a") { Kind = "degree", Cost = 1, Requires = pool },
            new("deg-b") { Kind = "degree", Requires = Rule.AllOf(pool, Rule.Hours(amount, Select.Any)) },
        ];
        return s with
        {
            Catalog = new Catalog([.. s.Catalog.Credentials, .. degrees]),
            Goal = Rule.AllOf(s.Goal, pool),
        };
    }
}
