using Stacking.Rules;

namespace Stacking.Planning;

/// <content>The additive estimate h(m) of acquiring a credential with its prerequisites, per strongly connected component, and the costs of nodes and pools under it.</content>
internal sealed partial class Incumbent
{
    /// <summary>Estimated marginal cost of satisfying a node now (planned and held items free; allocation ignored).</summary>
    private decimal Est(CompiledNode n, int owner) => NodeCost(n, owner, _marginal);

    /// <summary>The additive estimate of a node under a per-credential cost.</summary>
    private decimal NodeCost(CompiledNode n, int owner, Func<int, decimal> cost)
    {
        if (_p.IsWaived(owner, n))
        {
            return 0m;
        }

        switch (n.Source)
        {
            case CredentialRequirement:
            case SkillRequirement:
                {
                    if (n.Source is SkillRequirement { Level: < 1 })
                    {
                        return 0m;
                    }

                    var best = LowerBounds.Infinity;
                    foreach (var m in n.Matches)
                    {
                        best = Math.Min(best, cost(m));
                    }

                    return best;
                }

            case CountRequirement or CreditsRequirement or HoursRequirement:
                // Given the plan (after Estimate), a large pool reads a cached order (Incumbent.Pools.cs).
                return ReferenceEquals(cost, _marginal) ? PoolEstimate(n) : _settled is not null ? SettledPoolCost(n, cost, _settled) : PoolCost(n, cost);
            case AllOfRequirement:
                {
                    var sum = 0m;
                    foreach (var child in n.Children)
                    {
                        sum = LowerBounds.Add(sum, NodeCost(child, owner, cost));
                    }

                    return sum;
                }

            case AnyOfRequirement or AtLeastRequirement:
                {
                    var need = n.Source is AtLeastRequirement atLeast ? atLeast.Count : Math.Min(1, n.Children.Length);
                    if (need <= 0)
                    {
                        return 0m;
                    }

                    if (need > n.Children.Length)
                    {
                        return LowerBounds.Infinity;
                    }

                    if (need == 1)
                    {
                        // The least child (the sum of the one least cost), without an array.
                        var least = LowerBounds.Infinity;
                        foreach (var child in n.Children)
                        {
                            least = Math.Min(least, NodeCost(child, owner, cost));
                        }

                        return LowerBounds.Add(0m, least);
                    }

                    var costs = new decimal[n.Children.Length];
                    for (var k = 0; k < costs.Length; k++)
                    {
                        costs[k] = NodeCost(n.Children[k], owner, cost);
                    }

                    Array.Sort(costs);
                    var sum = 0m;
                    for (var k = 0; k < need; k++)
                    {
                        sum = LowerBounds.Add(sum, costs[k]);
                    }

                    return sum;
                }

            default:
                return 0m;
        }
    }

    /// <summary>What a pool asks for: a number of items, of credits or of hours (0 for any other node).</summary>
    private static decimal Need(CompiledNode n) => n.Source switch
    {
        CountRequirement c => c.Count,
        CreditsRequirement c => c.Credits,
        HoursRequirement h => h.Hours,
        _ => 0m,
    };

    /// <summary>Gets the size (classes) above which a pool is large: its estimate uses a heap and the caches of
    /// <c>Incumbent.Pools.cs</c> instead of a full sort; default 64. Tests set 0 and <see cref="int.MaxValue"/> to check
    /// that both ways give the same plans.</summary>
    internal int LargePool { get; init; } = 64;

    private decimal PoolCost(CompiledNode n, Func<int, decimal> cost)
    {
        var isCount = n.Source is CountRequirement;
        var isHours = n.Source is HoursRequirement;
        var need = Need(n);
        if (need <= 0m)
        {
            return 0m;
        }

        // A scratch array reused across calls (the cost delegates never estimate a pool, so no call runs inside another);
        // only its first count entries are written and read.
        var options = !ReuseScratch ? new (decimal Cost, decimal Value, decimal Key, int Order)[n.MatchGroups.Length]
            : _poolOptions.Length >= n.MatchGroups.Length ? _poolOptions
            : _poolOptions = new (decimal Cost, decimal Value, decimal Key, int Order)[n.MatchGroups.Length];
        var count = 0;
        for (var g = 0; g < n.MatchGroups.Length; g++)
        {
            var best = LowerBounds.Infinity;
            var value = 0m;
            foreach (var m in n.MatchGroups[g])
            {
                best = Math.Min(best, cost(m));
                value = Math.Max(value, isHours ? _p.PoolHours[m] : _p.PoolCredits[m]);
            }

            if (best < LowerBounds.Infinity && (isCount || value > 0m))
            {
                var unit = isCount ? 1m : value;

                // Free items first, largest value first (negated key below any ratio), then the cheapest per unit.
                options[count++] = (best, unit, best == 0m ? -unit : best / unit, g);
            }
        }

        // Free items first (largest value first), then the cheapest per unit; group order breaks ties. Only the prefix
        // that meets the need is read, so a heap (linear to build) replaces the full sort: a degree's "128 credits from
        // any course" reads about 32 of 2 000 options. The order is total (group order last), so the prefix is the same.
        var sum = 0m;
        var got = 0m;
        if (count <= LargePool)
        {
            Array.Sort(options, 0, count, PoolOrder.Instance);
            for (var k = 0; k < count && got < need; k++)
            {
                sum += options[k].Cost;
                got += options[k].Value;
            }
        }
        else
        {
            var heap = new PriorityQueue<int, (decimal Cost, decimal Value, decimal Key, int Order)>(
                Enumerable.Range(0, count).Select(k => (k, options[k])), PoolOrder.Instance);
            while (got < need && heap.TryDequeue(out var k, out _))
            {
                sum += options[k].Cost;
                got += options[k].Value;
            }
        }

        return got >= need ? sum : LowerBounds.Infinity;
    }

    /// <summary>Computes h for every cone credential, each value from settled values only: the strongly connected
    /// components of the dependency graph (m depends on its requirement's support) in dependency order, one evaluation
    /// per credential outside cycles, and Dijkstra order (Knuth's generalisation) inside a cycle.</summary>
    private const int LargeComponent = 64;

    private void Estimate()
    {
        Array.Fill(_h, LowerBounds.Infinity);
        var settled = new bool[_p.Count];
        _settled = settled;
        decimal Settled(int m) => _p.IsHeld[m] ? 0m : settled[m] ? _h[m] : LowerBounds.Infinity;
        decimal Evaluate(int m) =>
            _p.Catalog.Requirements[m] is { } requirement && !WholeWaived(m)
                ? LowerBounds.Add(_p.Weight[m], NodeCost(requirement, m, Settled))
                : _p.Weight[m];

        foreach (var component in DependencyComponents.Of(_p).Components)
        {
            if (StopNow())
            {
                return;
            }

            if (component.Length == 1 && !(_p.Catalog.Requirements[component[0]]?.Support.Contains(component[0]) ?? false))
            {
                _h[component[0]] = Evaluate(component[0]);
                settled[component[0]] = true;
                continue;
            }

            if (component.Length > LargeComponent)
            {
                // A large cycle (a degree's "any course" pool reaching every other degree): one pass in ordinal order, each
                // value from the values settled so far. Still well-founded, just less tight than Dijkstra order, and
                // linear instead of quadratic in the component.
                foreach (var m in component)
                {
                    if (StopNow())
                    {
                        return;
                    }

                    _h[m] = Evaluate(m);
                    settled[m] = true;
                }

                continue;
            }

            var inside = new HashSet<int>(component);
            var queue = new PriorityQueue<int, (decimal, int)>();
            foreach (var m in component)
            {
                var value = Evaluate(m);
                if (value < LowerBounds.Infinity)
                {
                    _h[m] = value;
                    queue.Enqueue(m, (value, m));
                }
            }

            var dirty = new SortedSet<int>();
            while (queue.TryDequeue(out var m, out var priority))
            {
                if (settled[m] || priority.Item1 != _h[m])
                {
                    continue;
                }

                settled[m] = true;
                dirty.UnionWith(_p.Dependents[m]);
                while (queue.TryPeek(out var next, out var nextPriority) && nextPriority.Item1 == priority.Item1)
                {
                    queue.Dequeue();
                    if (!settled[next] && nextPriority.Item1 == _h[next])
                    {
                        settled[next] = true;
                        dirty.UnionWith(_p.Dependents[next]);
                    }
                }

                foreach (var d in dirty)
                {
                    if (settled[d] || !inside.Contains(d))
                    {
                        continue;
                    }

                    var value = Evaluate(d);
                    if (value < _h[d])
                    {
                        _h[d] = value;
                        queue.Enqueue(d, (value, d));
                    }
                }

                dirty.Clear();
            }

            foreach (var m in component)
            {
                if (!settled[m])
                {
                    // Computed from unsettled values only: no well-founded derivation.
                    _h[m] = LowerBounds.Infinity;
                    settled[m] = true;
                }
            }
        }
    }

    /// <summary>Nodes by reference (deterministic: only lookups, never enumeration).</summary>
    private sealed class NodeKeyComparer : IEqualityComparer<(CompiledNode Node, bool Support)>
    {
        public bool Equals((CompiledNode Node, bool Support) x, (CompiledNode Node, bool Support) y) =>
            ReferenceEquals(x.Node, y.Node) && x.Support == y.Support;

        public int GetHashCode((CompiledNode Node, bool Support) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node), obj.Support);
    }

    /// <summary>Free options first (largest value first), then ascending cost per unit, then group order.</summary>
    private sealed class PoolOrder : IComparer<(decimal Cost, decimal Value, decimal Key, int Order)>
    {
        public static readonly PoolOrder Instance = new();

        public int Compare((decimal Cost, decimal Value, decimal Key, int Order) x, (decimal Cost, decimal Value, decimal Key, int Order) y)
        {
            var freeX = x.Cost == 0m;
            var freeY = y.Cost == 0m;
            if (freeX != freeY)
            {
                return freeX ? -1 : 1;
            }

            var c = x.Key.CompareTo(y.Key);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        }
    }
}
