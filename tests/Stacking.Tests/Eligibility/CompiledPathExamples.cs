using Stacking.Eligibility;
using Stacking.Eligibility.Engine;
using Stacking.Model;
using Stacking.Rules;
using Route = Stacking.Eligibility.Engine.FastRule.FastRoute;

namespace Stacking.Tests.Eligibility;

/// <summary>Named cases of each way the compiled fast path decides, and of each way it leaves a check to the general engine.</summary>
public sealed class CompiledPathExamples
{
    private static readonly DateOnly T = EligibilityCase.AsOf;

    private static Catalog Catalog(Requirement requires, Func<CatalogBuilder, CatalogBuilder>? more = null)
    {
        var builder = new CatalogBuilder();
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            builder.Credential(id, c => c with { Credits = 2, Tags = ["t"] });
        }

        builder = more?.Invoke(builder) ?? builder;
        return builder.Credential("Q", c => c with { Requires = requires }).Build();
    }

    private static LearnerRecord Holds(params string[] ids) =>
        new("l", ids.Select(id => new Holding(id, T.AddDays(-30), 80)));

    /// <summary>Asserts the fast path's route and answer, and that the general engine and the public check agree.</summary>
    private static void Expect(Catalog catalog, LearnerRecord record, Route route, EligibilityStatus expected, params string[] planned)
    {
        var evaluator = new EligibilityEvaluator(catalog);
        var learner = evaluator.Prepare(record, T);
        var bits = DenseSeamLaws.Bits(evaluator, planned.Select(p => new CredentialId(p)));
        var q = evaluator.IndexOf("Q");
        var decided = evaluator.TryCheckFast(q, learner, bits, out var fast, out var taken);
        Assert.Equal(route, taken);
        Assert.Equal(route != Route.General, decided);
        if (decided)
        {
            Assert.Equal(expected, fast);
        }

        Assert.Equal(expected, evaluator.CheckGeneral(q, learner, bits));
        Assert.Equal(expected, evaluator.Check("Q", learner, [.. planned.Select(p => new CredentialId(p))]));
    }

    [Fact]
    public void ATreeTooDeepToRecurseOverIsEvaluatedByTheBackwardPassAndAgrees()
    {
        // Levels alternate allOf / anyOf / atLeast 2, each with leaves of their own (disjoint pools) beside the next
        // level: deeper than the short-circuit recursion is allowed to go.
        var builder = new CatalogBuilder();
        var ids = new List<string>();
        string Id(int level, int k)
        {
            var id = $"x{level}-{k}";
            builder.Credential(id, c => c with { Credits = 1 + k });
            ids.Add(id);
            return id;
        }

        Requirement node = Rule.Credential(Id(0, 0));
        for (var level = FastRule.MaxRecursionDepth + 5; level > 0; level--)
        {
            Requirement leaf = (level % 3) switch
            {
                0 => Rule.Credential(Id(level, 0)),
                1 => Rule.Count(1 + (level % 2), Select.Ids(Id(level, 1), Id(level, 2))),
                _ => Rule.Credits(3, Select.Ids(Id(level, 1), Id(level, 2))),
            };
            node = (level % 3) switch
            {
                0 => Rule.AnyOf(leaf, node),
                1 => Rule.AllOf(leaf, node),
                _ => Rule.AtLeast(2, leaf, node, Rule.Credential(Id(level, 3))),
            };
        }

        var evaluator = new EligibilityEvaluator(builder.Credential("Q", c => c with { Requires = node }).Build());
        var q = evaluator.IndexOf("Q");
        Assert.False(evaluator.FastProgram(q).Shallow);
        var random = new Random(7);
        var answers = new HashSet<EligibilityStatus>();
        for (var l = 0; l < 200; l++)
        {
            var density = random.NextDouble();
            var learner = evaluator.Prepare(Holds([.. ids.Where(_ => random.NextDouble() < density)]), T);
            var general = evaluator.CheckGeneral(q, learner, []);
            Assert.True(evaluator.TryCheckFast(q, learner, [], out var fast, out _));
            Assert.Equal(general, fast);
            Assert.Equal(general, evaluator.Check("Q", learner));
            answers.Add(general);
        }

        Assert.Equal(2, answers.Count);
    }

    [Fact]
    public void DisjointPoolsAreAFlatProgram()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Count(2, Select.Ids("b", "c", "d")), Rule.Credits(2, Select.Ids("e"))));
        Expect(catalog, Holds("a", "b", "d", "e"), Route.Disjoint, EligibilityStatus.Eligible);
        Expect(catalog, Holds("a", "b", "e"), Route.Bound, EligibilityStatus.NotEligible);
    }

    [Fact]
    public void AnEquivalenceClassIsOneItemInAPopcountAndItsValueIsTheLargest()
    {
        var catalog = Catalog(
            Rule.AllOf(Rule.Count(2, Select.Ids("a", "b")), Rule.Credits(5, Select.Ids("c"))),
            b => b.Credential("a2", c => c with { EquivalentTo = ["a"] }).Credential("c2", c => c with { Credits = 3, EquivalentTo = ["c"] }));
        Expect(catalog, Holds("a", "a2", "c", "c2"), Route.Bound, EligibilityStatus.NotEligible);
        Expect(catalog, Holds("a2", "b", "c", "c2", "d"), Route.Bound, EligibilityStatus.NotEligible);
        var more = Catalog(
            Rule.AllOf(Rule.Count(2, Select.Ids("a", "b")), Rule.Credits(3, Select.Ids("c"))),
            b => b.Credential("a2", c => c with { EquivalentTo = ["a"] }).Credential("c2", c => c with { Credits = 3, EquivalentTo = ["c"] }));
        Expect(more, Holds("a2", "b", "c", "c2"), Route.Disjoint, EligibilityStatus.Eligible);
    }

    [Fact]
    public void QualifiersAreTestedOnTheHoldingsAndPlannedCredentialsMeetThem()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a", minScore: 90), Rule.Count(1, Select.Ids("b")) with { Within = Period.Parse("P1M") }));
        var learner = new LearnerRecord("l", [new Holding("a", T.AddDays(-5), 85), new Holding("a", T.AddDays(-400), 95), new Holding("b", T.AddDays(-10))]);
        Expect(catalog, learner, Route.Disjoint, EligibilityStatus.Eligible);
        Expect(catalog, learner with { Holdings = [new Holding("a", T.AddDays(-5), 85), new Holding("b", T.AddDays(-60))] }, Route.Bound, EligibilityStatus.NotEligible);
        Expect(catalog, learner with { Holdings = [new Holding("a", T.AddDays(-5), 85), new Holding("b", T.AddDays(-60))] }, Route.Disjoint, EligibilityStatus.Eligible, "a", "b");
    }

    [Fact]
    public void NodesInDifferentAlternativesOfAnAnyOfNeverCompete()
    {
        var catalog = Catalog(Rule.AnyOf(Rule.AllOf(Rule.Credential("a"), Rule.Credential("b")), Rule.AllOf(Rule.Credential("a"), Rule.Credential("c"))));
        Expect(catalog, Holds("a", "c"), Route.Disjoint, EligibilityStatus.Eligible);
    }

    [Fact]
    public void ASharedNodeConsumesNothingSoItNeverCompetes()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Count(2, Select.Any) with { Shared = true }, Rule.Count(2, Select.Ids("a", "b"))));
        Expect(catalog, Holds("a", "b"), Route.Disjoint, EligibilityStatus.Eligible);
    }

    [Fact]
    public void NodesThatCouldCompeteButForThisLearnerDoNotAreTheFlatProgram()
    {
        var catalog = Catalog(Rule.AllOf(Rule.AnyOf(Rule.Credential("a"), Rule.Credential("c")), Rule.Count(1, Select.Ids("a", "b"))));
        Expect(catalog, Holds("b", "c"), Route.Uncontested, EligibilityStatus.Eligible);
    }

    [Fact]
    public void CompetingCountAndCredentialNodesAreABipartiteMatching()
    {
        // First fit gives a to the pool and leaves the leaf without it; the matching finds b for the pool.
        var catalog = Catalog(Rule.AllOf(Rule.Count(1, Select.Ids("a", "b")), Rule.Credential("a")));
        Expect(catalog, Holds("a", "b"), Route.Matched, EligibilityStatus.Eligible);
        var tight = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Count(2, Select.Ids("a", "b", "c"))));
        Expect(tight, Holds("a", "b"), Route.Matched, EligibilityStatus.NotEligible);
        Expect(tight, Holds("a", "b", "c"), Route.Matched, EligibilityStatus.Eligible);
        Expect(tight, Holds("a", "b"), Route.Matched, EligibilityStatus.Eligible, "c");
    }

    [Fact]
    public void CompetingCreditsAndCompetingNodesUnderAChoiceGoToTheGeneralEngine()
    {
        var credits = Catalog(Rule.AllOf(Rule.Credits(4, Select.Tag("t")), Rule.Count(1, Select.Ids("a", "b"))));
        Expect(credits, Holds("a", "b"), Route.General, EligibilityStatus.NotEligible);
        Expect(credits, Holds("a", "b", "c"), Route.General, EligibilityStatus.Eligible);
        var choice = Catalog(Rule.AtLeast(2, Rule.Credential("a"), Rule.Count(1, Select.Ids("a", "b")), Rule.Credential("c")));
        Expect(choice, Holds("a", "b"), Route.General, EligibilityStatus.Eligible);
    }

    [Fact]
    public void SubstitutionsAndNodeWaiversGoToTheGeneralEngineAndAWholeWaiverIsDecidedFirst()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a") with { Id = "first" }, Rule.Credential("b")));
        Expect(catalog, Holds("b", "x") with { Exceptions = [new Substitution("a", "x")] }, Route.General, EligibilityStatus.Eligible);
        Expect(catalog, Holds("b") with { Exceptions = [new Waiver("Q", "first")] }, Route.General, EligibilityStatus.Eligible);
        Expect(catalog, Holds() with { Exceptions = [new Waiver("Q")] }, Route.Disjoint, EligibilityStatus.Eligible);

        // A node waiver of another credential does not stop the fast path.
        Expect(catalog, Holds("a", "b") with { Exceptions = [new Waiver("a", "n")] }, Route.Disjoint, EligibilityStatus.Eligible);
    }

    [Fact]
    public void ABatchAgreesWithOneByOneChecksOnEveryRoute()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Count(1, Select.Ids("a", "b")), Rule.Credential("a"), Rule.AnyOf(Rule.Credits(4, Select.Ids("c", "d")), Rule.Credential("e"))));
        var learners = new[]
        {
            Holds("a", "b", "e"), Holds("a", "e"), Holds("a", "b", "c", "d"), Holds("b", "e"), Holds(),
            Holds("b", "e", "x") with { Exceptions = [new Substitution("a", "x")] },
        };
        var evaluator = new EligibilityEvaluator(catalog);
        var batch = evaluator.CheckBatch("Q", learners, T);
        Assert.Equal(learners.Select(l => evaluator.CheckGeneral(evaluator.IndexOf("Q"), evaluator.Prepare(l, T), [])), batch);
        Assert.Equal("Eligible NotEligible Eligible NotEligible NotEligible Eligible", string.Join(" ", batch));
        var buffer = new EligibilityStatus[learners.Length];
        evaluator.CheckBatch("Q", learners, T, buffer);
        Assert.Equal(batch, buffer);
    }
}
