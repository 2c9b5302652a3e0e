using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;

namespace Stacking.Tests.Reference;

/// <summary>
/// A deliberately naive, independent eligibility evaluator for tiny instances, written straight from spec §4-§7 for the
/// planner's tests: it builds the items, then enumerates every allocation of items to consuming nodes.
/// Exponential; only for a handful of items. Planned credentials are items earned at the as-of date that meet every
/// qualifier and never expire (spec §8).
/// </summary>
/// <remarks>To be reconciled with the eligibility engineer's <c>ReferenceEligibility</c> once it lands.</remarks>
internal sealed class PlanningReferenceEligibility : IPlanningOracle
{
    private readonly Catalog _catalog;

    public PlanningReferenceEligibility(Catalog catalog) => _catalog = catalog;

    public int Calls { get; private set; }

    public object Prepare(LearnerRecord learner, DateOnly asOf, IReadOnlyList<CredentialId> numbering) => (learner, asOf, numbering);

    public OracleAnswer Check(object prepared, int credential, ReadOnlySpan<ulong> planned)
    {
        Calls++;
        var (learner, asOf, numbering) = ((LearnerRecord, DateOnly, IReadOnlyList<CredentialId>))prepared;
        return IsEligible(numbering[credential], (learner, asOf), Ids(numbering, planned)) ? OracleAnswer.Yes : OracleAnswer.No;
    }

    public OracleAnswer CheckGoal(object prepared, Requirement goal, ReadOnlySpan<ulong> planned)
    {
        Calls++;
        var (learner, asOf, numbering) = ((LearnerRecord, DateOnly, IReadOnlyList<CredentialId>))prepared;
        return GoalHolds(goal, (learner, asOf), Ids(numbering, planned)) ? OracleAnswer.Yes : OracleAnswer.No;
    }

    /// <summary>The ids of a planned bitset over the planner's numbering (bit i of word k is credential 64k + i).</summary>
    private static List<CredentialId> Ids(IReadOnlyList<CredentialId> numbering, ReadOnlySpan<ulong> planned)
    {
        var ids = new List<CredentialId>();
        for (var i = 0; i < numbering.Count && (i >> 6) < planned.Length; i++)
        {
            if ((planned[i >> 6] & (1UL << (i & 63))) != 0)
            {
                ids.Add(numbering[i]);
            }
        }

        return ids;
    }

    public bool IsEligible(CredentialId target, (LearnerRecord Learner, DateOnly AsOf) prepared, IEnumerable<CredentialId> planned)
    {
        var credential = _catalog.Find(target);
        if (credential?.Requires is not { } requires)
        {
            return true;
        }

        var waivers = prepared.Learner.Exceptions.OfType<Waiver>().Where(w => w.Credential.Equals(target)).ToList();
        if (waivers.Any(w => w.Node is null))
        {
            return true;
        }

        var waived = waivers.Select(w => w.Node!).ToHashSet(StringComparer.Ordinal);
        var items = Items(prepared.Learner, prepared.AsOf, planned);
        return Sat(requires, items, prepared.AsOf, waived, shared: false).Count > 0;
    }

    public bool GoalHolds(Requirement goal, (LearnerRecord Learner, DateOnly AsOf) prepared, IEnumerable<CredentialId> planned)
    {
        var items = Items(prepared.Learner, prepared.AsOf, planned);
        return Sat(goal, items, prepared.AsOf, [], shared: false).Count > 0;
    }

    /// <summary>One holding inside an item: the credential it counts as, and its date and score.</summary>
    private sealed record Member(Credential? As, DateOnly Earned, decimal? Score, bool Planned);

    private List<List<Member>> Items(LearnerRecord learner, DateOnly asOf, IEnumerable<CredentialId> planned)
    {
        var items = new Dictionary<string, List<Member>>(StringComparer.Ordinal);
        string KeyOf(CredentialId id) =>
            _catalog.Contains(id) ? "c:" + _catalog.EquivalenceClassOf(id)[0].Value : "u:" + id.Value;
        void AddTo(CredentialId id, Member member)
        {
            var key = KeyOf(id);
            if (!items.TryGetValue(key, out var list))
            {
                items[key] = list = [];
            }

            list.Add(member);
        }

        var substitutions = learner.Exceptions.OfType<Substitution>().ToList();
        foreach (var holding in learner.Holdings)
        {
            var credential = _catalog.Find(holding.Credential);
            if (!holding.IsValidAt(asOf, credential?.ValidFor))
            {
                continue;
            }

            AddTo(holding.Credential, new Member(credential, holding.Earned, holding.Score, false));
            foreach (var substitution in substitutions.Where(s => s.With.Equals(holding.Credential)))
            {
                AddTo(holding.Credential, new Member(_catalog.Find(substitution.Substitute), holding.Earned, holding.Score, false));
            }
        }

        foreach (var id in planned.Distinct())
        {
            var credential = _catalog.Find(id);
            AddTo(id, new Member(credential, asOf, null, true));
            foreach (var substitution in substitutions.Where(s => s.With.Equals(id)))
            {
                AddTo(id, new Member(_catalog.Find(substitution.Substitute), asOf, null, true));
            }
        }

        return [.. items.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)];
    }

    private static bool Qualifies(Member m, ConsumingRequirement node, DateOnly asOf) =>
        m.Planned
        || ((node.MinScore is not { } min || (m.Score is { } score && score >= min))
            && (node.Within is not { } within || m.Earned >= within.SubtractFrom(asOf)));

    private bool SelectorMatches(Selector s, Credential c)
    {
        if (!s.SelectsBySomething)
        {
            return false;
        }

        return (s.Ids.IsEmpty || s.Ids.Any(id => _catalog.AreEquivalent(id, c.Id)))
            && (s.Tag is null || c.HasTag(s.Tag))
            && (s.Kind is null || s.Kind == c.Kind)
            && (s.Issuer is null || s.Issuer == c.Issuer)
            && (s.MinLevel is null || (c.Level is { } level && level >= s.MinLevel))
            && (s.Skill is null || c.Skills.ContainsKey(s.Skill.Value))
            && !s.Except.Any(id => _catalog.AreEquivalent(id, c.Id));
    }

    private bool MemberMatches(Member m, Requirement node, DateOnly asOf) => node switch
    {
        CredentialRequirement leaf => m.As is { } c && _catalog.AreEquivalent(c.Id, leaf.Credential) && Qualifies(m, leaf, asOf),
        PoolRequirement pool => m.As is { } c && SelectorMatches(pool.From, c) && Qualifies(m, pool, asOf),
        _ => false,
    };

    private decimal ValueOf(List<Member> item, PoolRequirement node, DateOnly asOf) =>
        item.Where(m => MemberMatches(m, node, asOf)).Select(m => node is HoursRequirement ? m.As!.Hours : m.As!.Credits).DefaultIfEmpty(0m).Max();

    /// <summary>Every set (as a bit mask over items) of items the node can consume while being satisfied.</summary>
    private HashSet<int> Sat(Requirement node, List<List<Member>> items, DateOnly asOf, HashSet<string> waived, bool shared)
    {
        if (node.Id is { } id && waived.Contains(id))
        {
            return [0];
        }

        if (shared || node.Shared)
        {
            return SatShared(node, items, asOf, waived) ? [0] : [];
        }

        var n = items.Count;
        var matching = Enumerable.Range(0, n).Where(i => items[i].Any(m => MemberMatches(m, node, asOf))).ToList();
        switch (node)
        {
            case CredentialRequirement:
                return [.. matching.Select(i => 1 << i)];
            case CountRequirement count:
                return [.. Subsets(matching).Where(mask => BitCount(mask) == count.Count)];
            case CreditsRequirement or HoursRequirement:
                {
                    var pool = (PoolRequirement)node;
                    var need = node is CreditsRequirement c ? c.Credits : ((HoursRequirement)node).Hours;
                    return [.. Subsets(matching).Where(mask => mask != 0 && Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Sum(i => ValueOf(items[i], pool, asOf)) >= need)];
                }

            case SkillRequirement skill:
                return items.Any(item => item.Any(m => m.As is { } c && c.SkillLevel(skill.Skill) >= skill.Level)) ? [0] : [];
            case AllOfRequirement:
                return Combine(node.Children.Select(ch => Sat(ch, items, asOf, waived, false)).ToList());
            case AnyOfRequirement:
                {
                    var result = new HashSet<int>();
                    foreach (var child in node.Children)
                    {
                        result.UnionWith(Sat(child, items, asOf, waived, false));
                    }

                    return result;
                }

            case AtLeastRequirement atLeast:
                {
                    var children = node.Children.Select(ch => Sat(ch, items, asOf, waived, false)).ToList();
                    var result = new HashSet<int>();
                    foreach (var choice in Subsets(Enumerable.Range(0, children.Count).ToList()).Where(m => BitCount(m) == atLeast.Count))
                    {
                        result.UnionWith(Combine([.. Enumerable.Range(0, children.Count).Where(k => (choice & (1 << k)) != 0).Select(k => children[k])]));
                    }

                    return result;
                }

            default:
                return [];
        }
    }

    /// <summary>Inside a shared subtree nothing consumes: each node is checked on its own against all items.</summary>
    private bool SatShared(Requirement node, List<List<Member>> items, DateOnly asOf, HashSet<string> waived)
    {
        if (node.Id is { } id && waived.Contains(id))
        {
            return true;
        }

        var matching = items.Where(item => item.Any(m => MemberMatches(m, node, asOf))).ToList();
        return node switch
        {
            CredentialRequirement => matching.Count > 0,
            CountRequirement count => matching.Count >= count.Count,
            CreditsRequirement c => matching.Sum(item => ValueOf(item, c, asOf)) >= c.Credits,
            HoursRequirement h => matching.Sum(item => ValueOf(item, h, asOf)) >= h.Hours,
            SkillRequirement skill => items.Any(item => item.Any(m => m.As is { } c && c.SkillLevel(skill.Skill) >= skill.Level)),
            AllOfRequirement => node.Children.All(ch => SatShared(ch, items, asOf, waived)),
            AnyOfRequirement => node.Children.Any(ch => SatShared(ch, items, asOf, waived)),
            AtLeastRequirement a => node.Children.Count(ch => SatShared(ch, items, asOf, waived)) >= a.Count,
            _ => false,
        };
    }

    private static HashSet<int> Combine(List<HashSet<int>> parts)
    {
        var acc = new HashSet<int> { 0 };
        foreach (var part in parts)
        {
            var next = new HashSet<int>();
            foreach (var a in acc)
            {
                foreach (var b in part)
                {
                    if ((a & b) == 0)
                    {
                        next.Add(a | b);
                    }
                }
            }

            acc = next;
            if (acc.Count == 0)
            {
                break;
            }
        }

        return acc;
    }

    private static IEnumerable<int> Subsets(List<int> indices)
    {
        for (var choice = 0; choice < 1 << indices.Count; choice++)
        {
            var mask = 0;
            for (var k = 0; k < indices.Count; k++)
            {
                if ((choice & (1 << k)) != 0)
                {
                    mask |= 1 << indices[k];
                }
            }

            yield return mask;
        }
    }

    private static int BitCount(int mask) => System.Numerics.BitOperations.PopCount((uint)mask);
}
