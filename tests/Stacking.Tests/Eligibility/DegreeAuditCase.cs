using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Eligibility;

/// <summary>
/// A generated degree audit: 40-99 courses (tags, kinds, levels 1-4, credits 0.5-5 with halves, hours), a
/// qualification "Q" whose requirement is an allOf (or atLeast) of several parts, each a credits, hours or count pool
/// (selectors by ids, subject, subject and level, level, "gened"/"writing-intensive", anything, anything except a few,
/// and in the realistic family also kind and subject-except) or a credential, sometimes with minScore or within,
/// sometimes shared, nested in anyOf/atLeast/allOf up to two levels; a learner holding 10-60 random courses with
/// scores and dates. The hard family draws from three subjects only, with larger counts and amounts and more parts.
/// </summary>
/// <remarks>Reproduced from a seed (<see cref="Random(int)"/> is stable across runtimes for a given seed): the stress
/// run that found the hard cases drew the same cases from the same seeds.</remarks>
public sealed class DegreeAuditCase
{
    public static readonly DateOnly AsOf = new(2025, 6, 15);

    private static readonly string[] Subjects = ["math", "cs", "phys", "hum", "writ", "bio", "chem", "art"];
    private static readonly decimal[] CreditValues = [3, 3, 3, 4, 4, 1.5m, 1, 2, 3, 4, 5, 0.5m, 2.5m];

    public DegreeAuditCase(int seed, bool hard = true)
    {
        Seed = seed;
        Hard = hard;
        var r = new Random(seed);
        var n = 40 + r.Next(60);
        var courses = new List<Credential>();
        for (var i = 0; i < n; i++)
        {
            var subject = Subjects[r.Next(hard ? 3 : Subjects.Length)];
            var credits = CreditValues[r.Next(CreditValues.Length)];
            var tags = new List<string> { subject };
            if (r.Next(4) == 0)
            {
                tags.Add(Subjects[r.Next(Subjects.Length)]);
            }

            if (r.Next(5) == 0)
            {
                tags.Add("gened");
            }

            if (r.Next(6) == 0)
            {
                tags.Add("writing-intensive");
            }

            courses.Add(new Credential($"{subject.ToUpperInvariant()} {1000 + (i * 37 % 4000)}-{i}")
            {
                Credits = credits,
                Hours = r.Next(3) == 0 ? credits * 15 : 15 * r.Next(1, 6),
                Level = r.Next(8) == 0 ? null : 1 + r.Next(4),
                Kind = r.Next(6) == 0 ? "lab" : r.Next(8) == 0 ? "seminar" : "course",
                Tags = [.. tags.Distinct()],
            });
        }

        var ids = courses.Select(c => c.Id).ToArray();
        Selector Pool() => r.Next(hard ? 7 : 9) switch
        {
            0 => Select.Ids([.. Enumerable.Range(0, 3 + r.Next(10)).Select(_ => ids[r.Next(ids.Length)]).Distinct()]),
            1 => Select.Tag(Subjects[r.Next(hard ? 3 : Subjects.Length)]),
            2 => Select.Any,
            3 => Select.MinLevel(1 + r.Next(4)),
            4 => new Selector { Any = true, Except = [.. Enumerable.Range(0, 1 + r.Next(5)).Select(_ => ids[r.Next(ids.Length)]).Distinct()] },
            5 => new Selector { Tag = Subjects[r.Next(3)], MinLevel = 1 + r.Next(3) },
            6 => Select.Tag(r.Next(2) == 0 ? "gened" : "writing-intensive"),
            7 => Select.Kind(r.Next(2) == 0 ? "lab" : "course"),
            _ => new Selector { Tag = Subjects[r.Next(Subjects.Length)], Except = [ids[r.Next(ids.Length)]] },
        };

        Requirement Qualified(Requirement q) => r.Next(8) switch
        {
            0 => ((ConsumingRequirement)q) with { MinScore = 60 + (10 * r.Next(3)) },
            1 => ((ConsumingRequirement)q) with { Within = Period.Parse($"P{2 + r.Next(6)}Y") },
            _ => q,
        };

        Requirement Leaf()
        {
            Requirement q = r.Next(10) switch
            {
                0 => Rule.Credential(ids[r.Next(ids.Length)]),
                1 or 2 => Rule.Count(1 + r.Next(hard ? 6 : 4), Pool()),
                3 => Rule.Hours(15 * (1 + r.Next(hard ? 12 : 8)), Pool()),
                _ => Rule.Credits(((1 + r.Next(hard ? 24 : 16)) * (r.Next(3) == 0 ? 0.5m : 1m)) + (r.Next(4) == 0 ? 3 : 0), Pool()),
            };
            q = Qualified(q);
            return r.Next(12) == 0 ? q with { Shared = true } : q;
        }

        Requirement Node(int depth)
        {
            if (depth >= 2 || r.Next(3) != 0)
            {
                return Leaf();
            }

            var m = 2 + r.Next(3);
            var children = Enumerable.Range(0, m).Select(_ => Node(depth + 1)).ToArray();
            return r.Next(3) switch
            {
                0 => Rule.AnyOf(children),
                1 => Rule.AtLeast(1 + r.Next(m), children),
                _ => Rule.AllOf(children),
            };
        }

        var top = Enumerable.Range(0, 3 + r.Next(hard ? 8 : 6)).Select(_ => Node(0)).ToList();
        if (r.Next(3) == 0)
        {
            top.Add(Rule.Credits(30 + r.Next(60), Select.Any) with { Shared = true });
        }

        Requirement = r.Next(6) == 0 ? Rule.AtLeast(Math.Max(1, top.Count - 1 - r.Next(2)), [.. top]) : Rule.AllOf([.. top]);
        courses.Add(new Credential("Q") { Kind = "degree", Requires = Requirement });
        Catalog = new Catalog(courses);
        var held = ids.OrderBy(_ => r.Next()).Take(10 + r.Next(51))
            .Select(id => new Holding(id, AsOf.AddDays(-r.Next(3000)), r.Next(5) == 0 ? null : 50 + r.Next(51)));
        Learner = new LearnerRecord("l", held);
    }

    public int Seed { get; }

    /// <summary>Gets whether the case is of the hard family (three subjects, larger pools and amounts) rather than the
    /// realistic one (eight subjects, also kind and subject-except selectors).</summary>
    public bool Hard { get; }

    public Catalog Catalog { get; }

    public Requirement Requirement { get; }

    public LearnerRecord Learner { get; }

    public override string ToString() => $"{(Hard ? "hard" : "realistic")} degree audit {Seed}";
}
