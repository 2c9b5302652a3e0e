using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Reference;

using static Stacking.Tests.Eligibility.ExampleFixtures;

namespace Stacking.Tests.Eligibility;

/// <summary>Statements of spec §3–§7 that no other example pins: each fact quotes its statement's rule in its name and is
/// also checked against the brute-force reference, the fast path and the explaining evaluation.</summary>
public sealed class SpecStatementExamples
{
    // Spec §5: substitutions.
    [Fact]
    public void SubstitutionsDoNotChain()
    {
        // x <- y and z <- x: a holding of y counts as x, never as z.
        var learner = With([H("y")], new Substitution("x", "y"), new Substitution("z", "x"));
        Eligible(Catalog(Rule.Credential("x"), C("x"), C("y"), C("z")), learner);
        NotEligible(Catalog(Rule.Credential("z"), C("x"), C("y"), C("z")), learner);

        // A holding of x itself still counts as z.
        Eligible(Catalog(Rule.Credential("z"), C("x"), C("y"), C("z")), With([H("x")], new Substitution("z", "x")));
    }

    [Fact]
    public void ASubstituteMatchesWithTheAttributesOfTheCredentialItReplaces()
    {
        // y is worth 1 credit and has no tag; used as x it is worth x's 4 credits and carries x's tag and skill.
        var x = C("x", 4, 40, "core") with { Skills = new Dictionary<SkillId, int> { ["sql"] = 3 } };
        var y = C("y", 1, 5);
        var learner = With([H("y")], new Substitution("x", "y"));
        Eligible(Catalog(Rule.Credits(4, Select.Tag("core")), x, y), learner);
        Eligible(Catalog(Rule.Hours(40, Select.Any), x, y), learner);
        Eligible(Catalog(Rule.Skill("sql", 3), x, y), learner);
        NotEligible(Catalog(Rule.Credits(4, Select.Tag("core")), x, y), Holds(H("y")));

        var result = new EligibilityEvaluator(Catalog(Rule.Credits(4, Select.Tag("core")), x, y)).Evaluate("Q", learner, T);
        var use = Assert.Single(Assert.Single(result.Witness).Items);
        Assert.Equal(("y", "x", 4m), (use.Credential.Value, use.CountsAs.Value, use.Value));
    }

    [Fact]
    public void AHoldingOfTheReplacedCredentialAndItsSubstituteAreTwoItems()
    {
        var catalog = Catalog(Rule.Count(2, Select.Ids("x")), C("x"), C("y"));
        Eligible(catalog, With([H("x"), H("y")], new Substitution("x", "y")));
        NotEligible(catalog, With([H("y")], new Substitution("x", "y")));

        // A substitute is one item, used once, as x or as y: it cannot fill both leaves.
        NotEligible(Catalog(Rule.AllOf(Rule.Credential("x"), Rule.Credential("y")), C("x"), C("y")), With([H("y")], new Substitution("x", "y")));
    }

    [Fact]
    public void ASubstituteIsValidForAsLongAsItsOwnHoldingIs()
    {
        // Spec §5: Y's date, score and validity. x expires after a year, y never: a 2-year-old y still counts as x.
        var x = new Credential("x") { ValidFor = Period.Parse("P1Y") };
        var y = new Credential("y") { ValidFor = Period.Parse("P3Y") };
        var catalog = Catalog(Rule.Credential("x"), x, y);
        Eligible(catalog, With([H("y", 730)], new Substitution("x", "y")));
        NotEligible(catalog, With([H("y", 1100)], new Substitution("x", "y")));
        NotEligible(catalog, Holds(H("x", 730)));
    }

    [Fact]
    public void ATransferCreditTheCatalogLacksCountsOnlyThroughItsSubstitution()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("x"), Rule.Count(1, Select.Any)), C("x"), C("other"));
        var learner = With([H("ext-1"), H("ext-1", 40)], new Substitution("x", "ext-1"));

        // Two holdings of one unknown id are one item: it fills x and nothing else.
        NotEligible(catalog, learner);
        Eligible(catalog, learner with { Holdings = [.. learner.Holdings, H("other")] });
        NotEligible(Catalog(Rule.Count(1, Select.Any), C("x")), Holds(H("ext-1")));
    }

    // Spec §5: items.
    [Fact]
    public void AnItemIsWorthTheLargestValueAmongTheHoldingsThatMatchTheNode()
    {
        // big and small are one item; only small meets minScore 80, so the item is worth small's 2 credits here.
        var big = C("big", 5) with { EquivalentTo = ["small"] };
        var small = C("small", 2);
        var learner = Holds(H("big", score: 50), H("small", score: 90));
        NotEligible(Catalog(Rule.Credits(3, Select.Any) with { MinScore = 80 }, big, small), learner);
        Eligible(Catalog(Rule.Credits(2, Select.Any) with { MinScore = 80 }, big, small), learner);
        Eligible(Catalog(Rule.Credits(5, Select.Any), big, small), learner);
        NotEligible(Catalog(Rule.Credits(7, Select.Any), big, small), learner);
    }

    [Fact]
    public void CreditsWithDecimalsAddUpExactly()
    {
        // 0.1 + 0.1 + 0.1 is exactly 0.3 (decimal, never double); 2.25 + 0.75 is exactly 3.
        var tenths = Catalog(Rule.Credits(0.3m, Select.Any), C("a", 0.1m), C("b", 0.1m), C("c", 0.1m));
        Eligible(tenths, Holds(H("a"), H("b"), H("c")));
        NotEligible(tenths, Holds(H("a"), H("b")));
        var quarters = Catalog(Rule.AllOf(Rule.Credits(3, Select.Tag("x")), Rule.Credits(0.75m, Select.Tag("x"))), C("a", 2.25m, 0, "x"), C("b", 0.75m, 0, "x"), C("c", 0.75m, 0, "x"));
        Eligible(quarters, Holds(H("a"), H("b"), H("c")));
        NotEligible(quarters, Holds(H("a"), H("b")));

        // A value no power of ten up to a million makes integral still sums exactly.
        var tiny = Catalog(Rule.Credits(0.0000003m, Select.Any), C("a", 0.0000001m), C("b", 0.0000002m), C("c", 0.0000001m));
        Eligible(tiny, Holds(H("a"), H("b")));
        NotEligible(tiny, Holds(H("a"), H("c")));
    }

    // Spec §6: allocation.
    [Fact]
    public void TheSameItemStacksIntoSeveralQualificationsButNotTwiceIntoOne()
    {
        var catalog = new Catalog([
            C("a", 3, 0, "x"),
            new Credential("q1") { Requires = Rule.Credential("a") },
            new Credential("q2") { Requires = Rule.Credits(3, Select.Tag("x")) },
            new Credential("q3") { Requires = Rule.AllOf(Rule.Credential("a"), Rule.Credits(3, Select.Tag("x"))) }]);
        var evaluator = new EligibilityEvaluator(catalog);
        var prepared = evaluator.Prepare(Holds(H("a")), T);
        Assert.Equal(EligibilityStatus.Eligible, evaluator.Check("q1", prepared));
        Assert.Equal(EligibilityStatus.Eligible, evaluator.Check("q2", prepared));
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Check("q3", prepared));
    }

    [Fact]
    public void ASelectorThatMatchesNothingIsAnEmptyPoolThatNoHoldingFills()
    {
        var credentials = new[] { C("a", 3, 0, "x") };
        NotEligible(Catalog(Rule.Count(1, Select.Tag("nope")), credentials), Holds(H("a")));
        NotEligible(Catalog(Rule.Credits(1, Select.Tag("nope")), credentials), Holds(H("a")));
        NotEligible(Catalog(Rule.Count(1, new Selector { Except = ["a"] }), credentials), Holds(H("a")));

        // A shared empty pool is not satisfied either: it consumes nothing, but still needs its items.
        NotEligible(Catalog(Rule.Count(1, Select.Tag("nope")) with { Shared = true }, credentials), Holds(H("a")));
    }

    [Fact]
    public void AnAtLeastOfZeroIsSatisfiedAndOneAskingForMoreThanItsChildrenNeverIs()
    {
        // Both are STK004 in a catalog; evaluated literally (docs/eligibility.md, faulty catalogs).
        var credentials = new[] { C("a"), C("b") };
        Eligible(Catalog(Rule.AtLeast(0, Rule.Credential("a"), Rule.Credential("b")), credentials), Holds());
        NotEligible(Catalog(Rule.AtLeast(3, Rule.Credential("a"), Rule.Credential("b")), credentials), Holds(H("a"), H("b")));
        Eligible(Catalog(Rule.AtLeast(2, Rule.Credential("a"), Rule.Credential("b")), credentials), Holds(H("a"), H("b")));
    }

    [Fact]
    public void AWaiverNamesANodeByItsIdAndANameNoNodeCarriesWaivesNothing()
    {
        var rule = Rule.AllOf(Rule.Credential("a") with { Id = "capstone" }, Rule.Count(2, Select.Any) with { Id = "electives" });
        var catalog = Catalog(rule, C("a"), C("b"), C("c"));
        Eligible(catalog, With([H("b"), H("c")], new Waiver("Q", "capstone")));
        Eligible(catalog, With([H("a")], new Waiver("Q", "electives")));

        // The node path is not its id; an id of no node waives nothing.
        NotEligible(catalog, With([H("b"), H("c")], new Waiver("Q", "requires.allOf[0]")));
        NotEligible(catalog, With([H("b"), H("c")], new Waiver("Q", "ghost")));
    }

    // Spec §7: the explanation.
    [Fact]
    public void AnUnsatisfiedPoolSaysHowManyMoreDistinctItemsItNeedsAndWhichHoldingsDidNotCount()
    {
        // a and a2 are one item; b expired; c is too old for within; d scored below minScore.
        var credentials = new[]
        {
            C("a", 0, 0, "x") with { EquivalentTo = ["a2"] }, C("a2", 0, 0, "x"), C("b", 0, 0, "x"), C("c", 0, 0, "x"), C("d", 0, 0, "x"),
        };
        var pool = Rule.Count(3, Select.Tag("x")) with { Within = Period.Parse("P1Y"), MinScore = 50 };
        var learner = Holds(H("a", score: 90), H("a2", score: 95), H("b", score: 90, expires: T), H("c", 400, score: 90), H("d", score: 40));
        var result = new EligibilityEvaluator(Catalog(pool, credentials)).Evaluate("Q", learner, T);
        Assert.False(result.IsEligible);
        var root = result.Explanation!;
        Assert.Contains("needs 2 more items", root.Missing, StringComparison.Ordinal);
        Assert.Contains("(has 1 of 3)", root.Missing, StringComparison.Ordinal);
        Assert.Equal(
            [("b", HoldingIssue.Expired), ("c", HoldingIssue.TooOld), ("d", HoldingIssue.BelowMinScore)],
            root.NotCounted.Select(n => (n.Holding.Credential.Value, n.Issue)));
        Assert.Equal(1 / 3.0, root.Progress, 6);
    }

    [Fact]
    public void AnUnsatisfiedCreditsPoolSaysHowManyMoreCreditsItNeeds()
    {
        var catalog = Catalog(Rule.Credits(6.5m, Select.Any), C("a", 2.25m), C("b", 1));
        var result = new EligibilityEvaluator(catalog).Evaluate("Q", Holds(H("a"), H("b")), T);
        Assert.Contains("needs 3.25 more credits", result.Explanation!.Missing, StringComparison.Ordinal);
        Assert.Contains("(has 3.25 of 6.5)", result.Explanation.Missing, StringComparison.Ordinal);
        Assert.Equal(0.5, result.Progress, 6);
    }

    [Fact]
    public void AHoldingUsedThroughASubstitutionThatFailsAQualifierIsListedAsNotCountedAsTheReplacedCredential()
    {
        var catalog = Catalog(Rule.Credential("x", minScore: 70), C("x"), C("y"));
        var result = new EligibilityEvaluator(catalog).Evaluate("Q", With([H("y", score: 60)], new Substitution("x", "y")), T);
        var note = Assert.Single(result.Explanation!.NotCounted);
        Assert.Equal(("y", "x", HoldingIssue.BelowMinScore), (note.Holding.Credential.Value, note.CountsAs.Value, note.Issue));
    }
}
