using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Generators;

namespace Stacking.Tests.Planning;

/// <summary>A small generated planning problem: a catalog, a learner and a goal.</summary>
public sealed record PlanningScenario(Catalog Catalog, LearnerRecord Learner, Requirement Goal)
{
    public static readonly DateOnly AsOf = new(2025, 6, 1);

    public override string ToString() => $"goal={CaseText.Of(Goal)}\n{CaseText.Of(Catalog, Learner)}";
}

/// <summary>Generators and shrinkers of small planning scenarios.</summary>
public static class PlanningGenerators
{
    private static readonly string[] Tags = ["x", "y"];
    private static readonly string[] Kinds = ["course", "badge"];
    private static readonly string[] Issuers = ["A", "B"];

    public static Arbitrary<PlanningScenario> Scenarios(int maxCredentials = 7, bool randomGoal = false) =>
        Arb.From(ScenarioGen(maxCredentials, randomGoal), Shrink);

    /// <summary>Scenarios whose goal is one to three pools that need several members (a count of 2–3, a credits
    /// amount of 3–8, an atLeast of 2–3 credential leaves), over id lists that may overlap, so that the landmark cuts'
    /// threshold reasoning meets equivalence classes, held items, shared prerequisites and overlapping pools.</summary>
    public static Arbitrary<PlanningScenario> PoolScenarios(int maxCredentials = 7) =>
        Arb.From(ScenarioGen(maxCredentials, randomGoal: false, poolGoal: true), Shrink);

    /// <summary>Scenarios whose goal is an <c>allOf</c> of one to three parts, each a choice among credentials (an
    /// <c>anyOf</c> of two or three leaves: a necessary disjunctive landmark, which the root's landmark cuts charge first
    /// unless a pool counts one of its members),
    /// a choice between pools or pairs (an <c>anyOf</c> of counts, credits and <c>allOf</c>s, so that pools sit below an
    /// alternative), or a pool; the credentials' requirements are choices and pairs too, now and then a count.</summary>
    public static Arbitrary<PlanningScenario> AlternativeScenarios(int maxCredentials = 7) =>
        Arb.From(ScenarioGen(maxCredentials, randomGoal: false, alternativeGoal: true), Shrink);

    /// <summary>Scenarios whose goal, and about half of the credentials' requirements, are an <c>allOf</c> of two to four
    /// consuming children (credential leaves, an <c>anyOf</c> of two leaves, counts, credits and hours pools) over id
    /// lists that overlap, now and then shared or waivable (id <c>n</c>): where allocation matters, so that the landmark
    /// cuts' implied "distinct items" nodes meet held items, classes, substitutions, waivers and shared nodes.</summary>
    public static Arbitrary<PlanningScenario> AllocationScenarios(int maxCredentials = 7) =>
        Arb.From(ScenarioGen(maxCredentials, randomGoal: false, allocationGoal: true), Shrink);

    /// <summary>Scenarios whose goal, and about half of the credentials' requirements, are a shared <c>allOf</c> or
    /// <c>atLeast</c> over groups (an <c>allOf</c> or an <c>atLeast</c> of all of two or three children) that often name
    /// the same credential or pool twice, beside skills, pools and prerequisite cycles an equivalent breaks: spec §6 says
    /// nothing below a shared node consumes, so "p and p" there is met by one item, which a node asked about on its own,
    /// as the search's branching does, must see too.</summary>
    public static Arbitrary<PlanningScenario> SharedScenarios(int maxCredentials = 7) =>
        Arb.From(ScenarioGen(maxCredentials, randomGoal: false, sharedGoal: true), Shrink);

    public static Gen<PlanningScenario> ScenarioGen(int maxCredentials, bool randomGoal, bool poolGoal = false, bool alternativeGoal = false, bool allocationGoal = false, bool sharedGoal = false) =>
        from n in Gen.Choose(alternativeGoal || allocationGoal || sharedGoal ? 4 : 3, maxCredentials)
        from credentials in Gen.CollectToList(Enumerable.Range(0, n).Select(i => CredentialGen(
            i, n, alternativeGoal ? AlternativeRequirementGen(n) : allocationGoal ? Gen.OneOf(AllocationGen(n), RequirementGen(n, 2)) : sharedGoal ? Gen.OneOf(SharedGen(n), RequirementGen(n, 2)) : null)))
        from holdingCount in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from holdings in Gen.ListOf(HoldingGen(n), holdingCount)
        from exceptions in ExceptionsGen(n)
        from target in Gen.Choose(0, n - 1)
        from goal in alternativeGoal ? AlternativeGoalGen(n) : allocationGoal ? AllocationGen(n) : sharedGoal ? SharedGen(n) : poolGoal ? PoolGoalGen(n) : randomGoal ? RequirementGen(n, 2) : Gen.Constant<Requirement>(Rule.Credential(Id(target)))
        select new PlanningScenario(new Catalog(credentials), new LearnerRecord("l", WithTransfer(holdings, exceptions), exceptions), goal);

    /// <summary>The id of a transfer credit (spec §5: a substitute outside the catalog), held by the learner when an
    /// exception substitutes it.</summary>
    private const string Transfer = "t";

    /// <summary>The holdings, with a holding of <see cref="Transfer"/> when a substitution uses it: then its class holds
    /// a second item besides any holding of its own (what the bounds' held-item counts must see).</summary>
    private static List<Holding> WithTransfer(List<Holding> holdings, List<AdvisorException> exceptions) =>
        exceptions.OfType<Substitution>().Any(x => x.With == Transfer)
            ? [.. holdings, new Holding(Transfer, PlanningScenario.AsOf.AddDays(-10), 80m)]
            : holdings;

    /// <summary>An <c>allOf</c> of two to four consuming children over overlapping id lists (see
    /// <see cref="AllocationScenarios"/>).</summary>
    private static Gen<Requirement> AllocationGen(int n)
    {
        var ids = Gen.SubListOf(Enumerable.Range(0, n).ToArray()).Where(l => l.Count >= 1).Select(l => l.Select(Id).ToArray());
        var leaf = Gen.Choose(0, n - 1).Select(c => (Requirement)Rule.Credential(Id(c)));
        var child = Gen.Frequency(
            (3, leaf),
            (2, from a in leaf from b in leaf select (Requirement)Rule.AnyOf(a, b)),
            (3, from s in ids from k in Gen.Choose(1, 3) select (Requirement)Rule.Count(Math.Min(k, s.Length), Select.Ids(s))),
            (2, from s in ids from k in Gen.Choose(1, 6) select (Requirement)Rule.Credits(k, Select.Ids(s))),
            (1, from s in ids from k in Gen.Choose(1, 8) select (Requirement)Rule.Hours(k, Select.Ids(s))),
            (1, from k in Gen.Choose(1, 2) from tag in Gen.Elements(Tags) select (Requirement)Rule.Count(k, Select.Tag(tag))),
            (2, GroupGen(leaf, ids)),
            (1, ChoiceGen(leaf, ids)));
        var marked = from r in child
                     from shared in Gen.Frequency((8, Gen.Constant(false)), (1, Gen.Constant(true)))
                     from id in Gen.Frequency((6, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>("n")))
                     select r with { Shared = shared, Id = id };
        // Node ids are unique within a requirement: only the first child marked n keeps it.
        return Gen.Choose(2, 4).SelectMany(k => Gen.ListOf(marked, k)).Select(l => (Requirement)Rule.AllOf(
            [.. l.Select((r, i) => r.Id is not null && l.Take(i).Any(e => e.Id is not null) ? r with { Id = null } : r)]));
    }

    /// <summary>A shared <c>allOf</c> or <c>atLeast</c> of one to three children, mostly groups whose children name the
    /// first three ids (so they often repeat one), see <see cref="SharedScenarios"/>.</summary>
    private static Gen<Requirement> SharedGen(int n)
    {
        var few = Gen.Choose(0, Math.Min(2, n - 1));
        var leaf = few.Select(c => (Requirement)Rule.Credential(Id(c)));
        var ids = Gen.SubListOf(Enumerable.Range(0, n).ToArray()).Where(l => l.Count >= 1).Select(l => l.Select(Id).ToArray());
        var single = Gen.Frequency(
            (5, leaf),
            (1, ids.Select(s => (Requirement)Rule.Count(1, Select.Ids(s)))),
            (1, from s in ids from k in Gen.Choose(1, 4) select (Requirement)Rule.Credits(k, Select.Ids(s))),
            (1, from l in Gen.Choose(1, 2) select (Requirement)Rule.Skill("s", l)));
        var pair = from k in Gen.Choose(2, 3)
                    from items in Gen.ListOf(single, k)
                    from all in Gen.Elements(true, false)
                    select all ? (Requirement)Rule.AllOf([.. items]) : Rule.AtLeast(k, [.. items]);
        var child = Gen.Frequency(
            (2, single),
            (3, pair),
            (1, from g in pair from s in single select (Requirement)Rule.AllOf(g, s)));
        return from k in Gen.Choose(1, 3)
               from items in Gen.ListOf(child, k)
               from all in Gen.Elements(true, false)
               select (all ? (Requirement)Rule.AllOf([.. items]) : Rule.AtLeast(k, [.. items])) with { Shared = true };
    }

    /// <summary>A single-item node below an <c>allOf</c>: a credential leaf, a count of one, or a choice of such (an
    /// <c>anyOf</c>, or an <c>atLeast</c> of one: a degree's "one of these courses").</summary>
    private static Gen<Requirement> SingleGen(Gen<Requirement> leaf, Gen<CredentialId[]> ids) => Gen.Frequency(
        (3, leaf),
        (2, ids.Select(s => (Requirement)Rule.Count(1, Select.Ids(s)))),
        (1, ChoiceGen(leaf, ids)));

    /// <summary>A choice of one single-item node of two: an <c>atLeast</c> of one or an <c>anyOf</c>.</summary>
    private static Gen<Requirement> ChoiceGen(Gen<Requirement> leaf, Gen<CredentialId[]> ids) =>
        from a in leaf
        from b in Gen.OneOf(leaf, ids.Select(s => (Requirement)Rule.Count(1, Select.Ids(s))))
        from atLeast in Gen.Elements(false, true)
        select atLeast ? (Requirement)Rule.AtLeast(1, a, b) : Rule.AnyOf(a, b);

    /// <summary>A group of one to three single-item children, now and then a group again: mostly one every plan meets in
    /// full (a degree's "Required courses": an <c>atLeast</c> of all its children, or an <c>allOf</c>), sometimes an
    /// <c>atLeast</c> of all but one (a degree's "three of these four"), whose children are not all needed.</summary>
    private static Gen<Requirement> GroupGen(Gen<Requirement> leaf, Gen<CredentialId[]> ids)
    {
        var inner = Gen.Frequency((5, SingleGen(leaf, ids)), (1, Gen.Choose(1, 2).SelectMany(k => Gen.ListOf(SingleGen(leaf, ids), k)).Select(l => (Requirement)Rule.AllOf([.. l]))));
        return from k in Gen.Choose(1, 3)
               from items in Gen.ListOf(inner, k)
               from shape in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
               select shape switch
               {
                   0 => (Requirement)Rule.AtLeast(k, [.. items]),
                   1 => Rule.AllOf([.. items]),
                   _ => Rule.AtLeast(Math.Max(1, k - 1), [.. items]),
               };
    }

    private static Gen<Requirement> PoolGoalGen(int n)
    {
        var ids = Gen.SubListOf(Enumerable.Range(0, n).ToArray()).Where(l => l.Count >= 2).Select(l => l.Select(Id).ToArray());
        var pool = Gen.Frequency(
            (3, from s in ids from k in Gen.Choose(2, 3) select (Requirement)Rule.Count(Math.Min(k, s.Length), Select.Ids(s))),
            (2, from s in ids from k in Gen.Choose(3, 8) select (Requirement)Rule.Credits(k, Select.Ids(s))),
            (1, from k in Gen.Choose(2, 3) from tag in Gen.Elements(Tags) select (Requirement)Rule.Count(k, Select.Tag(tag))),
            (2, from s in ids from k in Gen.Choose(2, 3)
                select (Requirement)Rule.AtLeast(Math.Min(k, s.Length), [.. s.Select(c => (Requirement)Rule.Credential(c))])));
        return Gen.Choose(1, 3).SelectMany(k => Gen.ListOf(pool, k)).Select(l => l.Count == 1 ? l[0] : Rule.AllOf([.. l]));
    }

    private static Gen<Requirement> AlternativeGoalGen(int n)
    {
        // Choices name the lower half of the ids and pools the upper half, so that some choices share no member with a
        // pool (the cuts charge only those first); the pairs below a choice name any.
        var half = n / 2;
        var leaf = Gen.Choose(0, n - 1).Select(c => (Requirement)Rule.Credential(Id(c)));
        var choice = Gen.Choose(0, half - 1).Select(c => (Requirement)Rule.Credential(Id(c)));
        var ids = Gen.SubListOf(Enumerable.Range(half, n - half).ToArray()).Where(l => l.Count >= 2).Select(l => l.Select(Id).ToArray());
        var branch = Gen.Frequency(
            (2, from s in ids from k in Gen.Choose(2, 3) select (Requirement)Rule.Count(Math.Min(k, s.Length), Select.Ids(s))),
            (1, from s in ids from k in Gen.Choose(3, 6) select (Requirement)Rule.Credits(k, Select.Ids(s))),
            (2, from a in leaf from b in leaf select (Requirement)Rule.AllOf(a, b)),
            (1, leaf));
        var part = Gen.Frequency(
            (3, Gen.Choose(2, 3).SelectMany(k => Gen.ListOf(choice, k)).Select(l => (Requirement)Rule.AnyOf([.. l]))),
            (3, Gen.Choose(2, 3).SelectMany(k => Gen.ListOf(branch, k)).Select(l => (Requirement)Rule.AnyOf([.. l]))),
            (1, branch));
        return Gen.Choose(1, 3).SelectMany(k => Gen.ListOf(part, k)).Select(l => l.Count == 1 ? l[0] : Rule.AllOf([.. l]));
    }

    private static CredentialId Id(int i) => "c" + i;

    /// <summary>A requirement of choices and pairs of credentials (an <c>anyOf</c> or <c>allOf</c> of leaves, or of such
    /// nodes), now and then a count over the upper half of the ids, like <see cref="AlternativeGoalGen"/>'s.</summary>
    private static Gen<Requirement> AlternativeRequirementGen(int n)
    {
        var half = n / 2;
        var leaf = Gen.Choose(0, n - 1).Select(c => (Requirement)Rule.Credential(Id(c)));
        var node = Gen.Frequency(
            (3, leaf),
            (2, Gen.Choose(2, 3).SelectMany(k => Gen.ListOf(leaf, k)).Select(l => (Requirement)Rule.AnyOf([.. l]))),
            (1, Gen.Choose(2, 3).SelectMany(k => Gen.ListOf(leaf, k)).Select(l => (Requirement)Rule.AllOf([.. l]))),
            (1, from k in Gen.Choose(1, 2) select (Requirement)Rule.Count(k, Select.Ids([.. Enumerable.Range(half, n - half).Select(Id)]))));
        return Gen.Choose(1, 2).SelectMany(k => Gen.ListOf(node, k)).Select(l => l.Count == 1 ? l[0] : Rule.AllOf([.. l]));
    }

    private static Gen<Credential> CredentialGen(int i, int n, Gen<Requirement>? requirement = null) =>
        from hours in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 5)))
        from cost in Gen.Choose(0, 3)
        from credits in Gen.Choose(0, 3)
        from tags in Gen.SubListOf(Tags)
        from kind in Gen.Elements(Kinds)
        from issuer in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Gen.Elements(Issuers).Select(x => (string?)x)))
        from level in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(1, 3).Select(l => (int?)l)))
        from skill in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from equivalent in Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, n - 1)))
        from validFor in Gen.Frequency((5, Gen.Constant<Period?>(null)), (1, Gen.Constant<Period?>(Period.FromYears(1))))
        from requires in Gen.Frequency((1, Gen.Constant<Requirement?>(null)), (3, (requirement ?? RequirementGen(n, 2)).Select(r => (Requirement?)r)))
        select new Credential(Id(i))
        {
            Hours = hours,
            Cost = cost,
            Credits = credits,
            Tags = [.. tags],
            Kind = kind,
            Issuer = issuer,
            Level = level,
            Skills = skill == 0 ? ImmutableSortedDictionary<SkillId, int>.Empty : ImmutableSortedDictionary<SkillId, int>.Empty.Add(new SkillId("s"), skill),
            EquivalentTo = equivalent < 0 || equivalent == i ? [] : [Id(equivalent)],
            ValidFor = validFor,
            Requires = requires,
        };

    /// <summary>A selector by one member (tag, kind, issuer, any, minLevel, skill or two ids), now and then with a second
    /// member that must match too (spec §3: the members are ANDed) or an <c>except</c> of one id (which never matches,
    /// with its equivalents).</summary>
    private static Gen<Selector> SelectorGen(int n) =>
        from one in Gen.OneOf(
            Gen.Elements(Tags).Select(Select.Tag),
            Gen.Elements(Kinds).Select(Select.Kind),
            Gen.Elements(Issuers).Select(Select.Issuer),
            Gen.Constant(Select.Any),
            Gen.Choose(2, 3).Select(Select.MinLevel),
            Gen.Constant(Select.Skill(new SkillId("s"))),
            Gen.Choose(0, n - 1).Two().Select(t => Select.Ids(Id(t.Item1), Id(t.Item2))))
        from second in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from except in Gen.Frequency((5, Gen.Constant(-1)), (1, Gen.Choose(0, n - 1)))
        let both = second switch
        {
            1 => one with { Kind = Kinds[0] },
            2 => one with { Issuer = Issuers[0] },
            _ => one,
        }
        select except < 0 ? both : both with { Except = [Id(except)] };

    /// <summary>The qualifiers of a consuming node (spec §3): now and then a <c>minScore</c> of 70 and a <c>within</c> of a
    /// year, which the holdings' scores (60, 80) and dates (0-3 years ago) meet or fail, and planned credentials meet.</summary>
    private static Gen<(decimal? MinScore, Period? Within)> QualifiersGen() =>
        from score in Gen.Frequency((4, Gen.Constant<decimal?>(null)), (1, Gen.Constant<decimal?>(70m)))
        from within in Gen.Frequency((5, Gen.Constant<Period?>(null)), (1, Gen.Constant<Period?>(Period.FromYears(1))))
        select (score, within);

    public static Gen<Requirement> RequirementGen(int n, int depth)
    {
        var leaf = Gen.Frequency(
            (7, from c in Gen.Choose(0, n - 1)
                from q in QualifiersGen()
                select (Requirement)Rule.Credential(Id(c), q.MinScore, q.Within)),
            (2, from k in Gen.Choose(1, 2) from s in SelectorGen(n) from q in QualifiersGen()
                select (Requirement)(Rule.Count(k, s) with { MinScore = q.MinScore, Within = q.Within })),
            (1, from k in Gen.Choose(1, 4) from s in SelectorGen(n) from q in QualifiersGen()
                select (Requirement)(Rule.Credits(k, s) with { MinScore = q.MinScore, Within = q.Within })),
            (1, from k in Gen.Choose(1, 5) from s in SelectorGen(n) from q in QualifiersGen()
                select (Requirement)(Rule.Hours(k, s) with { MinScore = q.MinScore, Within = q.Within })),
            (1, from l in Gen.Choose(1, 2) select (Requirement)Rule.Skill(new SkillId("s"), l)));
        if (depth <= 1)
        {
            return leaf;
        }

        var children = Gen.Choose(1, 3).SelectMany(k => Gen.ListOf(RequirementGen(n, depth - 1), k).Select(l => l.ToArray()));
        var composite = Gen.Frequency(
            (3, children.Select(c => (Requirement)Rule.AllOf(c))),
            (2, children.Select(c => (Requirement)Rule.AnyOf(c))),
            (1, children.SelectMany(c => Gen.Choose(1, c.Length).Select(k => (Requirement)Rule.AtLeast(k, c)))));
        var node = Gen.Frequency((2, leaf), (3, composite));
        return from r in node
               from shared in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
               from id in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>("n")))
               select r with { Shared = shared, Id = id };
    }

    /// <summary>A holding earned 0-3 years ago (or, now and then, after the as-of date: not yet valid, spec §4), with or
    /// without a score, now and then expired explicitly.</summary>
    private static Gen<Holding> HoldingGen(int n) =>
        from c in Gen.Choose(0, n - 1)
        from yearsAgo in Gen.Frequency((12, Gen.Choose(0, 3)), (1, Gen.Constant(-1)))
        from score in Gen.Frequency((1, Gen.Constant<decimal?>(null)), (2, Gen.Elements<decimal?>(60m, 80m)))
        from expired in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Holding(
            Id(c),
            yearsAgo < 0 ? PlanningScenario.AsOf.AddDays(10) : PlanningScenario.AsOf.AddYears(-yearsAgo).AddDays(-10),
            score,
            expired ? PlanningScenario.AsOf.AddDays(-1) : null);

    private static Gen<List<AdvisorException>> ExceptionsGen(int n) =>
        Gen.Frequency(
            (6, Gen.Constant(new List<AdvisorException>())),
            (1, from x in Gen.Choose(0, n - 1) from y in Gen.Choose(0, n - 1)
                select new List<AdvisorException> { new Substitution(Id(x), Id(y)) }),
            (1, from x in Gen.Choose(0, n - 1)
                select new List<AdvisorException> { new Substitution(Id(x), Transfer) }),
            (1, from q in Gen.Choose(0, n - 1) from whole in Gen.Elements(true, false)
                select new List<AdvisorException> { new Waiver(Id(q), whole ? null : "n") }),
            // Two at once: a catalog credential and the transfer credit both used as x (three items may count as x), or
            // a substitution and a waiver.
            (1, from x in Gen.Choose(0, n - 1) from y in Gen.Choose(0, n - 1) from q in Gen.Choose(0, n - 1) from waive in Gen.Elements(true, false)
                select new List<AdvisorException> { new Substitution(Id(x), Id(y)), waive ? new Waiver(Id(q), "n") : new Substitution(Id(x), Transfer) }));

    /// <summary>Shrinks by the shared shrinkers (<see cref="StackingGenerators"/>): a simpler learner, goal or credential,
    /// never an invalid requirement, and never fewer credentials (goals and rules name them by number).</summary>
    public static IEnumerable<PlanningScenario> Shrink(PlanningScenario s)
    {
        foreach (var learner in StackingGenerators.ShrinkLearner(s.Learner))
        {
            yield return s with { Learner = learner };
        }

        foreach (var goal in StackingGenerators.ShrinkValidRequirement(s.Goal))
        {
            yield return s with { Goal = goal };
        }

        var credentials = s.Catalog.Credentials;
        for (var i = 0; i < credentials.Length; i++)
        {
            foreach (var smaller in StackingGenerators.ShrinkCredential(credentials[i], validOnly: true))
            {
                yield return s with { Catalog = new Catalog(credentials.SetItem(i, smaller)) };
            }
        }
    }
}
