namespace Stacking.Planning;

/// <content>Evaluating flattened nodes: the bound of an AND, OR, count and amount node (integral and scaled), and the independent children of a node.</content>
internal sealed partial class LowerBounds
{
    /// <summary>For each child j of an allOf, the children i ≠ j whose items can be neither used by j's subtree nor
    /// needed to earn those: their consumed items lie outside anything child j's bound counts, so they add to it.</summary>
    private int[][] Independent(CompiledNode n)
    {
        var length = n.Children.Length;
        var reach = new BitSet[length];
        for (var j = 0; j < length; j++)
        {
            var r = n.Children[j].Support.Intersect(_p.Cone);
            foreach (var m in r.Members())
            {
                if (_prerequisites[m] is { } cone)
                {
                    r.UnionWith(cone);
                }
            }

            reach[j] = r;
        }

        var result = new int[length][];
        for (var j = 0; j < length; j++)
        {
            var list = new List<int>();
            for (var i = 0; i < length; i++)
            {
                if (i != j && !n.Children[i].Support.Overlaps(reach[j]))
                {
                    list.Add(i);
                }
            }

            result[j] = [.. list];
        }

        return result;
    }

    private (long Own, long Bound) Eval(BNode n)
    {
        switch (n.Op)
        {
            case Op.Zero:
                return (0L, 0L);
            case Op.Impossible:
                return (Unreachable, Unreachable);
            case Op.Leaf:
                {
                    long own = Unreachable, full = Unreachable;
                    foreach (var m in n.Matches)
                    {
                        if (!_excluded.Contains(m))
                        {
                            own = Math.Min(own, OwnWeight(m));
                            full = Math.Min(full, FinalA(m));
                        }
                    }

                    full = Math.Max(full, own);
                    return (n.Additive ? own : 0L, full);
                }

            case Op.Skill:
                {
                    var full = Unreachable;
                    foreach (var m in n.Matches)
                    {
                        if (!_excluded.Contains(m))
                        {
                            full = Math.Min(full, FinalA(m));
                        }
                    }

                    return (0L, full);
                }

            case Op.Count:
                return Count(n);
            case Op.Amount:
                return Amount(n);
            case Op.AllOf:
                {
                    var length = n.Children.Length;
                    Span<long> owns = length <= 64 ? stackalloc long[length] : new long[length];
                    Span<long> bounds = length <= 64 ? stackalloc long[length] : new long[length];
                    long sum = 0L, max = 0L;
                    for (var k = 0; k < length; k++)
                    {
                        (owns[k], bounds[k]) = Eval(n.Children[k]);
                        sum = Add(sum, owns[k]);
                        max = Math.Max(max, bounds[k]);
                    }

                    // Child j's bound counts only credentials in its support and their prerequisite cones; a child
                    // i whose support avoids all of those consumes items (disjoint across children, spec §6) that
                    // j's bound never counted, so their own weights add to it.
                    for (var j = 0; j < length; j++)
                    {
                        var total = bounds[j];
                        foreach (var i in n.Independent[j])
                        {
                            total = Add(total, owns[i]);
                        }

                        max = Math.Max(max, total);
                    }

                    return (n.Additive ? sum : 0L, Math.Max(sum, max));
                }

            case Op.AnyOf:
                {
                    long own = Unreachable, bound = Unreachable;
                    foreach (var child in n.Children)
                    {
                        var (o, b) = Eval(child);
                        own = Math.Min(own, o);
                        bound = Math.Min(bound, b);
                    }

                    return (n.Additive ? own : 0L, bound);
                }

            case Op.AtLeast:
                {
                    var length = n.Children.Length;
                    Span<long> owns = length <= 64 ? stackalloc long[length] : new long[length];
                    Span<long> bounds = length <= 64 ? stackalloc long[length] : new long[length];
                    for (var k = 0; k < length; k++)
                    {
                        (owns[k], bounds[k]) = Eval(n.Children[k]);
                    }

                    owns.Sort();
                    bounds.Sort();
                    var sum = 0L;
                    for (var k = 0; k < n.Need; k++)
                    {
                        sum = Add(sum, owns[k]);
                    }

                    return (n.Additive ? sum : 0L, Math.Max(sum, bounds[n.Need - 1]));
                }

            default:
                return (0L, 0L);
        }
    }

    private long OwnWeight(int m) => _chosen.Contains(m) ? 0L : _w[m];

    /// <summary>Uses only finalised a-values (others count as unreachable), as Knuth's algorithm requires.</summary>
    private long FinalA(int m) => _final[m] ? _a[m] : Unreachable;

    /// <summary>A pool needs distinct items (one per class, spec §5): the N cheapest new classes.</summary>
    private (long Own, long Bound) Count(BNode n)
    {
        var groups = n.Groups;
        var need = n.Need;
        if (need <= SmallNeed && _fastPaths)
        {
            // The need smallest owns and fulls, kept sorted by insertion: the same sum and the same need-th smallest as
            // sorting all of them, without the sorts.
            Span<long> leastOwns = stackalloc long[need];
            Span<long> leastFulls = stackalloc long[need];
            var kept = 0;
            foreach (var group in groups)
            {
                var (own, full) = CountCandidate(group);
                if (own < Unreachable)
                {
                    Keep(leastOwns, kept, own);
                    Keep(leastFulls, kept, Math.Max(own, full));
                    kept = Math.Min(kept + 1, need);
                }
            }

            if (kept < need)
            {
                return (Unreachable, Unreachable);
            }

            var sum = 0L;
            foreach (var own in leastOwns)
            {
                sum = Add(sum, own);
            }

            return (n.Additive ? sum : 0L, Math.Max(sum, leastFulls[need - 1]));
        }

        Span<long> owns = groups.Length <= 64 ? stackalloc long[groups.Length] : new long[groups.Length];
        Span<long> fulls = groups.Length <= 64 ? stackalloc long[groups.Length] : new long[groups.Length];
        var found = 0;
        foreach (var group in groups)
        {
            var (own, full) = CountCandidate(group);
            if (own < Unreachable)
            {
                owns[found] = own;
                fulls[found] = Math.Max(own, full);
                found++;
            }
        }

        if (found < need)
        {
            return (Unreachable, Unreachable);
        }

        owns = owns[..found];
        fulls = fulls[..found];
        owns.Sort();
        fulls.Sort();
        var ownSum = 0L;
        for (var k = 0; k < need; k++)
        {
            ownSum = Add(ownSum, owns[k]);
        }

        return (n.Additive ? ownSum : 0L, Math.Max(ownSum, fulls[need - 1]));
    }

    /// <summary>Up to this need, a count pool keeps its need smallest values by insertion instead of sorting them all.</summary>
    private const int SmallNeed = 4;

    /// <summary>Inserts <paramref name="value"/> into <paramref name="least"/>, the ascending smallest values seen so far
    /// (<paramref name="kept"/> of them, at most its length), dropping the largest when it is full.</summary>
    private static void Keep(Span<long> least, int kept, long value)
    {
        var k = kept;
        if (k == least.Length)
        {
            if (value >= least[k - 1])
            {
                return;
            }

            k--;
        }

        while (k > 0 && least[k - 1] > value)
        {
            least[k] = least[k - 1];
            k--;
        }

        least[k] = value;
    }

    /// <summary>The cheapest available member of a count pool's group: own weight and a-value.</summary>
    private (long Own, long Full) CountCandidate(Group group)
    {
        long own = Unreachable, full = Unreachable;
        foreach (var m in group.Members)
        {
            if (!_excluded.Contains(m))
            {
                own = Math.Min(own, OwnWeight(m));
                full = Math.Min(full, FinalA(m));
            }
        }

        return (own, full);
    }

    /// <summary>Credits or hours: a fractional knapsack (the LP relaxation of covering the amount at least cost), rounded down.</summary>
    private (long Own, long Bound) Amount(BNode n)
    {
        if (n.ScaledAmount > 0L)
        {
            return ScaledAmount(n);
        }

        var groups = n.Groups;
        Span<Item> items = groups.Length <= 32 ? stackalloc Item[groups.Length] : new Item[groups.Length];
        var found = 0;
        var total = 0m;
        var fullBound = Unreachable;
        for (var g = 0; g < groups.Length; g++)
        {
            var (own, full, best) = Candidate(groups[g]);
            if (own < Unreachable && best > 0m)
            {
                items[found++] = new Item(own / best, g, own, best);
                total += best;
                fullBound = Math.Min(fullBound, Math.Max(own, full));
            }
        }

        var remaining = n.Amount;
        if (total < remaining)
        {
            return (Unreachable, Unreachable);
        }

        // The cheapest items per unit first, as in ScaledAmount.
        var order = new SmallestFirst<Item>(items[..found]);
        var ownSum = 0L;
        var left = remaining;
        while (left > 0m && order.TryNext(out var c))
        {
            var take = Math.Min(left, c.Value);

            // The partial item's share is rounded down (to a whole unit) so that rounding never lifts the bound.
            var share = take == c.Value ? c.Own : (long)decimal.Floor(c.Own * take / c.Value);
            ownSum = Add(ownSum, share);
            left -= take;
        }

        return (n.Additive ? ownSum : 0L, Math.Max(ownSum, fullBound));
    }

    /// <summary><see cref="Amount"/> with the amount and the pool values as integers in one unit (see
    /// <see cref="FlattenPool"/>): the same bound, without decimal arithmetic.</summary>
    /// <remarks>Every quantity is the decimal one times the same power of ten, so the comparisons and sums are the same;
    /// the cost-per-unit order compares own·value' with own'·value (exact, where the decimal quotients could only differ
    /// from the exact ones below their 28th digit, far below the gap between two distinct ratios of these sizes), and
    /// the partial share ⌊own·take / value⌋ is an exact integer division (its quotient is at least 1/value away from the
    /// next integer, so the decimal division rounded to 28 digits floors to the same). The scaled values stay below
    /// 2^28 and the weights below 2^32, so no product overflows.</remarks>
    private (long Own, long Bound) ScaledAmount(BNode n)
    {
        var groups = n.Groups;
        Span<ScaledItem> items = groups.Length <= 64 ? stackalloc ScaledItem[groups.Length] : ScaledScratch(groups.Length);
        var found = 0;
        var total = 0L;
        var fullBound = Unreachable;
        for (var g = 0; g < groups.Length; g++)
        {
            var group = groups[g];
            long own = Unreachable, full = Unreachable, best = 0L;
            var members = group.Members;
            var values = group.Scaled!;
            for (var k = 0; k < members.Length; k++)
            {
                var m = members[k];
                if (!_excluded.Contains(m))
                {
                    own = Math.Min(own, OwnWeight(m));
                    full = Math.Min(full, FinalA(m));
                    best = Math.Max(best, values[k]);
                }
            }

            if (own < Unreachable && best > 0L)
            {
                items[found++] = new ScaledItem(own, best, g);
                total += best;
                fullBound = Math.Min(fullBound, Math.Max(own, full));
            }
        }

        var remaining = n.ScaledAmount;
        if (total < remaining)
        {
            return (Unreachable, Unreachable);
        }

        // The cheapest items per unit first, until the amount is met: a heap over a large pool (a degree's "credits from
        // any course" has 2 000 classes and needs a few dozen), which pops them in the order the sort gives (a total order:
        // positions differ), so the sum is the same.
        var order = new SmallestFirst<ScaledItem>(items[..found]);
        var ownSum = 0L;
        var left = remaining;
        while (left > 0L && order.TryNext(out var c))
        {
            var take = Math.Min(left, c.Value);

            // The partial item's share is rounded down (to a whole unit) so that rounding never lifts the bound.
            var share = take == c.Value ? c.Own : c.Own * take / c.Value;
            ownSum = Add(ownSum, share);
            left -= take;
        }

        return (n.Additive ? ownSum : 0L, Math.Max(ownSum, fullBound));
    }

    /// <summary>A buffer for a large pool's knapsack items, reused: <see cref="ScaledAmount"/> calls nothing that evaluates
    /// another pool while it holds the span, and one bounds object serves one search (on one thread). A degree's pool of
    /// 2 000 classes re-evaluated in a cycle of degrees had allocated about 50 KB each time.</summary>
    private Span<ScaledItem> ScaledScratch(int length)
    {
        if (_scaledScratch.Length < length)
        {
            _scaledScratch = new ScaledItem[length];
        }

        return _scaledScratch.AsSpan(0, length);
    }

    /// <summary>The largest scaled pool value (and amount) of an integral pool; products with a weight (below 2^32) stay below 2^60.</summary>
    private const long ScaledValueCap = 1L << 28;

    /// <summary>The cheapest available member of a pool group: own weight, a-value, and the largest pool value among the available members.</summary>
    private (long Own, long Full, decimal Best) Candidate(Group group)
    {
        long own = Unreachable, full = Unreachable;
        var best = 0m;
        var members = group.Members;
        for (var k = 0; k < members.Length; k++)
        {
            var m = members[k];
            if (!_excluded.Contains(m))
            {
                own = Math.Min(own, OwnWeight(m));
                full = Math.Min(full, FinalA(m));
                best = Math.Max(best, group.Values[k]);
            }
        }

        return (own, full, best);
    }
}
