using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Eligibility.Engine;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Generators;
using Stacking.Tests.Reference;

using static Stacking.Tests.Eligibility.ExampleFixtures;

namespace Stacking.Tests.Eligibility;

/// <summary>
/// A small audit whose credits, hours and count pools all compete for the same few courses (half credits included,
/// selectors by tag, level, ids, anything and anything-except): several pools reach the exact allocation at once, where
/// dominance between items, the greedy try and the rounds of allocation budgets act. Small enough for the brute-force
/// reference (at most seven courses, seven consuming nodes).
/// </summary>
/// <remarks>Decoded from a genome of small integers like <see cref="EligibilityCase"/>, so it shrinks the same way.</remarks>
public sealed class CompetingCreditPoolCase
{
    private static readonly decimal[] Credits = [3, 1, 4, 1.5m, 2, 0.5m, 2.5m, 3];

    public CompetingCreditPoolCase(int[] genome)
    {
        Genome = genome;
        var next = new GenomeReader(genome);
        int Next(int choices) => next.Next(choices);

        var count = 4 + Next(4);
        var ids = Enumerable.Range(0, count).Select(i => new CredentialId($"c{i}")).ToArray();
        var builder = new CatalogBuilder("competing");
        for (var i = 0; i < count; i++)
        {
            var credits = Credits[Next(Credits.Length)];
            var tags = Next(8);
            var level = Next(4);
            var hours = 15 * (1 + Next(4));
            builder.Credential(ids[i], c => c with
            {
                Credits = credits,
                Hours = hours,
                Level = level == 0 ? null : level,
                Tags = [.. new[] { "t0", "t1", "t2" }.Where((_, b) => (tags & (1 << b)) != 0)],
            });
        }

        Selector Pool() => Next(6) switch
        {
            0 => Select.Tag($"t{Next(3)}"),
            1 => Select.Any,
            2 => Select.MinLevel(1 + Next(3)),
            3 => Select.Ids(ids[Next(count)], ids[Next(count)], ids[Next(count)]),
            4 => Select.Any with { Except = [ids[Next(count)]] },
            _ => Select.Tag($"t{Next(3)}") with { MinLevel = 1 + Next(2) },
        };

        var leaves = 0;
        Requirement Leaf()
        {
            leaves++;
            return Next(6) switch
            {
                0 => Rule.Count(1 + Next(3), Pool()),
                1 => Rule.Hours(15 * (1 + Next(6)), Pool()),
                _ => Rule.Credits(0.5m * (1 + Next(16)), Pool()),
            };
        }

        var children = new List<Requirement>();
        var top = 3 + Next(3);
        for (var k = 0; k < top && leaves < 7; k++)
        {
            children.Add(Next(5) == 0 && leaves < 6 ? Rule.AnyOf(Leaf(), Leaf()) : Leaf());
        }

        Requirement = Rule.AllOf([.. children]);
        Catalog = builder.Credential("Q", c => c with { Requires = Requirement }).Build();
        var held = ids.Where(_ => Next(6) != 0).Select(id => new Holding(id, EligibilityCase.AsOf.AddDays(-10)));
        Learner = new LearnerRecord("competing", held);
        WorkLimit = 1 + Next(24) * Next(24) * 8;
    }

    public int[] Genome { get; }

    public Catalog Catalog { get; }

    public Requirement Requirement { get; }

    public LearnerRecord Learner { get; }

    /// <summary>Gets a small work limit (1 to about 4 600 steps) for the law that a limit only ever turns answers into undetermined.</summary>
    public long WorkLimit { get; }

    public override string ToString() => $"[{string.Join(",", Genome)}] {CaseText.Of(Requirement)} limit {WorkLimit}";
}

/// <summary>
/// Two credits (or hours) pools whose selectors overlap, over up to twelve held courses of distinct and repeated values:
/// the allocation ends with the two nodes splitting the courses both can use, which is decided by meeting in the middle.
/// </summary>
public sealed class TwoPoolSplitCase
{
    private static readonly decimal[] Credits = [1, 2, 3, 5, 8, 13, 0.5m, 2.5m, 4, 7];

    public TwoPoolSplitCase(int[] genome)
    {
        Genome = genome;
        var next = new GenomeReader(genome);
        int Next(int choices) => next.Next(choices);

        var count = 2 + Next(11);
        var builder = new CatalogBuilder("split");
        var total = 0m;
        for (var i = 0; i < count; i++)
        {
            var credits = Credits[Next(Credits.Length)];
            var tags = 1 + Next(3);
            total += credits;
            builder.Credential($"c{i}", c => c with { Credits = credits, Hours = 10 * credits, Tags = [.. new[] { "a", "b" }.Where((_, b) => (tags & (1 << b)) != 0)] });
        }

        Requirement Pool(string tag) => Next(4) == 0
            ? Rule.Hours(10 * (0.5m + (0.5m * Next((int)total * 2))), Select.Tag(tag))
            : Rule.Credits(0.5m + (0.5m * Next((int)total * 2)), Next(3) == 0 ? Select.Any : Select.Tag(tag));
        Requirement = Rule.AllOf(Pool("a"), Pool("b"));
        Catalog = builder.Credential("Q", c => c with { Requires = Requirement }).Build();
        Learner = new LearnerRecord("split", Enumerable.Range(0, count).Where(_ => Next(6) != 0).Select(i => new Holding($"c{i}", EligibilityCase.AsOf.AddDays(-10))));
    }

    public int[] Genome { get; }

    public Catalog Catalog { get; }

    public Requirement Requirement { get; }

    public LearnerRecord Learner { get; }

    public override string ToString() => $"[{string.Join(",", Genome)}] {CaseText.Of(Requirement)}";
}

public static class CompetingCreditPoolArbitraries
{
    public static Arbitrary<TwoPoolSplitCase> SplitCases() => Genome.Arbitrary(40, g => new TwoPoolSplitCase(g), c => c.Genome);

    public static Arbitrary<CompetingCreditPoolCase> Cases() => Genome.Arbitrary(70, g => new CompetingCreditPoolCase(g), c => c.Genome);
}

[Properties(Arbitrary = [typeof(CompetingCreditPoolArbitraries)], MaxTest = 400)]
public sealed class HardAllocationLaws
{
    [Property]
    public bool ExactAllocationAgreesWithBruteForceOnCompetingCreditPools(CompetingCreditPoolCase c)
    {
        var expected = ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf);
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var prepared = evaluator.Prepare(c.Learner, EligibilityCase.AsOf);
        var want = expected ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible;
        return evaluator.Check("Q", prepared) == want
            && evaluator.CheckGeneral(evaluator.IndexOf("Q"), prepared, []) == want
            && evaluator.Evaluate("Q", prepared, null).Status == want;
    }

    [Property(MaxTest = 1000)]
    public bool TwoPoolsSplitTheCoursesTheyShareExactlyAsTheBruteForceReferenceDoes(TwoPoolSplitCase c)
    {
        var expected = ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf);
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var result = evaluator.Evaluate("Q", c.Learner, EligibilityCase.AsOf);
        return evaluator.Check("Q", evaluator.Prepare(c.Learner, EligibilityCase.AsOf)) == (expected ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible)
            && result.IsEligible == expected
            && (!expected || WitnessMeetsBothPools(c, result));
    }

    [Fact]
    public void TwentyFourCoursesOfLargeCreditsThatSplitExactlyIntoTwoPoolsAreEligible()
    {
        // 24 courses of large distinct credits and two pools of half their total each: an exact split exists (built in:
        // twelve courses picked at random, one of them adjusted so that they sum to the other twelve), which an
        // enumeration of subsets did not find within the default work limit (Undetermined); meeting in the middle lists
        // 2 × 4 096 half-splits.
        var random = new Random(2425);
        var values = Enumerable.Range(0, 24).Select(_ => (decimal)random.NextInt64(100_000_000_000, 1_000_000_000_000)).ToArray();
        var picked = Enumerable.Range(0, 24).OrderBy(_ => random.Next()).Take(12).ToArray();
        var adjusted = picked.MaxBy(i => values[i]);
        values[adjusted] += values.Sum() - (2 * picked.Sum(i => values[i]));
        Assert.True(values[adjusted] > 0);
        var half = picked.Sum(i => values[i]);
        EligibilityResult Decide(decimal[] credits)
        {
            var courses = credits.Select((v, i) => C($"i{i:00}", v)).ToArray();
            var catalog = Catalog(Rule.AllOf(Rule.Credits(half, Select.Any), Rule.Credits(half, Select.Any)), courses);
            var evaluator = new EligibilityEvaluator(catalog);
            var learner = new LearnerRecord("all", [.. courses.Select(c => new Holding(c.Id, EligibilityCase.AsOf.AddDays(-10)))]);
            var result = evaluator.Evaluate("Q", learner, EligibilityCase.AsOf);
            Assert.Equal(result.Status, evaluator.Check("Q", evaluator.Prepare(learner, EligibilityCase.AsOf)));
            return result;
        }

        var eligible = Decide(values);
        Assert.Equal(EligibilityStatus.Eligible, eligible.Status);
        Assert.All(eligible.Witness, entry => Assert.True(entry.Items.Sum(u => values[int.Parse(u.Credential.Value[1..], System.Globalization.CultureInfo.InvariantCulture)]) >= half));
        Assert.Equal(24, eligible.Witness.Sum(entry => entry.Items.Length));
    }

    private static bool WitnessMeetsBothPools(TwoPoolSplitCase c, EligibilityResult result)
    {
        var used = new HashSet<CredentialId>();
        foreach (var entry in result.Witness)
        {
            var sum = 0m;
            foreach (var use in entry.Items)
            {
                if (!used.Add(use.Credential))
                {
                    return false;
                }

                var credential = c.Catalog[use.Credential];
                sum += entry.Node is HoursRequirement ? credential.Hours : credential.Credits;
            }

            var need = entry.Node switch
            {
                CreditsRequirement credits => credits.Credits,
                HoursRequirement hours => hours.Hours,
                _ => decimal.MaxValue,
            };
            if (sum < need)
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool AWorkLimitOnlyEverTurnsAnExactAnswerIntoUndetermined(CompetingCreditPoolCase c)
    {
        // Under a small limit every exact allocation starts with a tiny budget and the rounds that raise it are
        // exercised: whatever they decide must be the brute-force answer.
        var evaluator = new EligibilityEvaluator(c.Catalog, new EligibilityOptions { WorkLimit = c.WorkLimit });
        var status = evaluator.CheckGeneral(evaluator.IndexOf("Q"), evaluator.Prepare(c.Learner, EligibilityCase.AsOf), []);
        return status == EligibilityStatus.Undetermined
            || (status == EligibilityStatus.Eligible) == ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf);
    }

    [Property]
    public bool TheLinearRelaxationOnlyEverRefutesLearnersWhoAreNotEligible(CompetingCreditPoolCase c)
    {
        // A work limit of one step stops the search at its first node, so every case left open goes to the relaxation.
        var evaluator = new EligibilityEvaluator(c.Catalog, new EligibilityOptions { WorkLimit = 1 });
        var status = evaluator.CheckGeneral(evaluator.IndexOf("Q"), evaluator.Prepare(c.Learner, EligibilityCase.AsOf), out _);
        return status == EligibilityStatus.Undetermined
            || (status == EligibilityStatus.Eligible) == ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf);
    }

    [Fact]
    public void TheLinearRelaxationDecidesCasesTheSearchLeftOpen()
    {
        // The law above is only worth having if the relaxation runs and proves something on its cases.
        var random = new Random(20261205);
        int tried = 0, refuted = 0;
        for (var i = 0; i < 300; i++)
        {
            var c = new CompetingCreditPoolCase([.. Enumerable.Range(0, 60).Select(_ => random.Next(24))]);
            var evaluator = new EligibilityEvaluator(c.Catalog, new EligibilityOptions { WorkLimit = 1 });
            var status = evaluator.CheckGeneral(evaluator.IndexOf("Q"), evaluator.Prepare(c.Learner, EligibilityCase.AsOf), out var relaxationTried);
            tried += relaxationTried ? 1 : 0;
            refuted += relaxationTried && status == EligibilityStatus.NotEligible ? 1 : 0;
        }

        Assert.True(tried >= 50, $"the relaxation ran on only {tried} of 300 cases");
        Assert.True(refuted >= 10, $"the relaxation refuted only {refuted} of {tried} cases");
    }

    [Property(MaxTest = 1000)]
    public bool AnAmountRoundedUpToItsItemsGranuleIsNoMoreThanTheLeastSumThatReachesIt(PositiveInt[] units, PositiveInt granule, NonNegativeInt amount, bool halves)
    {
        // Values sharing a divisor (a half, or a whole 1 to 6) and an amount that is often not a multiple of it; the
        // least subset sum reaching the amount, by brute force, is what no allocation can go below.
        var g = halves ? granule.Get % 6 * 0.5m + 0.5m : granule.Get % 6 + 1;
        var values = units.Take(10).Select(u => g * (u.Get % 9 + 1)).ToArray();
        var target = (amount.Get % ((values.Sum() / g) + 3)) * (g / 2) + 0.5m;
        var rounded = Evaluation.RoundUpToGranule(values, target);
        var least = decimal.MaxValue;
        for (var mask = 0; mask < 1 << values.Length; mask++)
        {
            var sum = values.Where((_, i) => (mask & (1 << i)) != 0).Sum();
            least = sum >= target ? Math.Min(least, sum) : least;
        }

        return rounded >= target && rounded <= least;
    }

    [Fact]
    public void TwoPoolsOfAnOddNumberOfCreditsOverCoursesOfEvenCreditsAreProvenNotEligible()
    {
        // 24 courses of large even credits (so no enumeration exhausts their splits), two pools of an odd amount X each,
        // all the courses together worth exactly 2X: each pool's sum is even, so both need X + 1, more than there is.
        // Without rounding the amounts up to the items' common divisor this was undetermined (no relaxation in floating
        // point sees a shortfall of 2 in 10^13); now the forced pools' supply check decides it at once.
        var random = new Random(24);
        var values = Enumerable.Range(0, 24).Select(_ => 2m * random.NextInt64(50_000_000_000, 500_000_000_000)).ToArray();
        if (values.Sum() / 2 % 2 == 0)
        {
            values[0] += 2;
        }

        var half = values.Sum() / 2;
        var credentials = values.Select((v, i) => C($"i{i:00}", v)).ToArray();
        var catalog = Catalog(Rule.AllOf(Rule.Credits(half, Select.Any) with { Id = "p1" }, Rule.Credits(half, Select.Any) with { Id = "p2" }), credentials);
        var learner = new LearnerRecord("all", [.. credentials.Select(c => new Holding(c.Id, EligibilityCase.AsOf.AddDays(-10)))]);
        var evaluator = new EligibilityEvaluator(catalog);
        var prepared = evaluator.Prepare(learner, EligibilityCase.AsOf);

        Assert.Equal(1m, half % 2);
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Check("Q", prepared));
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Evaluate("Q", prepared, null).Status);
        var report = Stacking.Validation.CatalogValidator.Validate(catalog);
        Assert.Contains(report.Findings, f => f.Code == "STK008" && f.Credential?.Value == "Q");
    }

    /// <summary>
    /// Generated degree audits that stayed undetermined under the default limit of 1,000,000 steps (the search found no
    /// witness, and exhausting every allocation would take from 10 million to over 200 million steps) and that the
    /// linear relaxation proves not eligible in a few milliseconds: the courses are too few, jointly, for the credits,
    /// hours and count pools that compete for them. SCIP (OR-Tools 9.15) agrees on every one.
    /// </summary>
    [Theory]
    [InlineData(915808137)]
    [InlineData(1730456676)]
    [InlineData(1580364990)]
    [InlineData(751771783)]
    [InlineData(329986595)]
    [InlineData(1592554625)]
    [InlineData(1213959185)] // only with the rows "at least as many items as the most valuable ones take"
    public void AHardDegreeAuditTheSearchCannotExhaustIsProvenNotEligibleByTheRelaxation(int seed)
    {
        var c = new DegreeAuditCase(seed);
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var prepared = evaluator.Prepare(c.Learner, DegreeAuditCase.AsOf);
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.CheckGeneral(evaluator.IndexOf("Q"), prepared, out var relaxationTried));
        Assert.True(relaxationTried);
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Check("Q", prepared));
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Evaluate("Q", prepared, null).Status);
    }

    [Fact]
    public void TheGeneratorReallyMakesThePoolsCompete()
    {
        // The laws are only worth having if their cases need an exact allocation: eligible cases that a first-fit
        // audit (parts in order, each taking the first free courses that fit) gets wrong, and not-eligible cases in
        // which every pool can be met on its own (no bound on one pool decides them).
        var random = new Random(20261205);
        var firstFitWrong = 0;
        var eachAloneButNotTogether = 0;
        for (var i = 0; i < 300; i++)
        {
            var c = new CompetingCreditPoolCase([.. Enumerable.Range(0, 60).Select(_ => random.Next(24))]);
            if (ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf))
            {
                firstFitWrong += FirstFitAudit.Passes(c.Requirement, [.. c.Learner.Holdings.Select(h => c.Catalog[h.Credential])]) ? 0 : 1;
            }
            else if (c.Requirement.Children.All(child => ReferenceEligibility.IsSatisfied(c.Catalog, child, c.Learner, EligibilityCase.AsOf)))
            {
                eachAloneButNotTogether++;
            }
        }

        Assert.True(firstFitWrong >= 10, $"only {firstFitWrong} of 300 cases defeat a first-fit audit");
        Assert.True(eachAloneButNotTogether >= 30, $"only {eachAloneButNotTogether} of 300 cases fail only together");
    }

    /// <summary>
    /// Generated degree audits (<see cref="DegreeAuditCase"/>) that came back undetermined under the default limit of
    /// 1,000,000 steps, now decided within a quarter of it: the search had spent the limit on one exact allocation of one
    /// choice of alternatives (now budgeted per round), enumerated allocations that differ only by courses one pool
    /// values no less and the later pools need no more (now dominance), or searched a partial selection whose forced
    /// remainder could not fit (now the forced-node bound). Every answer agrees with CP-SAT (OR-Tools 9.15, one worker);
    /// each eligible witness is checked here course by course.
    /// </summary>
    [Theory]
    [InlineData(1216644526, true, true)]
    [InlineData(1555950224, true, true)]
    [InlineData(1681887820, true, true)]
    [InlineData(2134183287, true, true)]
    [InlineData(329461915, true, true)]
    [InlineData(814705166, true, true)]
    [InlineData(1224629127, true, true)]
    [InlineData(61723224, true, true)]
    [InlineData(2011045583, false, true)]
    [InlineData(493902704, true, false)]
    [InlineData(298594701, true, false)]
    [InlineData(378694555, true, false)]
    [InlineData(1138591361, true, false)]
    [InlineData(137606753, true, false)]
    public void AHardDegreeAuditIsDecidedWellInsideTheWorkLimit(int seed, bool hard, bool eligible)
    {
        var c = new DegreeAuditCase(seed, hard);
        var want = eligible ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible;
        var evaluator = new EligibilityEvaluator(c.Catalog, new EligibilityOptions { WorkLimit = 250_000 });
        var prepared = evaluator.Prepare(c.Learner, DegreeAuditCase.AsOf);
        Assert.Equal(want, evaluator.Check("Q", prepared));
        Assert.Equal(want, evaluator.CheckGeneral(evaluator.IndexOf("Q"), prepared, []));
        var full = new EligibilityEvaluator(c.Catalog);
        var result = full.Evaluate("Q", full.Prepare(c.Learner, DegreeAuditCase.AsOf), null);
        Assert.Equal(want, result.Status);
        if (eligible)
        {
            AssertWitnessHolds(c, result);
        }
    }

    [Fact]
    public void AHardDegreeAuditThatTakesMostOfTheLimitIsDecidedWithinIt()
    {
        // Undetermined after 200 million steps before; eligible (CP-SAT agrees) in the third round, which gives each
        // allocation all the work that is left, after about 0.95 million steps: so only under the default limit.
        var c = new DegreeAuditCase(695484539);
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var status = evaluator.CheckGeneral(evaluator.IndexOf("Q"), evaluator.Prepare(c.Learner, DegreeAuditCase.AsOf), []);
        Assert.Equal(EligibilityStatus.Eligible, status);
    }

    /// <summary>Checks a witness without the engine: no course used twice, each consuming node met by its own items,
    /// each item matching the node's selector and qualifiers (the generated catalogs have no equivalences or exceptions).</summary>
    private static void AssertWitnessHolds(DegreeAuditCase c, EligibilityResult result)
    {
        var used = new HashSet<CredentialId>();
        Assert.NotEmpty(result.Witness);
        foreach (var entry in result.Witness)
        {
            var node = (ConsumingRequirement)entry.Node;
            foreach (var use in entry.Items)
            {
                Assert.True(used.Add(use.Credential), $"{use.Credential} is used twice");
                var credential = c.Catalog[use.Credential];
                var holding = c.Learner.Holdings.Single(h => h.Credential.Equals(use.Credential));
                Assert.True(node.MinScore is not { } min || holding.Score >= min);
                Assert.True(node.Within is not { } within || holding.Earned >= within.SubtractFrom(DegreeAuditCase.AsOf));
                Assert.True(node switch
                {
                    CredentialRequirement leaf => leaf.Credential.Equals(use.Credential),
                    PoolRequirement pool => CaseTools.Selects(pool.From, credential),
                    _ => false,
                });
            }

            Assert.True(node switch
            {
                CreditsRequirement credits => entry.Items.Sum(u => c.Catalog[u.Credential].Credits) >= credits.Credits,
                HoursRequirement hours => entry.Items.Sum(u => c.Catalog[u.Credential].Hours) >= hours.Hours,
                CountRequirement count => entry.Items.Length >= count.Count,
                _ => entry.Items.Length == 1,
            });
        }
    }
}
