using Stacking.Rules;

namespace Stacking.Planning;

/// <content>Top-down satisfaction of a requirement at the cheapest choice per node, and the choice of a pool's members.</content>
internal sealed partial class Incumbent
{
    /// <summary>Makes a node hold structurally: picks the cheapest choice at each level and acquires what is missing.</summary>
    /// <param name="n">The node.</param>
    /// <param name="owner">The credential whose requirement it is, or -1 for the goal.</param>
    /// <param name="used">Classes consumed by nodes of this requirement so far (spec §6: one node each).</param>
    /// <param name="consuming">False under a shared node.</param>
    private void Satisfy(CompiledNode n, int owner, HashSet<int> used, bool consuming)
    {
        if (_p.IsWaived(owner, n))
        {
            return;
        }

        consuming &= !n.Source.Shared;
        switch (n.Source)
        {
            case CredentialRequirement:
            case SkillRequirement:
                {
                    if (n.Source is SkillRequirement { Level: < 1 })
                    {
                        return;
                    }

                    var consumes = consuming && n.Source is CredentialRequirement;
                    int? pick = null;
                    var pickCost = LowerBounds.Infinity;
                    foreach (var m in n.Matches)
                    {
                        if (consumes && used.Contains(_p.Catalog.ClassOf[m]))
                        {
                            continue;
                        }

                        var cost = Choice(m);
                        if (pick is not { } b || cost < pickCost || (cost == pickCost && Better(m, b)))
                        {
                            pick = m;
                            pickCost = cost;
                        }
                    }

                    if (pick is { } chosen && pickCost < LowerBounds.Infinity)
                    {
                        if (consumes)
                        {
                            used.Add(_p.Catalog.ClassOf[chosen]);
                        }

                        if (pickCost > 0m)
                        {
                            Acquire(chosen);
                        }
                    }

                    return;
                }

            case CountRequirement or CreditsRequirement or HoursRequirement:
                {
                    foreach (var member in PoolChoice(n, used, consuming))
                    {
                        if (consuming)
                        {
                            used.Add(_p.Catalog.ClassOf[member]);
                        }

                        if (Marginal(member) > 0m)
                        {
                            Acquire(member);
                        }
                    }

                    return;
                }

            case AllOfRequirement:
                foreach (var child in n.Children)
                {
                    Satisfy(child, owner, used, consuming);
                }

                return;
            case AnyOfRequirement or AtLeastRequirement:
                {
                    var need = n.Source is AtLeastRequirement atLeast ? atLeast.Count : Math.Min(1, n.Children.Length);
                    if (need <= 0 || need > n.Children.Length)
                    {
                        return;
                    }

                    // The need cheapest children by (estimate, index), satisfied in index order. The estimates are all taken
                    // before any child is satisfied (satisfying one changes the plan, hence the others' estimates).
                    var ests = n.Children.Length <= 32 ? stackalloc decimal[n.Children.Length] : new decimal[n.Children.Length];
                    for (var k = 0; k < ests.Length; k++)
                    {
                        ests[k] = Est(n.Children[k], owner);
                    }

                    if (need == 1)
                    {
                        Satisfy(n.Children[FirstCheapest(ests)], owner, used, consuming);
                        return;
                    }

                    foreach (var k in CheapestChildren(ests, need))
                    {
                        Satisfy(n.Children[k], owner, used, consuming);
                    }

                    return;
                }

            default:
                return;
        }
    }

    /// <summary>The indices of the <paramref name="need"/> least estimates, least first by (estimate, index), returned in
    /// ascending index order: the order is total (indices differ), so the unstable sort gives what LINQ's stable
    /// <c>OrderBy(estimate).ThenBy(index).Take(need)</c> does.</summary>
    internal static int[] CheapestChildren(ReadOnlySpan<decimal> ests, int need)
    {
        var values = ests.ToArray();
        var order = new int[ests.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (x, y) => values[x] != values[y] ? values[x].CompareTo(values[y]) : x.CompareTo(y));
        var chosen = order[..need];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The first index of the least estimate: what <see cref="CheapestChildren"/> gives for a need of one (the
    /// ordering by (estimate, index) puts it first), without an array or a sort.</summary>
    internal static int FirstCheapest(ReadOnlySpan<decimal> ests)
    {
        var first = 0;
        for (var k = 1; k < ests.Length; k++)
        {
            if (ests[k] < ests[first])
            {
                first = k;
            }
        }

        return first;
    }

    /// <summary>The order of a pool's options in <c>PoolChoice</c>: free ones (cost 0) first, largest value first, then
    /// ascending cost per unit, then member index, then position in the list (what LINQ's stable sort keeps for equal
    /// keys; options come one per class, so members already differ). The order is total, so the unstable sort gives the
    /// stable sort's order.</summary>
    internal static void SortPoolOptions(List<(int Member, decimal Cost, decimal Value)> options)
    {
        var keyed = new (int Tier, decimal Key, int Member, int Position)[options.Count];
        for (var i = 0; i < keyed.Length; i++)
        {
            var o = options[i];
            keyed[i] = (o.Cost == 0m ? 0 : 1, o.Cost == 0m ? -o.Value : o.Cost / o.Value, o.Member, i);
        }

        Array.Sort(keyed, static (x, y) =>
            x.Tier != y.Tier ? x.Tier.CompareTo(y.Tier)
            : x.Key != y.Key ? x.Key.CompareTo(y.Key)
            : x.Member != y.Member ? x.Member.CompareTo(y.Member)
            : x.Position.CompareTo(y.Position));
        var copy = options.ToArray();
        for (var i = 0; i < keyed.Length; i++)
        {
            options[i] = copy[keyed[i].Position];
        }
    }

    /// <summary>The members chosen to fill a pool: one per class, free ones first, then the cheapest per unit.</summary>
    private List<int> PoolChoice(CompiledNode n, HashSet<int> used, bool consuming)
    {
        var isCount = n.Source is CountRequirement;
        var isHours = n.Source is HoursRequirement;
        var need = Need(n);
        var options = new List<(int Member, decimal Cost, decimal Value)>();
        foreach (var group in n.MatchGroups)
        {
            if (consuming && used.Contains(_p.Catalog.ClassOf[group[0]]))
            {
                continue;
            }

            var value = _p.GroupValue(group, isHours);

            if (!isCount && value <= 0m)
            {
                continue;
            }

            int? best = null;
            var bestCost = LowerBounds.Infinity;
            foreach (var m in group)
            {
                var cost = Choice(m);
                if (best is not { } b || cost < bestCost || (cost == bestCost && Better(m, b)))
                {
                    best = m;
                    bestCost = cost;
                }
            }

            if (best is { } pick && bestCost < LowerBounds.Infinity && (isCount || value > 0m))
            {
                options.Add((pick, bestCost, isCount ? 1m : value));
            }
        }

        // Free items first (largest value first), then the cheapest per unit of what the pool counts.
        SortPoolOptions(options);
        var chosen = new List<int>();
        var got = 0m;
        foreach (var o in options)
        {
            if (got >= need)
            {
                break;
            }

            chosen.Add(o.Member);
            got += o.Value;
        }

        return chosen;
    }
}
