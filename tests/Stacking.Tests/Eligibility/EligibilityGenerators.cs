using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Generators;

namespace Stacking.Tests.Eligibility;

/// <summary>A small generated catalog, a learner and a target "Q", decoded from a genome of small integers.</summary>
/// <remarks>
/// Every choice reads the next genome value; a missing value reads as 0, and 0 is always the simplest choice (fewest
/// credentials, a credential leaf, no qualifier, no exception). So FsCheck shrinks a case by shrinking its genome:
/// dropping values and lowering them both make the case simpler.
/// </remarks>
public sealed class EligibilityCase
{
    public static readonly DateOnly AsOf = new(2025, 6, 15);
    public static readonly CredentialId Target = "Q";

    public EligibilityCase(int[] genome)
    {
        Genome = genome;
        // Three interleaved streams (catalog, requirement, learner), so that every part gets values whatever the length.
        var r = new GenomeReader(genome, 0, 3);
        var count = 2 + r.Next(4);
        var ids = Enumerable.Range(0, count).Select(i => new CredentialId($"c{i}")).ToArray();
        var builder = new CatalogBuilder("generated");
        for (var i = 0; i < count; i++)
        {
            var tags = r.Next(4);
            var credits = r.Next(5);
            var hours = r.Next(4) * 10;
            var level = r.Next(4);
            var skill = r.Next(4);
            var validFor = r.Next(4);
            var equivalent = i > 0 && r.Next(5) == 1 ? ids[r.Next(i)] : (CredentialId?)null;
            var kind = r.Next(2);
            builder.Credential(ids[i], c => c with
            {
                Kind = kind == 0 ? "course" : "badge",
                Credits = credits,
                Hours = hours,
                Level = level == 0 ? null : level,
                Tags = [.. new[] { "t0", "t1" }.Where((_, b) => (tags & (1 << b)) != 0)],
                Skills = skill == 0 ? ImmutableDictionary<SkillId, int>.Empty : ImmutableDictionary<SkillId, int>.Empty.Add("s0", skill),
                ValidFor = validFor switch { 1 => Period.Parse("P1Y"), 2 => Period.Parse("P2Y"), _ => null },
                EquivalentTo = equivalent is { } e ? [e] : [],
            });
        }

        r = new GenomeReader(genome, 1, 3);
        var nodeIds = 0;
        var budget = 4;
        Requirement Node(int depth)
        {
            var kind = depth >= 3 ? r.Next(5) : r.Next(8);
            if (budget <= 0 && kind <= 3)
            {
                kind = 4;
            }

            Requirement node;
            switch (kind)
            {
                case 0:
                    budget--;
                    node = new CredentialRequirement(ids[r.Next(count)]) { MinScore = MinScore(r.Next(6)), Within = Within(r.Next(6)) };
                    break;
                case 1:
                    budget--;
                    node = new CountRequirement(1 + r.Next(3), Selector()) { MinScore = MinScore(r.Next(6)), Within = Within(r.Next(6)) };
                    break;
                case 2:
                    budget--;
                    node = new CreditsRequirement(1 + r.Next(5), Selector()) { MinScore = MinScore(r.Next(6)), Within = Within(r.Next(6)) };
                    break;
                case 3:
                    budget--;
                    node = new HoursRequirement(10 + (10 * r.Next(4)), Selector()) { MinScore = MinScore(r.Next(6)) };
                    break;
                case 4:
                    node = new SkillRequirement("s0", 1 + r.Next(3));
                    break;
                default:
                    var id = $"n{nodeIds++}";
                    var children = Enumerable.Range(0, 1 + r.Next(3)).Select(_ => Node(depth + 1)).ToArray();
                    node = kind switch
                    {
                        5 => new AllOfRequirement(children),
                        6 => new AnyOfRequirement(children),
                        _ => new AtLeastRequirement(1 + r.Next(children.Length), children),
                    };
                    return node with { Id = id, Shared = r.Next(6) == 1 };
            }

            return node with { Id = $"n{nodeIds++}", Shared = r.Next(6) == 1 };
        }

        Selector Selector()
        {
            var selector = r.Next(6) switch
            {
                0 => Select.Any,
                1 => Select.Tag(r.Next(2) == 0 ? "t0" : "t1"),
                2 => Select.Ids([.. ids.Where((_, i) => r.Next(2) == 1 || i == 0)]),
                3 => Select.Kind(r.Next(2) == 0 ? "course" : "badge"),
                4 => Select.MinLevel(1 + r.Next(3)),
                _ => Select.Skill("s0"),
            };
            return r.Next(4) == 1 ? selector with { Except = [ids[r.Next(count)]] } : selector;
        }

        static decimal? MinScore(int v) => v switch { 1 => 70, 2 => 85, _ => null };
        static Period? Within(int v) => v switch { 1 => Period.Parse("P1Y"), 2 => Period.Parse("P6M"), _ => null };

        var requirement = Node(0);
        builder.Credential(Target, c => c with { Requires = requirement });
        Catalog = builder.Build();

        r = new GenomeReader(genome, 2, 3);
        var holdings = new List<Holding>();
        var holdingCount = r.Next(7);
        for (var i = 0; i < holdingCount; i++)
        {
            var which = r.Next(count + 1);
            CredentialId credential = which == count ? "x0" : ids[which];
            var earned = AsOf.AddDays(r.Next(12) switch { 0 => -30, 8 => -1, 1 => -400, 2 => -200, 3 => 0, 4 => 1, 5 => -800, 6 => -184, 7 => -366, _ => -60 });
            var score = r.Next(5) switch { 1 => 70m, 2 => 60m, 3 => 90m, 4 => 84.5m, _ => (decimal?)null };
            var expires = r.Next(8) switch { 1 => AsOf, 2 => AsOf.AddDays(1), 3 => earned.AddDays(10), _ => (DateOnly?)null };
            holdings.Add(new Holding(credential, earned, score, expires));
        }

        var exceptions = new List<AdvisorException>();
        var exceptionCount = r.Next(3);
        for (var i = 0; i < exceptionCount; i++)
        {
            switch (r.Next(3))
            {
                case 0:
                    var with = r.Next(count + 1);
                    exceptions.Add(new Substitution(ids[r.Next(count)], with == count ? "x0" : ids[with]));
                    break;
                case 1:
                    exceptions.Add(new Waiver(Target, $"n{r.Next(Math.Max(1, nodeIds))}"));
                    break;
                default:
                    if (r.Next(4) == 1)
                    {
                        exceptions.Add(new Waiver(Target));
                    }

                    break;
            }
        }

        Learner = new LearnerRecord("learner", holdings, exceptions);
        Planned = [.. ids.Where(_ => r.Next(4) == 1)];
    }

    public int[] Genome { get; }

    public Catalog Catalog { get; }

    public LearnerRecord Learner { get; }

    /// <summary>Gets catalog credentials to pass as planned (often none).</summary>
    public ImmutableArray<CredentialId> Planned { get; }

    public Requirement Requirement => Catalog[Target].Requires!;

    public override string ToString() =>
        $"genome [{string.Join(",", Genome)}]\n{CaseText.Of(Catalog, Learner)}\n  planned [{string.Join(",", Planned)}]";
}

/// <summary>FsCheck arbitraries for eligibility: cases that shrink by shrinking their genome.</summary>
public static class EligibilityArbitraries
{
    public static Arbitrary<EligibilityCase> Cases() => Genome.Arbitrary(60, g => new EligibilityCase(g), c => c.Genome, growWithSize: true);
}
