using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Planning;

/// <summary>Named planning situations with known answers.</summary>
public sealed class PlannerExampleTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    private static Planner PlannerFor(Catalog catalog, bool greedy = true) =>
        new(catalog, new ReferenceOracle(catalog)) { GreedyIncumbent = greedy };

    private static string[] Steps(PlanResult result) => [.. result.Steps.Select(s => s.Credential.Value)];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASharedPrerequisiteMakesTheLocallyCheapestChoiceGloballyWorse(bool greedy)
    {
        // Locally A (4) beats B + P (5) and C (4) beats D + P (5); globally P + B + D (6) beats A + C (8).
        var catalog = new CatalogBuilder()
            .Credential("A", c => c with { Hours = 4 })
            .Credential("B", c => c with { Hours = 1, Requires = Rule.Credential("P") })
            .Credential("C", c => c with { Hours = 4 })
            .Credential("D", c => c with { Hours = 1, Requires = Rule.Credential("P") })
            .Credential("P", c => c with { Hours = 4 })
            .Credential("T", c => c with { Requires = Rule.AllOf(Rule.AnyOf(Rule.Credential("A"), Rule.Credential("B")), Rule.AnyOf(Rule.Credential("C"), Rule.Credential("D"))) })
            .Build();

        var result = PlannerFor(catalog, greedy).Plan("T", LearnerRecord.Empty, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(6m, result.ObjectiveValue);
        Assert.Equal(["P", "B", "D", "T"], Steps(result));
        Assert.Equal(3, result.Stages);
        Assert.Equal(6m, result.LowerBound);
    }

    [Fact]
    public void AnEquivalentCredentialCheaperThanTheNamedOneIsEarnedInstead()
    {
        var catalog = new CatalogBuilder()
            .Credential("cert", c => c with { Hours = 100, Cost = 900 })
            .Credential("cert-2019", c => c with { Hours = 30, Cost = 200, EquivalentTo = ["cert"] })
            .Build();

        var result = PlannerFor(catalog).Plan("cert", LearnerRecord.Empty, AsOf, new PlanRequestOptions { Objective = PlanObjective.Cost });

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(["cert-2019"], Steps(result));
        Assert.Equal(200m, result.Cost);
        Assert.Equal(30m, result.Hours);
        Assert.Contains(result.Steps[0].Serves, r => r.Credential is null && r.Path == "goal");
    }

    [Fact]
    public void AnExpiredHoldingMustBeEarnedAgain()
    {
        var catalog = new CatalogBuilder()
            .Credential("first-aid", c => c with { Hours = 8, ValidFor = Period.FromYears(2) })
            .Credential("lifeguard", c => c with { Hours = 40, Requires = Rule.Credential("first-aid") })
            .Build();
        var learner = new LearnerRecord("l", [new Holding("first-aid", new DateOnly(2020, 5, 1))]);

        var result = PlannerFor(catalog).Plan("lifeguard", learner, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(["first-aid", "lifeguard"], Steps(result));
        Assert.True(result.Steps[0].IsRetake);
        Assert.False(result.Steps[1].IsRetake);
        Assert.Contains(new RequirementRef("lifeguard", "requires"), result.Steps[0].Serves);
    }

    [Fact]
    public void AHeldCredentialWhoseScoreIsTooLowIsRetaken()
    {
        var catalog = new CatalogBuilder()
            .Credential("calc-1", c => c with { Hours = 45 })
            .Credential("calc-2", c => c with { Hours = 45, Requires = Rule.Credential("calc-1", minScore: 70) })
            .Build();
        var learner = new LearnerRecord("l", [new Holding("calc-1", new DateOnly(2024, 12, 15), score: 62)]);

        var result = PlannerFor(catalog).Plan("calc-2", learner, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(["calc-1", "calc-2"], Steps(result));
        Assert.True(result.Steps[0].IsRetake);

        var passed = new LearnerRecord("l", [new Holding("calc-1", new DateOnly(2024, 12, 15), score: 75)]);
        Assert.Equal(["calc-2"], Steps(PlannerFor(catalog).Plan("calc-2", passed, AsOf)));
    }

    [Fact]
    public void AMutualSelectorDependencyWhereNeitherCanComeFirstIsInfeasible()
    {
        // X needs something tagged u, Y needs something tagged t: each satisfies the other, yet neither can be first.
        var catalog = new CatalogBuilder()
            .Credential("X", c => c with { Hours = 1, Tags = ["t"], Requires = Rule.Count(1, Select.Tag("u")) })
            .Credential("Y", c => c with { Hours = 1, Tags = ["u"], Requires = Rule.Count(1, Select.Tag("t")) })
            .Credential("T", c => c with { Requires = Rule.Credential("X") })
            .Build();

        var result = PlannerFor(catalog).Plan("T", LearnerRecord.Empty, AsOf);

        Assert.Equal(PlanStatus.Infeasible, result.Status);
        Assert.Empty(result.Steps);
        Assert.Equal(decimal.MaxValue, result.LowerBound);
        Assert.NotNull(result.BlockingNode);
        Assert.Contains("can never be met", result.InfeasibleReason, StringComparison.Ordinal);
        Assert.Null(new ReferencePlanner(catalog).Optimum(Rule.Credential("T"), LearnerRecord.Empty, AsOf, PlanObjective.Hours));
    }

    [Fact]
    public void AMutualSelectorDependencyIsBrokenByAThirdCredential()
    {
        var catalog = new CatalogBuilder()
            .Credential("X", c => c with { Hours = 1, Tags = ["t"], Requires = Rule.Count(1, Select.Tag("u")) })
            .Credential("Y", c => c with { Hours = 1, Tags = ["u"], Requires = Rule.Count(1, Select.Tag("t")) })
            .Credential("Z", c => c with { Hours = 5, Tags = ["u"] })
            .Credential("T", c => c with { Requires = Rule.Credential("X") })
            .Build();

        var result = PlannerFor(catalog, greedy: false).Plan("T", LearnerRecord.Empty, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(["Z", "X", "T"], Steps(result));
        Assert.Equal(6m, result.ObjectiveValue);
    }

    [Fact]
    public void AnInfeasibleGoalNamesTheNodeThatCanNeverBeMet()
    {
        var catalog = new CatalogBuilder()
            .Credential("A", c => c with { Hours = 1 })
            .Credential("B", c => c with { Hours = 1, Requires = Rule.AllOf(Rule.Credential("A"), Rule.Count(2, Select.Tag("lab"))) })
            .Credential("L", c => c with { Hours = 1, Tags = ["lab"] })
            .Credential("T", c => c with { Requires = Rule.AllOf(Rule.Credential("A"), Rule.Credential("B")) })
            .Build();

        var result = PlannerFor(catalog).Plan("T", LearnerRecord.Empty, AsOf);

        Assert.Equal(PlanStatus.Infeasible, result.Status);
        Assert.Equal(new RequirementRef("B", "requires.allOf[1]"), result.BlockingNode);
        Assert.Contains("2 items matching the selector", result.InfeasibleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ALearnerWhoAlreadyHoldsTheTargetGetsTheEmptyPlan()
    {
        var catalog = new CatalogBuilder().Credential("A", c => c with { Hours = 3 }).Build();
        var learner = new LearnerRecord("l", [new Holding("A", new DateOnly(2024, 1, 1))]);

        var result = PlannerFor(catalog).Plan("A", learner, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Empty(result.Steps);
        Assert.Equal(0m, result.LowerBound);
    }

    [Fact]
    public void StepsAreStagedByTheirEarliestRound()
    {
        var catalog = new CatalogBuilder()
            .Credential("A", c => c with { Hours = 1 })
            .Credential("B", c => c with { Hours = 1 })
            .Credential("C", c => c with { Hours = 1, Requires = Rule.Credential("A") })
            .Credential("T", c => c with { Requires = Rule.AllOf(Rule.Credential("B"), Rule.Credential("C")) })
            .Build();

        var result = PlannerFor(catalog).Plan("T", LearnerRecord.Empty, AsOf);

        Assert.Equal(["A", "B", "C", "T"], Steps(result));
        Assert.Equal([0, 0, 1, 2], result.Steps.Select(s => s.Stage));
        Assert.Equal(3, result.Stages);
    }

    [Fact]
    public void ASkillGapGoalIsClosedWithTheCheapestCredentials()
    {
        var sql = new SkillId("sql");
        var python = new SkillId("python");
        var catalog = new CatalogBuilder()
            .Credential("sql-basics", c => c with { Hours = 20, Skills = new Dictionary<SkillId, int> { [sql] = 1 } })
            .Credential("sql-advanced", c => c with { Hours = 30, Skills = new Dictionary<SkillId, int> { [sql] = 3 }, Requires = Rule.Credential("sql-basics") })
            .Credential("data-bootcamp", c => c with { Hours = 120, Skills = new Dictionary<SkillId, int> { [sql] = 3, [python] = 2 } })
            .Credential("python-101", c => c with { Hours = 40, Skills = new Dictionary<SkillId, int> { [python] = 2 } })
            .Build();
        var jobRole = Rule.AllOf(Rule.Skill(sql, 3), Rule.Skill(python, 2));

        var result = PlannerFor(catalog).PlanGoal(jobRole, LearnerRecord.Empty, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(90m, result.Hours);
        Assert.Equal(["python-101", "sql-basics", "sql-advanced"], Steps(result));
        Assert.Contains(new RequirementRef(null, "goal.allOf[0]"), result.Steps.Single(s => s.Credential == "sql-advanced").Serves);
    }

    [Fact]
    public void SeveralTargetsAtOnceShareTheirPrerequisites()
    {
        var catalog = new CatalogBuilder()
            .Credential("core", c => c with { Hours = 10 })
            .Credential("alt", c => c with { Hours = 6 })
            .Credential("cert-a", c => c with { Hours = 5, Requires = Rule.Credential("core") })
            .Credential("cert-b", c => c with { Hours = 5, Requires = Rule.AnyOf(Rule.Credential("core"), Rule.Credential("alt")) })
            .Build();

        var result = PlannerFor(catalog).PlanAll(["cert-b", "cert-a"], LearnerRecord.Empty, AsOf);

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(["core", "cert-a", "cert-b"], Steps(result));
        Assert.Equal(20m, result.Hours);
    }

    [Fact]
    public void TheParetoFrontTradesHoursForCost()
    {
        var catalog = new CatalogBuilder()
            .Credential("self-study", c => c with { Hours = 120, Cost = 0 })
            .Credential("course", c => c with { Hours = 60, Cost = 500 })
            .Credential("bootcamp", c => c with { Hours = 40, Cost = 2000 })
            .Credential("overpriced", c => c with { Hours = 60, Cost = 900 })
            .Credential("T", c => c with { Requires = Rule.Count(1, Select.Ids("self-study", "course", "bootcamp", "overpriced")) })
            .Build();

        var front = PlannerFor(catalog).ParetoFront("T", LearnerRecord.Empty, AsOf);

        Assert.Equal([(120m, 0m), (60m, 500m), (40m, 2000m)], front.Select(p => (p.Hours, p.Cost)));
        Assert.All(front, p => Assert.Equal(PlanStatus.Optimal, p.Status));
    }

    [Fact]
    public void ARunOutOfNodesReturnsAFeasiblePlanWithAProvenBound()
    {
        var builder = new CatalogBuilder();
        for (var i = 0; i < 8; i++)
        {
            var hours = 3 + (i % 3);
            builder.Credential($"e{i}", c => c with { Hours = hours, Tags = ["elective"], Requires = i % 2 == 0 ? null : Rule.Credential("intro") });
        }

        builder.Credential("intro", c => c with { Hours = 2 });
        // Two pools of two that may not share an item: the bounds ignore allocation, so the root cannot prove the
        // optimum (four electives) and two nodes are too few to.
        builder.Credential("T", c => c with { Requires = Rule.AllOf(Rule.Count(2, Select.Tag("elective")), Rule.Count(2, Select.Tag("elective"))) });
        var catalog = builder.Build();

        var full = PlannerFor(catalog, greedy: false).Plan("T", LearnerRecord.Empty, AsOf);
        var budgeted = PlannerFor(catalog, greedy: true).Plan("T", LearnerRecord.Empty, AsOf, new PlanRequestOptions { NodeLimit = 2 });

        Assert.Equal(PlanStatus.Optimal, full.Status);
        Assert.Equal(PlanStatus.Feasible, budgeted.Status);
        Assert.True(budgeted.LowerBound <= full.ObjectiveValue);
        Assert.True(full.ObjectiveValue <= budgeted.ObjectiveValue);
    }

    [Fact]
    public void ACancelledRunSaysWhatItProved()
    {
        var catalog = new CatalogBuilder()
            .Credential("A", c => c with { Hours = 1 })
            .Credential("T", c => c with { Requires = Rule.Credential("A") })
            .Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = PlannerFor(catalog, greedy: false).Plan("T", LearnerRecord.Empty, AsOf, cancellationToken: cancelled.Token);

        // No node was searched, but the reverse-delete of everything obtainable is a plan: feasible, not proven.
        Assert.Equal(PlanStatus.Feasible, result.Status);
        Assert.Equal(["A", "T"], Steps(result));
        Assert.True(result.LowerBound <= 1m);
    }

    [Fact]
    public void ARunStoppedByTheNodeLimitWhoseProvenBoundMeetsItsPlanIsOptimal()
    {
        var catalog = new CatalogBuilder()
            .Credential("A", c => c with { Hours = 5 })
            .Credential("T", c => c with { Hours = 2, Requires = Rule.Credential("A") })
            .Build();

        // The node budget stops the search at its first node, but the root bound (7 hours) already equals the plan. The
        // node limit is a deterministic work budget: the same request gives the same plan every time, so it is Optimal.
        var result = PlannerFor(catalog).Plan("T", LearnerRecord.Empty, AsOf, new PlanRequestOptions { NodeLimit = 0 });

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(["A", "T"], Steps(result));
        Assert.Equal(7m, result.LowerBound);
    }

    [Fact]
    public void ARunACancellationStoppedIsNeverOptimalEvenWhenItsBoundMeetsItsPlan()
    {
        // Two optimal plans (A or B, 5 hours each, then T): which one a stopped run holds could depend on where it
        // stopped, so a stopped run whose bound meets its plan is Feasible with LowerBound = ObjectiveValue (spec §8).
        var catalog = new CatalogBuilder()
            .Credential("A", c => c with { Hours = 5 })
            .Credential("B", c => c with { Hours = 5 })
            .Credential("T", c => c with { Hours = 2, Requires = Rule.AnyOf(Rule.Credential("A"), Rule.Credential("B")) })
            .Build();
        var full = PlannerFor(catalog).Plan("T", LearnerRecord.Empty, AsOf);
        Assert.Equal(PlanStatus.Optimal, full.Status);

        var zeroGap = 0;
        for (var k = 0; k < 40; k++)
        {
            using var source = new CancellationTokenSource();
            var oracle = new CancellingOracle(new ReferenceOracle(catalog), k, source);
            var result = new Planner(catalog, oracle).Plan("T", LearnerRecord.Empty, AsOf, cancellationToken: source.Token);
            if (result.Status == PlanStatus.Optimal)
            {
                Assert.Equal(Steps(full), Steps(result));
                continue;
            }

            Assert.True(source.IsCancellationRequested);
            if (result.Status == PlanStatus.Feasible && result.LowerBound == 7m)
            {
                Assert.Equal(7m, result.ObjectiveValue);
                zeroGap++;
            }
            else
            {
                Assert.Contains(result.Status, new[] { PlanStatus.Feasible, PlanStatus.Unknown });
                Assert.True(result.LowerBound <= 7m);
            }
        }

        // Some cancellation point leaves the proven bound meeting the plan (the root bound is 7): that answer is Feasible.
        Assert.True(zeroGap > 0);
    }

    [Fact]
    public void AnUnknownTargetIsAnArgumentError()
    {
        var catalog = new CatalogBuilder().Credential("A").Build();
        var error = Assert.Throws<ArgumentException>(() => PlannerFor(catalog).Plan("nope", LearnerRecord.Empty, AsOf));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASubstituteCountsWithTheHoursOfTheCredentialItStandsFor()
    {
        // Found by AnyRequirementAsAGoalIsPlannedOptimally: planned c1 also stands for c2 (3 hours), so c2 + c1 give 6 hours.
        var catalog = new CatalogBuilder()
            .Credential("c0", c => c with { Cost = 3, Credits = 3, Requires = Rule.AnyOf(Rule.Credential("c2")) })
            .Credential("c1", c => c with { Hours = 1, Credits = 2, Requires = Rule.AnyOf(Rule.Skill(new SkillId("s"), 1), Rule.Credential("c2")) })
            .Credential("c2", c => c with { Hours = 3, Cost = 2 })
            .Build();
        var learner = new LearnerRecord("l", [new Holding("c0", new DateOnly(2023, 5, 22), 80)], [new Substitution("c2", "c1")]);
        var goal = Rule.Hours(5, Select.Any);

        var result = PlannerFor(catalog, greedy: false).PlanGoal(goal, learner, AsOf, new PlanRequestOptions { Objective = PlanObjective.Weighted(1m, 2m) });

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(8m, result.ObjectiveValue);
        Assert.Equal(["c2", "c1"], Steps(result));
    }
}
