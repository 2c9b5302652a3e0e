
namespace Stacking.Planning;

/// <content>What every plan satisfies: the critical pool, the necessary nodes of a target, and the necessary landmarks charged before the cuts.</content>
internal sealed partial class LandmarkCut
{
    /// <summary>The necessary pool of the current targets whose h_max is <paramref name="worst"/> (the largest), or -1.</summary>
    private int CriticalPool(long worst)
    {
        foreach (var t in _targets)
        {
            foreach (var x in Necessary(t))
            {
                if (_h[x] == worst && !_failed.Contains(x))
                {
                    return x;
                }
            }
        }

        return -1;
    }

    /// <summary>The threshold and amount nodes that every plan satisfying <paramref name="target"/> satisfies too and that
    /// need two children or more (cached per target).</summary>
    /// <remarks>Necessary are the target, every child of a necessary AND or of a necessary threshold that needs all its
    /// children, and the requirement of a necessary credential (a plan takes it after its requirement holds).</remarks>
    private int[] Necessary(int target)
    {
        if (_necessary.TryGetValue(target, out var known))
        {
            return known;
        }

        var found = new List<int>();
        foreach (var x in NecessaryNodes(target))
        {
            if ((_kind[x] == Kind.Threshold && _need[x] >= 2) || _kind[x] == Kind.Amount)
            {
                found.Add(x);
            }
        }

        known = [.. found];
        _necessary[target] = known;
        return known;
    }

    /// <summary>Every node that every plan satisfying <paramref name="target"/> satisfies too, in the order of one
    /// depth-first walk: the target, every child of a necessary AND or of a necessary threshold that needs all its
    /// children, and the requirement of a necessary credential (a plan takes it after its requirement holds). An OR's or
    /// an amount's children are not necessary, so the walk stops there.</summary>
    private List<int> NecessaryNodes(int target)
    {
        var found = new List<int>();
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(target);
        while (stack.TryPop(out var x))
        {
            if (!seen.Add(x))
            {
                continue;
            }

            found.Add(x);
            switch (_kind[x])
            {
                case Kind.Credential:
                    if (_pre[x] >= 0)
                    {
                        stack.Push(_pre[x]);
                    }

                    break;
                case Kind.And:
                    foreach (var y in _children[x])
                    {
                        stack.Push(y);
                    }

                    break;
                case Kind.Threshold:
                    if (_need[x] == _children[x].Length)
                    {
                        foreach (var y in _children[x])
                        {
                            stack.Push(y);
                        }
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>Charges the necessary disjunctive landmarks of the current targets on the residual costs: lowers the
    /// costs, records each as a kept cut, and returns the sum of their costs.</summary>
    /// <remarks>
    /// <para>A necessary OR node (<see cref="NecessaryLandmarks"/>) whose children are all credentials is true in every
    /// plan P that completes the node, so P takes one of those credentials: with the excluded ones removed (P avoids
    /// them) they are a landmark L. With c the least residual cost in L, lowering every member's cost by c and adding c is
    /// a cost partitioning, exactly like a plain cut: P pays at least c, in the lowered part, for the member of L it
    /// takes. A chosen member costs 0, so its landmark adds nothing. Landmarks are taken in a fixed order, each on the costs
    /// the earlier ones left: cheapest least weight first (a dear choice charged first would lower a cheap member it shares
    /// with a cheaper choice, which then pays less), then fewest members, then node order.</para>
    /// <para>Why: LM-cut's cut is what the zero-cost part of the justification graph reaches, which after a few cuts spreads
    /// through tied alternatives (an <c>anyOf</c> of two credentials whose requirements differ) and can merge two
    /// landmarks that every plan pays for separately into one cut, paid once. On GT's ME 4182 (optimum 2 880 hours) three
    /// such merges left the root bound at 2 565; with the necessary choices paid first it is 2 880.</para>
    /// </remarks>
    private long ChargeNecessaryLandmarks(BitSet excluded)
    {
        var total = 0L;
        foreach (var t in _targets)
        {
            foreach (var (set, mask) in NecessaryLandmarks(t))
            {
                var least = Unreachable;
                var anyExcluded = false;
                foreach (var m in set)
                {
                    if (excluded.Contains(m))
                    {
                        anyExcluded = true;
                    }
                    else if ((least = Math.Min(least, _cost[m])) == 0L)
                    {
                        // Paid already (a chosen member, or an earlier landmark that shares the cheapest member).
                        break;
                    }
                }

                if (least <= 0L || least == Unreachable)
                {
                    // Paid already (a chosen member, or kept cuts), or out of reach (h_max then says so).
                    continue;
                }

                var members = anyExcluded ? Array.FindAll(set, m => !excluded.Contains(m)) : set;
                foreach (var m in members)
                {
                    _cost[m] -= least;
                }

                total += least;
                LandmarksCharged++;
                _kept.Add(new Cut([members], [anyExcluded ? Mask(members) : mask], [1L], 1L, least));
            }
        }

        return total;
    }

    /// <summary>The OR nodes of two credentials or more, none of them a pool's member (their credentials, in charging
    /// order), that every plan satisfying <paramref name="target"/> satisfies too (cached per target).</summary>
    /// <remarks>Necessary are the target, every child of a necessary AND or of a necessary threshold that needs all its
    /// children, and the requirement of a necessary credential (a plan takes it after its requirement holds), as in
    /// <see cref="Necessary"/>; an OR's children are not necessary, so the walk stops there. A necessary credential alone
    /// is not charged here: paying it first made the searches of generated pool goals larger (measured: n50-i3 480 → 576
    /// nodes). Nor is a choice with a member that a pool also counts: that member's cost is the threshold cuts' to share
    /// among the pool's children, and charged first it made them succeed more often at more work per node without
    /// saving as much (measured: n200-i2 7 695 → 7 443 nodes, 5% more time).</remarks>
    private (int[] Members, ulong[] Mask)[] NecessaryLandmarks(int target)
    {
        if (_necessaryLandmarks.TryGetValue(target, out var known))
        {
            return known;
        }

        var found = new List<(int Node, int[] Members)>();
        foreach (var x in NecessaryNodes(target))
        {
            if (_kind[x] == Kind.Or && Array.TrueForAll(_children[x], y => y < _p.Count))
            {
                int[] members = [.. _children[x].Distinct().Order()];
                if (members.Length >= 2 && !Array.Exists(members, m => PoolMembers()[m]))
                {
                    found.Add((x, members));
                }
            }
        }

        known = [.. found.OrderBy(f => f.Members.Min(m => _w[m])).ThenBy(f => f.Members.Length).ThenBy(f => f.Node).Select(f => (f.Members, Mask(f.Members)))];
        _necessaryLandmarks[target] = known;
        return known;
    }

    /// <summary>Whether each credential is a child of a pool (a threshold or an amount node), directly or as a member of
    /// one of its classes (computed on first use).</summary>
    private bool[] PoolMembers()
    {
        if (_poolMembers is not null)
        {
            return _poolMembers;
        }

        var members = new bool[_p.Count];
        for (var x = 0; x < _kind.Length; x++)
        {
            if (_kind[x] is not (Kind.Threshold or Kind.Amount))
            {
                continue;
            }

            foreach (var y in _children[x])
            {
                if (y < _p.Count)
                {
                    members[y] = true;
                }
                else if (_kind[y] == Kind.Or)
                {
                    foreach (var z in _children[y])
                    {
                        if (z < _p.Count)
                        {
                            members[z] = true;
                        }
                    }
                }
            }
        }

        return _poolMembers = members;
    }
}
