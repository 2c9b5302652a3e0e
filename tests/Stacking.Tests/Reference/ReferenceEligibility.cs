using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Reference;

/// <summary>
/// The one brute-force reference of spec §4–§8 eligibility for small instances, sharing no code with
/// <c>src/Stacking/Eligibility</c> (nor with the catalog's own lookups): it rebuilds validity, items and equivalence
/// classes from the raw model, then tries every allocation of items to the consuming nodes and evaluates the tree on
/// each. Every law that needs "is this satisfied" asks it, directly or through <see cref="ReferenceOracle"/> (the
/// planner's and the validator's seams) and <see cref="ReferencePlanner"/>. Use it on instances with at most about
/// eight relevant items and a handful of consuming nodes.
/// </summary>
public static class ReferenceEligibility
{
    /// <summary>The most allocations tried before the reference refuses an instance as too big.</summary>
    public const long MaxAssignments = 5_000_000;

    /// <summary>Is the target's requirement satisfied (waivers of the target apply; no requirement: eligible)?</summary>
    public static bool IsEligible(Catalog catalog, CredentialId target, LearnerRecord learner, DateOnly asOf, IEnumerable<CredentialId>? planned = null)
    {
        var credential = FirstById(catalog).TryGetValue(target, out var c) ? c : throw new ArgumentException($"unknown target {target}");
        if (credential.Requires is null)
        {
            return true;
        }

        var waivers = learner.Exceptions.OfType<Waiver>().Where(w => w.Credential.Equals(target)).ToList();
        if (waivers.Any(w => w.Node is null))
        {
            return true;
        }

        var waived = waivers.Select(w => w.Node!).ToHashSet(StringComparer.Ordinal);
        return IsSatisfied(catalog, credential.Requires, learner, asOf, planned, waived);
    }

    /// <summary>Is a requirement satisfied by the learner's items at T plus the planned credentials, with the given node ids waived?</summary>
    public static bool IsSatisfied(Catalog catalog, Requirement requirement, LearnerRecord learner, DateOnly asOf, IEnumerable<CredentialId>? planned = null, ISet<string>? waivedNodeIds = null)
    {
        var byId = FirstById(catalog);
        var classKey = ClassKeys(byId);
        var items = Items(byId, classKey, learner, asOf, planned ?? []);

        // Consuming nodes outside shared subtrees and not waived (a waived node's subtree is irrelevant).
        var leaves = new List<Requirement>();
        void Collect(Requirement node, bool inShared)
        {
            if (waivedNodeIds is not null && node.Id is not null && waivedNodeIds.Contains(node.Id))
            {
                return;
            }

            var shared = inShared || node.Shared;
            if (!shared && node is CredentialRequirement or PoolRequirement)
            {
                leaves.Add(node);
            }

            foreach (var child in node.Children)
            {
                Collect(child, shared);
            }
        }

        Collect(requirement, false);

        // For each item, the leaves it can serve; items that serve none are left out of the enumeration.
        var relevant = items
            .Select(item => leaves.Select((leaf, i) => (leaf, i)).Where(p => Matches(p.leaf, item, asOf, byId, classKey)).Select(p => p.i).ToArray())
            .Select((options, index) => (options, index))
            .Where(p => p.options.Length > 0)
            .ToList();
        long total = 1;
        foreach (var (options, _) in relevant)
        {
            total *= options.Length + 1;
            if (total > MaxAssignments)
            {
                throw new InvalidOperationException("The instance is too big for the brute-force reference.");
            }
        }

        var choice = new int[relevant.Count];
        while (true)
        {
            // choice[k] == 0: item unused; otherwise it goes to leaf options[choice[k] - 1].
            var assigned = leaves.Select(_ => new List<Item>()).ToArray();
            for (var k = 0; k < relevant.Count; k++)
            {
                if (choice[k] > 0)
                {
                    assigned[relevant[k].options[choice[k] - 1]].Add(items[relevant[k].index]);
                }
            }

            if (Satisfied(requirement, false, new int[1], assigned, items, asOf, byId, classKey, waivedNodeIds))
            {
                return true;
            }

            var pos = 0;
            while (pos < relevant.Count && ++choice[pos] > relevant[pos].options.Length)
            {
                choice[pos] = 0;
                pos++;
            }

            if (pos == relevant.Count)
            {
                return false;
            }
        }
    }

    /// <summary>One item: every (credential counted as, earned, score, planned) way it can be matched.</summary>
    public sealed record Item(string Key, List<Holder> Holders);

    /// <summary>A valid holding (or planned credential) counted as the catalog credential <see cref="As"/>.</summary>
    public sealed record Holder(Credential As, DateOnly Earned, decimal? Score, bool Planned);

    /// <summary>The learner's items at T (spec §4, §5), plus the planned credentials (spec §8).</summary>
    public static List<Item> Items(Dictionary<CredentialId, Credential> byId, Dictionary<CredentialId, string> classKey, LearnerRecord learner, DateOnly asOf, IEnumerable<CredentialId> planned)
    {
        var items = new Dictionary<string, List<Holder>>(StringComparer.Ordinal);
        void Add(string key, Holder holder)
        {
            if (!items.TryGetValue(key, out var list))
            {
                items[key] = list = [];
            }

            list.Add(holder);
        }

        var substitutions = learner.Exceptions.OfType<Substitution>().Where(s => byId.ContainsKey(s.Substitute)).ToList();
        string KeyOf(CredentialId id) => byId.ContainsKey(id) ? "class " + classKey[id] : "unknown " + id.Value;

        foreach (var h in learner.Holdings)
        {
            var known = byId.TryGetValue(h.Credential, out var credential);
            DateOnly? expiresAt = h.Expires ?? (known && credential!.ValidFor is { } period ? period.AddTo(h.Earned) : null);
            var valid = h.Earned <= asOf && (expiresAt is null || asOf < expiresAt.Value);
            if (!valid)
            {
                continue;
            }

            var key = KeyOf(h.Credential);
            if (known)
            {
                Add(key, new Holder(credential!, h.Earned, h.Score, false));
            }

            foreach (var s in substitutions.Where(s => s.With.Equals(h.Credential)))
            {
                Add(key, new Holder(byId[s.Substitute], h.Earned, h.Score, false));
            }
        }

        // Planned credentials (spec §8): earned at T, meeting every qualifier; ids the catalog lacks are no items.
        foreach (var p in planned.Distinct())
        {
            if (!byId.TryGetValue(p, out var credential))
            {
                continue;
            }

            Add(KeyOf(p), new Holder(credential, asOf, null, true));
            foreach (var s in substitutions.Where(s => s.With.Equals(p)))
            {
                Add(KeyOf(p), new Holder(byId[s.Substitute], asOf, null, true));
            }
        }

        return items.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new Item(p.Key, p.Value)).ToList();
    }

    /// <summary>The first credential of each id, as the catalog's lookups see it.</summary>
    public static Dictionary<CredentialId, Credential> FirstById(Catalog catalog)
    {
        var byId = new Dictionary<CredentialId, Credential>();
        foreach (var c in catalog.Credentials)
        {
            byId.TryAdd(c.Id, c);
        }

        return byId;
    }

    /// <summary>Equivalence classes by repeated merging of equivalentTo links (symmetric, transitive); the key is the ordinally smallest member.</summary>
    public static Dictionary<CredentialId, string> ClassKeys(Dictionary<CredentialId, Credential> byId)
    {
        var key = byId.Keys.ToDictionary(id => id, id => id.Value);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var c in byId.Values)
            {
                foreach (var other in c.EquivalentTo.Where(byId.ContainsKey))
                {
                    var min = string.CompareOrdinal(key[c.Id], key[other]) <= 0 ? key[c.Id] : key[other];
                    foreach (var id in key.Keys.Where(id => key[id] == key[c.Id] || key[id] == key[other]).ToList())
                    {
                        if (key[id] != min)
                        {
                            key[id] = min;
                            changed = true;
                        }
                    }
                }
            }
        }

        return key;
    }

    private static bool HolderMatches(Requirement node, Holder holder, DateOnly asOf, Dictionary<CredentialId, Credential> byId, Dictionary<CredentialId, string> classKey)
    {
        var consuming = (ConsumingRequirement)node;
        if (!holder.Planned)
        {
            if (consuming.MinScore is { } min && !(holder.Score is { } score && score >= min))
            {
                return false;
            }

            if (consuming.Within is { } within && holder.Earned < within.SubtractFrom(asOf))
            {
                return false;
            }
        }

        var c = holder.As;
        if (node is CredentialRequirement leaf)
        {
            return byId.ContainsKey(leaf.Credential) && classKey[leaf.Credential] == classKey[c.Id];
        }

        var s = ((PoolRequirement)node).From;
        bool InClassOf(IEnumerable<CredentialId> ids) => ids.Any(id => byId.ContainsKey(id) && classKey[id] == classKey[c.Id]);
        var selectsBySomething = s.Any || !s.Ids.IsEmpty || s.Tag is not null || s.Kind is not null || s.Issuer is not null || s.MinLevel is not null || s.Skill is not null;
        return selectsBySomething
            && (s.Ids.IsEmpty || InClassOf(s.Ids))
            && !InClassOf(s.Except)
            && (s.Tag is null || c.Tags.Contains(s.Tag))
            && (s.Kind is null || c.Kind == s.Kind)
            && (s.Issuer is null || c.Issuer == s.Issuer)
            && (s.MinLevel is null || (c.Level is not null && c.Level >= s.MinLevel))
            && (s.Skill is null || (c.Skills.TryGetValue(s.Skill.Value, out var level) && level >= 1));
    }

    private static bool Matches(Requirement node, Item item, DateOnly asOf, Dictionary<CredentialId, Credential> byId, Dictionary<CredentialId, string> classKey) =>
        item.Holders.Any(h => HolderMatches(node, h, asOf, byId, classKey));

    private static decimal Value(Requirement node, Item item, DateOnly asOf, Dictionary<CredentialId, Credential> byId, Dictionary<CredentialId, string> classKey) =>
        item.Holders.Where(h => HolderMatches(node, h, asOf, byId, classKey)).Max(h => node is HoursRequirement ? h.As.Hours : h.As.Credits);

    /// <summary>Is the pool satisfied by these items (all of which must match it)?</summary>
    private static bool PoolSatisfied(Requirement node, List<Item> items, DateOnly asOf, Dictionary<CredentialId, Credential> byId, Dictionary<CredentialId, string> classKey) => node switch
    {
        CredentialRequirement => items.Count >= 1,
        CountRequirement c => items.Count >= c.Count,
        CreditsRequirement c => items.Sum(i => Math.Max(0, Value(node, i, asOf, byId, classKey))) >= c.Credits,
        HoursRequirement h => items.Sum(i => Math.Max(0, Value(node, i, asOf, byId, classKey))) >= h.Hours,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Evaluates the tree; <paramref name="next"/> numbers the consuming nodes in the same preorder as the collection above
    /// (by position, not by value: two equal leaves are two nodes).</summary>
    private static bool Satisfied(Requirement node, bool inShared, int[] next, List<Item>[] assigned, List<Item> items, DateOnly asOf, Dictionary<CredentialId, Credential> byId, Dictionary<CredentialId, string> classKey, ISet<string>? waived)
    {
        if (waived is not null && node.Id is not null && waived.Contains(node.Id))
        {
            return true;
        }

        var shared = inShared || node.Shared;
        switch (node)
        {
            case SkillRequirement s:
                return items.Any(i => i.Holders.Any(h => h.As.Skills.TryGetValue(s.Skill, out var level) && level >= s.Level));
            case CredentialRequirement or PoolRequirement:
                // A shared node may use every matching item, used elsewhere or not; it still needs distinct items.
                var mine = shared
                    ? items.Where(i => Matches(node, i, asOf, byId, classKey)).ToList()
                    : assigned[next[0]++];
                return PoolSatisfied(node, mine, asOf, byId, classKey);
            default:
                var satisfied = 0;
                foreach (var child in node.Children)
                {
                    // Every child is visited, so that the numbering of consuming nodes stays aligned.
                    satisfied += Satisfied(child, shared, next, assigned, items, asOf, byId, classKey, waived) ? 1 : 0;
                }

                var needed = node switch
                {
                    AllOfRequirement a => a.Children.Length,
                    AnyOfRequirement => 1,
                    AtLeastRequirement a => a.Count,
                    _ => throw new InvalidOperationException(),
                };
                return satisfied >= needed;
        }
    }
}
