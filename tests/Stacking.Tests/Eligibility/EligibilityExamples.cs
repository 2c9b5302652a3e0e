using System.Text.Json;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Reference;

using static Stacking.Tests.Eligibility.ExampleFixtures;

namespace Stacking.Tests.Eligibility;

/// <summary>Named examples: each node kind, each date rule, each exception, and the cases where first-fit allocation fails.</summary>
public sealed class EligibilityExamples
{
    // Node kinds.
    [Fact]
    public void ACredentialLeafNeedsAValidHoldingOfItsClass()
    {
        var catalog = Catalog(Rule.Credential("a"), C("a"), C("b"));
        Eligible(catalog, Holds(H("a")));
        NotEligible(catalog, Holds(H("b")));
        NotEligible(catalog, Holds());
    }

    [Fact]
    public void AllOfNeedsEveryChildAndTwoLeavesOfOneCredentialNeedTwoItems()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credential("b")), C("a"), C("b"));
        Eligible(catalog, Holds(H("a"), H("b")));
        NotEligible(catalog, Holds(H("a")));

        var twice = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credential("a")), C("a"));
        NotEligible(twice, Holds(H("a"), H("a", 20)));
    }

    [Fact]
    public void AnyOfNeedsOneChild()
    {
        var catalog = Catalog(Rule.AnyOf(Rule.Credential("a"), Rule.Credential("b")), C("a"), C("b"), C("c"));
        Eligible(catalog, Holds(H("b")));
        NotEligible(catalog, Holds(H("c")));
    }

    [Fact]
    public void AtLeastNeedsNChildren()
    {
        var catalog = Catalog(Rule.AtLeast(2, Rule.Credential("a"), Rule.Credential("b"), Rule.Credential("c")), C("a"), C("b"), C("c"));
        Eligible(catalog, Holds(H("a"), H("c")));
        NotEligible(catalog, Holds(H("c")));
    }

    [Fact]
    public void ACountNeedsNDistinctMatchingItems()
    {
        var catalog = Catalog(Rule.Count(2, Select.Tag("x")), C("a", tags: "x"), C("b", tags: "x"), C("c"));
        Eligible(catalog, Holds(H("a"), H("b")));
        NotEligible(catalog, Holds(H("a"), H("c")));
        NotEligible(catalog, Holds(H("a"), H("a", 30)));
    }

    [Fact]
    public void CreditsAndHoursAddUpTheMatchingItems()
    {
        var catalog = Catalog(Rule.Credits(5, Select.Any), C("a", 3), C("b", 2.5m), C("c", 1));
        Eligible(catalog, Holds(H("a"), H("b")));
        NotEligible(catalog, Holds(H("a"), H("c")));

        var hours = Catalog(Rule.Hours(100, Select.Tag("x")), C("a", hours: 60, tags: "x"), C("b", hours: 40, tags: "x"), C("c", hours: 90));
        Eligible(hours, Holds(H("a"), H("b")));
        NotEligible(hours, Holds(H("a"), H("c")));
    }

    [Fact]
    public void ASkillNodeNeedsTheLevelAndConsumesNothing()
    {
        var a = new Credential("a") { Skills = new Dictionary<SkillId, int> { ["sql"] = 2 } };
        var catalog = Catalog(Rule.AllOf(Rule.Skill("sql", 2), Rule.Credential("a")), a);
        Eligible(catalog, Holds(H("a")));
        NotEligible(Catalog(Rule.Skill("sql", 3), a), Holds(H("a")));
    }

    [Fact]
    public void ASharedSubtreeMayUseItemsOtherNodesUseButStillNeedsDistinctItems()
    {
        var credits = Rule.Credits(6, Select.Any) with { Shared = true };
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credential("b"), credits), C("a", 3), C("b", 3));
        Eligible(catalog, Holds(H("a"), H("b")));
        NotEligible(Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credits(6, Select.Any)), C("a", 3), C("b", 3)), Holds(H("a"), H("b")));

        var sharedTwice = Rule.AllOf(Rule.Credential("a"), Rule.Credential("a")) with { Shared = true };
        Eligible(Catalog(sharedTwice, C("a")), Holds(H("a")));
        NotEligible(Catalog(Rule.Count(2, Select.Any) with { Shared = true }, C("a")), Holds(H("a")));
    }

    [Fact]
    public void ACredentialWithNoRequirementIsEligibleAndAnUnknownTargetIsRejected()
    {
        var evaluator = new EligibilityEvaluator(new Catalog([C("a")]));
        var prepared = evaluator.Prepare(LearnerRecord.Empty, T);
        Assert.Equal(EligibilityStatus.Eligible, evaluator.Check("a", prepared));
        Assert.Throws<ArgumentException>(() => evaluator.Check("nope", prepared));
        Assert.Equal(1, evaluator.Evaluate("a", LearnerRecord.Empty, T).Progress);
    }

    // Dates (spec §4).
    [Fact]
    public void AHoldingEarnedOnTCountsAndOneDatedAfterTDoesNot()
    {
        var catalog = Catalog(Rule.Credential("a"), C("a"));
        Eligible(catalog, Holds(H("a", 0)));
        NotEligible(catalog, Holds(H("a", -1)));
        var note = Assert.Single(new EligibilityEvaluator(catalog).Evaluate("Q", Holds(H("a", -1)), T).Explanation!.NotCounted);
        Assert.Equal(HoldingIssue.NotYetEarned, note.Issue);
    }

    [Fact]
    public void AHoldingExpiringOnTDoesNotCountButOneExpiringTheDayAfterDoes()
    {
        var catalog = Catalog(Rule.Credential("a"), C("a"));
        NotEligible(catalog, Holds(H("a", 100, expires: T)));
        Eligible(catalog, Holds(H("a", 100, expires: T.AddDays(1))));
        var note = Assert.Single(new EligibilityEvaluator(catalog).Evaluate("Q", Holds(H("a", 100, expires: T)), T).Explanation!.NotCounted);
        Assert.Equal(HoldingIssue.Expired, note.Issue);
        Assert.Equal(T, note.Date);
    }

    [Fact]
    public void ValidForExpiresAHoldingAndAnExplicitExpiryOverridesIt()
    {
        var catalog = Catalog(Rule.Credential("a"), new Credential("a") { ValidFor = Period.Parse("P1Y") });
        NotEligible(catalog, Holds(new Holding("a", T.AddYears(-1))));
        Eligible(catalog, Holds(new Holding("a", T.AddYears(-1).AddDays(1))));
        Eligible(catalog, Holds(new Holding("a", T.AddYears(-3), expires: T.AddDays(1))));
    }

    [Fact]
    public void WithinAcceptsAHoldingEarnedExactlyAtTMinusWithinAndNotTheDayBefore()
    {
        var catalog = Catalog(Rule.Credential("a", within: Period.Parse("P2Y")), C("a"));
        Eligible(catalog, Holds(new Holding("a", new DateOnly(2023, 6, 15))));
        NotEligible(catalog, Holds(new Holding("a", new DateOnly(2023, 6, 14))));
        var note = Assert.Single(new EligibilityEvaluator(catalog).Evaluate("Q", Holds(new Holding("a", new DateOnly(2023, 6, 14))), T).Explanation!.NotCounted);
        Assert.Equal(HoldingIssue.TooOld, note.Issue);
    }

    [Fact]
    public void MinScoreNeedsAScoreAtLeastTheMinimum()
    {
        var catalog = Catalog(Rule.Credential("a", minScore: 70), C("a"));
        Eligible(catalog, Holds(H("a", score: 70)));
        NotEligible(catalog, Holds(H("a", score: 69.5m)));
        NotEligible(catalog, Holds(H("a")));
        var notes = new EligibilityEvaluator(catalog).Evaluate("Q", Holds(H("a", score: 60), H("a", 20)), T).Explanation!.NotCounted;
        Assert.Equal([HoldingIssue.BelowMinScore, HoldingIssue.NoScore], notes.Select(n => n.Issue));
    }

    // Equivalence and exceptions (spec §5).
    [Fact]
    public void AnEquivalentCountsAndTwoEquivalentsAreOneItem()
    {
        var a = new Credential("a") { EquivalentTo = ["a2"], Tags = ["x"] };
        var a2 = new Credential("a2") { Tags = ["x"] };
        Eligible(Catalog(Rule.Credential("a"), a, a2), Holds(H("a2")));
        NotEligible(Catalog(Rule.Count(2, Select.Tag("x")), a, a2), Holds(H("a"), H("a2")));
        NotEligible(Catalog(Rule.Count(1, Select.Ids("b") with { Except = ["a2"] }) with { }, a, a2, C("b")), Holds(H("a")));
    }

    [Fact]
    public void ASubstituteCountsAsTheCredentialItReplacesButOnlyOnce()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credential("y")), C("a"), C("y"));
        var learner = new LearnerRecord("l", [H("y")], [new Substitution("a", "y")]);
        NotEligible(catalog, learner);
        Eligible(Catalog(Rule.Credential("a"), C("a"), C("y")), learner);

        // Transfer credit: Y need not be in the catalog; without a substitution an unknown id matches nothing.
        var transfer = Catalog(Rule.Credits(3, Select.Any), C("a", 3));
        Eligible(transfer, new LearnerRecord("l", [H("ext-101")], [new Substitution("a", "ext-101")]));
        NotEligible(transfer, Holds(H("ext-101")));
    }

    [Fact]
    public void ASubstituteIsTestedOnItsOwnScoreAndDate()
    {
        var catalog = Catalog(Rule.Credential("a", minScore: 80), C("a"), C("y"));
        NotEligible(catalog, new LearnerRecord("l", [H("y", score: 75)], [new Substitution("a", "y")]));
        Eligible(catalog, new LearnerRecord("l", [H("y", score: 85)], [new Substitution("a", "y")]));
        var within = Catalog(Rule.Credential("a", within: Period.Parse("P1Y")), C("a"), C("y"));
        NotEligible(within, new LearnerRecord("l", [H("y", 400)], [new Substitution("a", "y")]));
    }

    [Fact]
    public void AWaivedNodeIsSatisfiedWithoutUsingAnItem()
    {
        var rule = Rule.AllOf(Rule.Credential("a") with { Id = "capstone" }, Rule.Credential("b"));
        var catalog = Catalog(rule, C("a"), C("b"));
        Eligible(catalog, new LearnerRecord("l", [H("b")], [new Waiver("Q", "capstone")]));
        NotEligible(catalog, new LearnerRecord("l", [H("b")], [new Waiver("other", "capstone")]));
        var result = new EligibilityEvaluator(catalog).Evaluate("Q", new LearnerRecord("l", [H("b")], [new Waiver("Q", "capstone")]), T);
        Assert.True(result.Explanation!.Children[0].Waived);
        Assert.Single(result.Witness);
    }

    [Fact]
    public void AWaiverOfTheWholeRequirementMakesTheLearnerEligible()
    {
        var catalog = Catalog(Rule.Credential("a"), C("a"));
        Eligible(catalog, new LearnerRecord("l", [], [new Waiver("Q")]));
        var result = new EligibilityEvaluator(catalog).Evaluate("Q", new LearnerRecord("l", [], [new Waiver("Q")]), T);
        Assert.True(result.Waived);
        Assert.Equal(1, result.Progress);
    }

    [Fact]
    public void APlannedCredentialMeetsEveryQualifierAndJoinsItsClassItem()
    {
        var catalog = Catalog(Rule.Credential("a", minScore: 90, within: Period.Parse("P1M")), C("a"));
        Eligible(catalog, Holds(H("a", 400, score: 10)), ["a"]);
        var a = new Credential("a") { EquivalentTo = ["a2"], Tags = ["x"] };
        NotEligible(Catalog(Rule.Count(2, Select.Tag("x")), a, new Credential("a2") { Tags = ["x"] }), Holds(H("a")), ["a2"]);
    }

    // Where first-fit allocation fails (spec §6 note).
    [Fact]
    public void ACourseThatFitsEitherPoolIsAssignedWhereItIsNeeded()
    {
        // "a" fits both pools; first-fit in document order gives it to the first pool and starves the second.
        var catalog = Catalog(
            Rule.AllOf(Rule.Count(1, Select.Tag("x")), Rule.Count(1, Select.Ids("a"))),
            C("a", tags: "x"),
            C("b", tags: "x"));
        Eligible(catalog, Holds(H("a"), H("b")));
        NotEligible(catalog, Holds(H("a")));
    }

    [Fact]
    public void ACreditsPoolThatNeedsTheLargerItemGetsItWhileTheCountPoolTakesTheSmaller()
    {
        var credits = Rule.Credits(4, Select.Tag("x"));
        var count = Rule.Count(1, Select.Tag("x"));
        var credentials = new[] { C("big", 4, tags: "x"), C("small", 1, tags: "x"), C("tiny", 2, tags: "x") };
        Eligible(Catalog(Rule.AllOf(count, credits), credentials), Holds(H("big"), H("small")));
        Eligible(Catalog(Rule.AllOf(credits, count), credentials), Holds(H("small"), H("big")));
        Eligible(Catalog(Rule.AllOf(count, credits), credentials), Holds(H("tiny"), H("small"), H("big")));
        NotEligible(Catalog(Rule.AllOf(count, credits), credentials), Holds(H("big")));
    }

    [Fact]
    public void AnAtLeastWhoseCheapestChildrenCollideChoosesChildrenThatFitTogether()
    {
        // The first two children both need the one item "a"; only a choice that includes the third fits.
        var catalog = Catalog(
            Rule.AtLeast(2, Rule.Credential("a"), Rule.Count(1, Select.Ids("a")), Rule.Credits(2, Select.Tag("x"))),
            C("a", 2, tags: "x"),
            C("b", 1, tags: "x"),
            C("c", 1, tags: "x"));
        Eligible(catalog, Holds(H("a"), H("b"), H("c")));
        NotEligible(catalog, Holds(H("a"), H("b")));
    }

    [Fact]
    public void TwoCreditsPoolsOverTheSameItemsArePackedExactly()
    {
        // 5 + 3 and 4 + 4: only one split of {5, 4, 4, 3} gives both pools 8; largest-first gives 5 + 4 and 4 + 3.
        var catalog = Catalog(
            Rule.AllOf(Rule.Credits(8, Select.Tag("x")), Rule.Credits(8, Select.Tag("x"))),
            C("a", 5, tags: "x"),
            C("b", 4, tags: "x"),
            C("c", 4, tags: "x"),
            C("d", 3, tags: "x"));
        Eligible(catalog, Holds(H("a"), H("b"), H("c"), H("d")));
        NotEligible(catalog, Holds(H("a"), H("b"), H("c"), H("d", score: 1)) with { Holdings = [H("a"), H("b"), H("c")] });
    }

    [Fact]
    public void ADegreeAuditWithTwoLargeAnyCreditPoolsAndCompetingCountsIsDecidedWithinTheDefaultWorkLimit()
    {
        // 22 held courses worth 78.5 credits against six credit pools (two of them "23 and 21 credits of anything")
        // and counts that compete for the same courses. The enumeration of minimal subsets alone was still undetermined
        // after 200 million steps (spec §6: eligible exactly when an assignment exists); the bounds on what is left
        // decide it within the default limit, both ways.
        (string Id, decimal Credits, int Level, string[] Tags)[] courses =
        [
            ("c2", 2, 6, ["t3"]), ("c3", 1, 1, []), ("c5", 3, 2, []), ("c6", 5.5m, 6, []), ("c7", 5.5m, 1, ["t0", "t1", "t3"]),
            ("c10", 3, 2, ["t1"]), ("c14", 6, 2, ["t2"]), ("c15", 6, 5, ["t2"]), ("c20", 3, 4, ["t2"]), ("c21", 5.5m, 4, ["t0", "t3"]),
            ("c22", 5, 5, ["t0", "t1", "t2", "t3"]), ("c23", 5, 2, ["t0", "t1"]), ("c24", 3, 6, ["t0", "t1", "t2"]), ("c27", 4, 1, []),
            ("c28", 4, 4, ["t2"]), ("c29", 1, 2, ["t0", "t1"]), ("c33", 2, 5, []), ("c34", 1, 3, ["t1"]), ("c40", 4, 6, ["t0", "t1", "t3"]),
            ("c41", 2.5m, 5, []), ("c42", 1, 1, []), ("c44", 5.5m, 5, ["t0", "t3"]),
        ];
        var credentials = courses.Select(c => new Credential(c.Id) { Credits = c.Credits, Level = c.Level, Tags = [.. c.Tags] })
            .Concat([new Credential("c19"), new Credential("c32"), new Credential("c36")])
            .ToArray();
        Requirement Audit(decimal secondAny) => Rule.AllOf(
            Rule.AnyOf(Rule.Credits(4, Select.MinLevel(2)), Rule.Count(3, Select.Tag("t1")), Rule.Credential("c19")),
            Rule.Count(4, Select.MinLevel(5)),
            Rule.AnyOf(Rule.Credits(10, Select.Tag("t2")), Rule.Count(4, Select.Tag("t3")), Rule.Credential("c36")),
            Rule.AnyOf(Rule.Credits(8, Select.MinLevel(1)), Rule.Count(2, Select.Tag("t2")), Rule.Credential("c23")),
            Rule.Credits(23, Select.Any),
            Rule.AnyOf(Rule.Credits(5, Select.Any), Rule.Count(2, Select.Tag("t1")), Rule.Credential("c32")),
            Rule.Credits(secondAny, Select.Any));
        var learner = Holds([.. courses.Select(c => H(c.Id))]);
        EligibilityStatus Decide(decimal secondAny)
        {
            var evaluator = new EligibilityEvaluator(Catalog(Audit(secondAny), credentials));
            var prepared = evaluator.Prepare(learner, T);
            var status = evaluator.Check("Q", prepared);
            Assert.Equal(status, evaluator.Evaluate("Q", prepared, null).Status);
            return status;
        }

        Assert.Equal(EligibilityStatus.Eligible, Decide(21));

        // With 47: the count of four level-5 courses takes at least 2 + 2 + 2.5 + 3 = 9.5 of the 78.5 credits, and
        // 69 is less than 23 + 47.
        Assert.Equal(EligibilityStatus.NotEligible, Decide(47));
    }

    [Fact]
    public void AnInstanceBeyondTheWorkLimitIsUndeterminedNotGuessed()
    {
        var credentials = Enumerable.Range(0, 14).Select(i => C($"c{i}", 3 + (i % 5), tags: "x")).ToArray();
        var pools = Enumerable.Range(0, 5).Select(_ => (Requirement)Rule.Credits(9, Select.Tag("x"))).ToArray();
        var catalog = Catalog(Rule.AllOf(pools), credentials);
        var learner = Holds([.. credentials.Select(c => H(c.Id.Value))]);
        var tight = new EligibilityEvaluator(catalog, new EligibilityOptions { WorkLimit = 3 });
        Assert.Equal(EligibilityStatus.Undetermined, tight.Check("Q", tight.Prepare(learner, T)));
        var roomy = new EligibilityEvaluator(catalog);
        Assert.NotEqual(EligibilityStatus.Undetermined, roomy.Check("Q", roomy.Prepare(learner, T)));
    }

    // Explanations (spec §7).
    [Fact]
    public void PartsThatCompeteSayHowManyMoreCreditsTheyNeedTogether()
    {
        // Each pool is met alone by the three 3-credit courses, both together ask 12 of 9: at least 3 more, and one
        // 3-credit course that either pool can use is enough.
        Requirement requires = Rule.AllOf(Rule.Credits(6, Select.Tag("x")), Rule.Credits(6, Select.Tag("y")));
        Credential[] courses = [C("a", 3, tags: ["x", "y"]), C("b", 3, tags: ["x", "y"]), C("c", 3, tags: ["x", "y"]), C("d", 3, tags: ["x", "y"])];
        var evaluator = new EligibilityEvaluator(Catalog(requires, courses));

        var result = evaluator.Evaluate("Q", Holds(H("a"), H("b"), H("c")), T);

        Assert.False(result.IsEligible);
        Assert.EndsWith(
            "but not together: they need the same items, and no item counts twice; together they need at least 3 more credits (12 asked, the 3 items they can use are worth 9)",
            result.Explanation!.Missing,
            StringComparison.Ordinal);
        Assert.All(result.Explanation.Children, child => Assert.True(child.Satisfied));
        Assert.True(evaluator.Evaluate("Q", Holds(H("a"), H("b"), H("c"), H("d")), T).IsEligible);
    }

    [Fact]
    public void AShortfallOfOneAndOneMatchingItemAreWrittenInTheSingular()
    {
        // Two 1-item pools over one course that both can use: one more item, and the one that matches.
        Requirement requires = Rule.AllOf(Rule.Count(1, Select.Tag("x")), Rule.Count(1, Select.Tag("y")));
        var evaluator = new EligibilityEvaluator(Catalog(requires, C("a", 1, tags: ["x", "y"])));

        var missing = evaluator.Evaluate("Q", Holds(H("a")), T).Explanation!.Missing;

        Assert.EndsWith("together they need at least 1 more item (2 asked, 1 matches)", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompositeSaysHowManyOfItsPartsAreMissing()
    {
        Credential[] courses = [C("a", 1), C("b", 1), C("c", 1)];
        var all = new EligibilityEvaluator(Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credential("b"), Rule.Credential("c")), courses));
        var atLeast = new EligibilityEvaluator(Catalog(Rule.AtLeast(3, Rule.Credential("a"), Rule.Credential("b"), Rule.Credential("c")), courses));
        var twoOfThree = new EligibilityEvaluator(Catalog(Rule.AtLeast(2, Rule.Credential("a"), Rule.Credential("b"), Rule.Credential("c")), courses));

        Assert.Equal("2 of its 3 required parts are not satisfied", all.Evaluate("Q", Holds(H("a")), T).Explanation!.Missing);
        Assert.Equal("1 of its 3 required parts is not satisfied", all.Evaluate("Q", Holds(H("a"), H("b")), T).Explanation!.Missing);
        Assert.Equal("needs 1 more of its 3 parts (1 of the 2 needed is satisfied)", twoOfThree.Evaluate("Q", Holds(H("a")), T).Explanation!.Missing);
        Assert.Equal("needs 2 more of its 3 parts (1 of the 3 needed is satisfied)", atLeast.Evaluate("Q", Holds(H("a")), T).Explanation!.Missing);
    }

    [Fact]
    public void AnExplanationSaysWhatIsMissingAndRendersAsTextAndJson()
    {
        var catalog = Catalog(
            Rule.AllOf(Rule.Credential("a", minScore: 70) with { Id = "core" }, Rule.Credits(6, Select.Tag("x"))),
            C("a", 3, tags: "x"),
            C("b", 2, tags: "x"));
        var result = new EligibilityEvaluator(catalog).Evaluate("Q", Holds(H("a", score: 60), H("b")), T);
        Assert.False(result.IsEligible);
        var core = result.Explanation!.Children[0];
        Assert.Contains("needs a with score at least 70", core.Missing, StringComparison.Ordinal);
        Assert.Contains("needs 1 more credit from tag x (has 5 of 6)", result.Explanation.Children[1].Missing, StringComparison.Ordinal);
        Assert.Contains("[ ] credential a", result.ToText(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.ToJson());
        Assert.Equal("Q", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("2025-06-15", json.RootElement.GetProperty("asOf").GetString());
        Assert.False(json.RootElement.GetProperty("eligible").GetBoolean());
        Assert.Equal("belowMinScore", json.RootElement.GetProperty("explanation").GetProperty("children")[0].GetProperty("notCounted")[0].GetProperty("issue").GetString());
    }

    [Fact]
    public void JsonKeepsAccentsAndQuotesReadable()
    {
        var catalog = Catalog(Rule.Credential("économie \"101\""), C("économie \"101\"", 3));
        var json = new EligibilityEvaluator(catalog).Evaluate("Q", Holds(), T).ToJson();
        Assert.Contains("économie \\\"101\\\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", json, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json);
        Assert.False(parsed.RootElement.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public void AnEligibleResultCarriesItsWitness()
    {
        var catalog = Catalog(Rule.AllOf(Rule.Credential("a"), Rule.Credits(2, Select.Tag("x"))), C("a", 3, tags: "x"), C("b", 2, tags: "x"));
        var result = new EligibilityEvaluator(catalog).Evaluate("Q", new LearnerRecord("l", [H("a"), H("b")]), T);
        Assert.True(result.IsEligible);
        Assert.Equal(["requires.allOf[0]", "requires.allOf[1]"], result.Witness.Select(w => w.Path));
        Assert.Equal("a", result.Witness[0].Items.Single().Credential.Value);
        Assert.Equal("b", result.Witness[1].Items.Single().Credential.Value);
        Assert.Equal(2m, result.Witness[1].Items.Single().Value);
    }
}
