using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Generators;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Eligibility;

/// <summary>
/// A learner who holds most credentials of a small catalog (each with probability 4/5), and a rule whose pools and
/// leaves compete for the same items: the cases where a first-fit audit goes wrong, generated on purpose rather than
/// left to chance.
/// </summary>
/// <remarks>Decoded from a genome of small integers like <see cref="EligibilityCase"/>, so it shrinks the same way.</remarks>
public sealed class ContestedPoolCase
{
    public ContestedPoolCase(int[] genome)
    {
        Genome = genome;
        var next = new GenomeReader(genome);
        int Next(int choices) => next.Next(choices);

        var count = 3 + Next(4);
        var ids = Enumerable.Range(0, count).Select(i => new CredentialId($"c{i}")).ToArray();
        var builder = new CatalogBuilder("contested");
        for (var i = 0; i < count; i++)
        {
            var credits = 1 + Next(4);
            var tags = 1 + Next(3);
            var hours = 10 * (1 + Next(4));
            builder.Credential(ids[i], c => c with
            {
                Credits = credits,
                Hours = hours,
                Tags = [.. new[] { "t0", "t1" }.Where((_, b) => (tags & (1 << b)) != 0)],
            });
        }

        // Hours pools compete with each other and, item for item, with the credit pools (another unit of value).
        Requirement Leaf() => Next(5) switch
        {
            0 => Rule.Credential(ids[Next(count)]),
            1 => Rule.Count(1 + Next(3), Select.Tag(Next(2) == 0 ? "t0" : "t1")),
            2 => Rule.Credits(1 + Next(8), Select.Tag(Next(2) == 0 ? "t0" : "t1")),
            3 => Rule.Hours(10 * (1 + Next(8)), Select.Tag(Next(2) == 0 ? "t0" : "t1")),
            _ => Rule.Credits(1 + Next(6), Select.Ids(ids[Next(count)], ids[Next(count)], ids[Next(count)])),
        };

        var children = Enumerable.Range(0, 2 + Next(3))
            .Select(_ => Next(4) == 0 ? Rule.AnyOf(Leaf(), Leaf()) : (Next(5) == 0 ? Rule.AtLeast(1, Leaf(), Leaf()) : Leaf()))
            .ToArray();
        Requirement = Rule.AllOf(children);
        Catalog = builder.Credential("Q", c => c with { Requires = Requirement }).Build();
        var held = ids.Where(_ => Next(5) != 0).Select(id => new Holding(id, EligibilityCase.AsOf.AddDays(-10)));
        Learner = new LearnerRecord("contested", held);
    }

    public int[] Genome { get; }

    public Catalog Catalog { get; }

    public Requirement Requirement { get; }

    public LearnerRecord Learner { get; }

    public override string ToString() => $"[{string.Join(",", Genome)}] {CaseText.Of(Requirement)}";
}

public static class ContestedPoolArbitraries
{
    public static Arbitrary<ContestedPoolCase> Cases() => Genome.Arbitrary(60, g => new ContestedPoolCase(g), c => c.Genome);
}

[Properties(Arbitrary = [typeof(ContestedPoolArbitraries)], MaxTest = 500)]
public sealed class ContestedPoolLaws
{
    [Property]
    public bool ContestedPoolsAreAllocatedExactlyAsTheBruteForceReferenceAllocatesThem(ContestedPoolCase c)
    {
        var expected = ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf);
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var status = evaluator.Check("Q", evaluator.Prepare(c.Learner, EligibilityCase.AsOf));
        return (status == EligibilityStatus.Eligible) == expected
            && evaluator.Evaluate("Q", c.Learner, EligibilityCase.AsOf).IsEligible == expected;
    }

    [Property]
    public bool AddingLessThanTheStatedJointShortfallNeverMakesALearnerEligible(ContestedPoolCase c)
    {
        // "together they need at least K more credits (hours, items)": fresh credentials that match every tag pool and
        // bring less than K of that unit (and plenty of the others) must leave the learner not eligible.
        foreach (var (amount, unit) in JointShortfalls(c))
        {
            var fresh = unit switch
            {
                "credits" => [new Credential("fresh0") { Credits = amount - 0.5m, Hours = 1000, Tags = ["t0", "t1"] }],
                "hours" => [new Credential("fresh0") { Credits = 1000, Hours = amount - 0.5m, Tags = ["t0", "t1"] }],
                _ => Enumerable.Range(0, (int)amount - 1).Select(i => new Credential($"fresh{i}") { Credits = 1000, Hours = 1000, Tags = ["t0", "t1"] }).ToArray(),
            };
            var catalog = new Catalog([.. c.Catalog.Credentials, .. fresh]);
            var learner = c.Learner with { Holdings = [.. c.Learner.Holdings, .. fresh.Select(f => new Holding(f.Id, EligibilityCase.AsOf.AddDays(-10)))] };
            if (ReferenceEligibility.IsEligible(catalog, "Q", learner, EligibilityCase.AsOf))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool PoolsOfUnitCreditCoursesAreShortByExactlyTheStatedJointShortfall(PositiveInt[] needs, NonNegativeInt held)
    {
        // Credits pools of "anything" over one-credit courses, each met alone, not together: the statement is exact
        // here (any courses can go to any pool), so that many more courses make the learner eligible and one fewer not.
        var amounts = needs.Take(4).Select(n => n.Get % 6 + 1).ToArray();
        if (amounts.Length < 2)
        {
            return true;
        }

        var total = amounts.Sum();
        var count = amounts.Max() + (held.Get % (total - amounts.Max()));
        var requirement = Rule.AllOf([.. amounts.Select(a => (Requirement)Rule.Credits(a, Select.Any))]);
        EligibilityResult With(int courses)
        {
            var credentials = Enumerable.Range(0, courses).Select(i => new Credential($"c{i}") { Credits = 1 }).ToArray();
            var catalog = new Catalog([.. credentials, new Credential("Q") { Requires = requirement }]);
            var learner = new LearnerRecord("unit", credentials.Select(c => new Holding(c.Id, EligibilityCase.AsOf.AddDays(-10))));
            return new EligibilityEvaluator(catalog).Evaluate("Q", learner, EligibilityCase.AsOf);
        }

        var shortfall = total - count;
        var missing = With(count).Explanation?.Missing ?? string.Empty;
        return missing.Contains($"at least {shortfall} more {(shortfall == 1 ? "credit" : "credits")}", StringComparison.Ordinal)
            && With(count + shortfall).IsEligible
            && !With(count + shortfall - 1).IsEligible;
    }

    /// <summary>The joint shortfalls the root's explanation states, as (amount, unit).</summary>
    internal static IEnumerable<(decimal Amount, string Unit)> JointShortfalls(ContestedPoolCase c)
    {
        var missing = new EligibilityEvaluator(c.Catalog).Evaluate("Q", c.Learner, EligibilityCase.AsOf).Explanation?.Missing ?? string.Empty;
        // A shortfall of exactly 1 is written in the singular ("1 more item"); the unit is returned in the plural.
        return System.Text.RegularExpressions.Regex.Matches(missing, @"at least ([0-9.]+) more (credit|hour|item)s?\b")
            .Select(m => (decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value + "s"));
    }

    [Fact]
    public void TheGeneratorMakesTheExplanationStateJointShortfallsOfEveryUnit()
    {
        // The law above is only worth having if the explanation states shortfalls on its cases.
        var random = new Random(20261205);
        var units = new Dictionary<string, int>();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var (_, unit) in JointShortfalls(new ContestedPoolCase([.. Enumerable.Range(0, 40).Select(_ => random.Next(24))])))
            {
                units[unit] = units.GetValueOrDefault(unit) + 1;
            }
        }

        Assert.True(units.GetValueOrDefault("credits") >= 5 && units.GetValueOrDefault("hours") >= 1 && units.GetValueOrDefault("items") >= 5, string.Join(", ", units));
    }

    [Fact]
    public void TheGeneratorReallyProducesCasesWhereSomeAssignmentFailsAndAnotherSucceeds()
    {
        // The law above is only worth having if its cases include allocation conflicts: count how many generated
        // cases are eligible although their nodes' candidate items overlap.
        var random = new Random(20261128);
        var eligible = 0;
        var notEligible = 0;
        var greedyWrong = 0;
        for (var i = 0; i < 300; i++)
        {
            var genome = Enumerable.Range(0, 40).Select(_ => random.Next(24)).ToArray();
            var c = new ContestedPoolCase(genome);
            if (ReferenceEligibility.IsEligible(c.Catalog, "Q", c.Learner, EligibilityCase.AsOf))
            {
                eligible++;
                greedyWrong += FirstFitAudit.Passes(c.Requirement, [.. c.Learner.Holdings.Select(h => h.Credential).Order().Select(id => c.Catalog[id])]) ? 0 : 1;
            }
            else
            {
                notEligible++;
            }
        }

        Assert.InRange(eligible, 30, 270);
        Assert.InRange(notEligible, 30, 270);
        Assert.True(greedyWrong >= 5, $"only {greedyWrong} of 300 cases defeat a first-fit audit");
    }
}
