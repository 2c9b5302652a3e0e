using System.Collections.Frozen;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>A requirement tree flattened in preorder, with selectors turned into membership tables over the dense credential numbers.</summary>
internal sealed class CompiledRule
{
    private readonly CompiledCatalog _catalog;
    private FastRule? _fast;
    private ulong[]? _reach;

    public CompiledRule(CompiledCatalog catalog, Requirement root, string rootPath)
    {
        _catalog = catalog;
        var nodes = new List<CompiledNode>();
        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var leaves = new List<int>();

        // Explicit stack: a requirement may be deeper than the call stack should be trusted with.
        var stack = new Stack<(Requirement Node, int Parent, string Path, bool InShared, int ChildSlot)>();
        stack.Push((root, -1, rootPath, false, -1));
        var childLists = new List<List<int>>();
        while (stack.Count > 0)
        {
            var (req, parent, path, inShared, slot) = stack.Pop();
            var index = nodes.Count;
            var node = Compile(catalog, req, parent, path, inShared || req.Shared, req.Shared && !inShared);
            nodes.Add(node);
            childLists.Add([]);
            if (parent >= 0)
            {
                childLists[parent].Add(index);
            }

            if (req.Id is { } id)
            {
                if (!byId.TryGetValue(id, out var list))
                {
                    byId[id] = list = [];
                }

                list.Add(index);
            }

            if (node.IsConsuming)
            {
                leaves.Add(index);
            }

            var children = req.Children;
            var member = req.Kind switch
            {
                RequirementKind.AllOf => "allOf",
                RequirementKind.AnyOf => "anyOf",
                _ => "of",
            };
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], index, $"{path}.{member}[{i}]", node.InShared, i));
            }
        }

        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            nodes[i].Children = [.. childLists[i]];
            nodes[i].End = nodes[i].Children.Length == 0 ? i + 1 : nodes[nodes[i].Children[^1]].End;
            if (nodes[i].Kind == RequirementKind.AllOf)
            {
                nodes[i].Need = nodes[i].Children.Length;
            }
        }

        Nodes = [.. nodes];
        Leaves = [.. leaves];
        NodesById = byId.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Gets the fast form of the rule, compiled on first use (a race compiles twice and keeps either: they are equal).</summary>
    public FastRule Fast
    {
        get
        {
            var fast = Volatile.Read(ref _fast);
            if (fast is null)
            {
                fast = new FastRule(_catalog, this);
                Volatile.Write(ref _fast, fast);
            }

            return fast;
        }
    }

    /// <summary>Gets whether an item counted as the credential numbered <paramref name="credential"/> can matter to this
    /// rule: some credential, pool or skill node of it matches that credential.</summary>
    /// <remarks>A substitution "Y in place of X" only adds items counted as X (spec §5; Y's own holding stays Y's item,
    /// used once): where no node matches X, those items match nothing, and the learner's answer is the one without the
    /// substitution, which the fast path may give. Computed on first use (a race computes twice and keeps either).</remarks>
    public bool Reaches(int credential)
    {
        var reach = Volatile.Read(ref _reach);
        if (reach is null)
        {
            reach = new ulong[PlannedSet.WordsFor(_catalog.Credentials.Length)];
            foreach (var node in Nodes)
            {
                IEnumerable<int> members = node.Kind == RequirementKind.Credential
                    ? (node.Class >= 0 ? _catalog.ClassMembers[node.Class] : [])
                    : node.MatchList ?? [];
                foreach (var m in members)
                {
                    reach[m >> 6] |= 1UL << (m & 63);
                }
            }

            Volatile.Write(ref _reach, reach);
        }

        return (reach[credential >> 6] & (1UL << (credential & 63))) != 0;
    }

    /// <summary>Gets the nodes in preorder; the root is node 0 and every child follows its parent.</summary>
    public CompiledNode[] Nodes { get; }

    /// <summary>Gets the consuming nodes (credential, count, credits, hours), shared or not, in preorder.</summary>
    public int[] Leaves { get; }

    /// <summary>Gets the nodes carrying each <c>id</c> (a faulty catalog may repeat one: a waiver then waives them all).</summary>
    public FrozenDictionary<string, int[]> NodesById { get; }

    private static CompiledNode Compile(CompiledCatalog catalog, Requirement req, int parent, string path, bool inShared, bool sharedRoot)
    {
        var node = new CompiledNode(req, parent, path, inShared, sharedRoot);
        switch (req)
        {
            case AnyOfRequirement:
                node.Need = 1;
                break;
            case AtLeastRequirement atLeast:
                node.Need = atLeast.Count;
                break;
            case CredentialRequirement leaf:
                var k = catalog.IndexOf(leaf.Credential);
                node.Class = k < 0 ? -1 : catalog.ClassOf[k];
                node.Need = 1;
                node.IsConsuming = true;
                node.MinScore = leaf.MinScore;
                node.Within = leaf.Within;
                break;
            case CountRequirement count:
                node.Need = count.Count;
                CompilePool(catalog, node, count);
                break;
            case CreditsRequirement credits:
                node.Amount = credits.Credits;
                node.IsAmount = true;
                CompilePool(catalog, node, credits);
                break;
            case HoursRequirement hours:
                node.Amount = hours.Hours;
                node.IsAmount = true;
                node.IsHours = true;
                CompilePool(catalog, node, hours);
                break;
            case SkillRequirement skill:
                var shows = new bool[catalog.Credentials.Length];
                for (var i = 0; i < shows.Length; i++)
                {
                    shows[i] = catalog.Credentials[i].SkillLevel(skill.Skill) >= skill.Level;
                }

                node.Matches = shows;
                node.MatchList = MatchList(shows);
                break;
        }

        return node;
    }

    private static void CompilePool(CompiledCatalog catalog, CompiledNode node, PoolRequirement pool)
    {
        node.IsConsuming = true;
        node.MinScore = pool.MinScore;
        node.Within = pool.Within;
        (node.Matches, node.MatchList) = catalog.SelectorTable(pool.From);
    }

    /// <summary>Computes which credentials a selector matches: a membership table and the sorted list of members.</summary>
    internal static (bool[] Matches, int[] MatchList) CompileSelector(CompiledCatalog catalog, Selector selector)
    {
        var matches = new bool[catalog.Credentials.Length];
        if (!selector.SelectsBySomething)
        {
            return (matches, []);
        }

        var except = selector.Except.IsEmpty ? null : ClassClosure(catalog, selector.Except);
        if (selector.Ids.IsEmpty)
        {
            for (var i = 0; i < matches.Length; i++)
            {
                matches[i] = (except is null || !except[i]) && Matches(catalog.Credentials[i], selector);
            }

            return (matches, MatchList(matches));
        }

        // Only the classes of the ids can match: no need to test the whole catalog (most pools list ids).
        var list = new List<int>();
        foreach (var id in selector.Ids)
        {
            var i = catalog.IndexOf(id);
            if (i < 0)
            {
                continue;
            }

            foreach (var member in catalog.ClassMembers[catalog.ClassOf[i]])
            {
                if (!matches[member] && (except is null || !except[member]) && Matches(catalog.Credentials[member], selector))
                {
                    matches[member] = true;
                    list.Add(member);
                }
            }
        }

        list.Sort();
        return (matches, [.. list]);
    }

    /// <summary>Tests the attribute members of a selector; <c>ids</c> and <c>except</c> are tested by the caller with their equivalents.</summary>
    private static bool Matches(Credential credential, Selector selector) =>
        (selector.Tag is null || credential.HasTag(selector.Tag))
        && (selector.Kind is null || string.Equals(credential.Kind, selector.Kind, StringComparison.Ordinal))
        && (selector.Issuer is null || string.Equals(credential.Issuer, selector.Issuer, StringComparison.Ordinal))
        && (selector.MinLevel is not { } minLevel || (credential.Level is { } level && level >= minLevel))
        && (selector.Skill is not { } skill || credential.SkillLevel(skill) >= 1);

    private static bool[] ClassClosure(CompiledCatalog catalog, IEnumerable<CredentialId> ids)
    {
        var set = new bool[catalog.Credentials.Length];
        foreach (var id in ids)
        {
            var i = catalog.IndexOf(id);
            if (i >= 0)
            {
                foreach (var member in catalog.ClassMembers[catalog.ClassOf[i]])
                {
                    set[member] = true;
                }
            }
        }

        return set;
    }

    private static int[] MatchList(bool[] matches)
    {
        var list = new List<int>();
        for (var i = 0; i < matches.Length; i++)
        {
            if (matches[i])
            {
                list.Add(i);
            }
        }

        return [.. list];
    }
}
