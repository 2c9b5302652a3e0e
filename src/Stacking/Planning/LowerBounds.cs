using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>Admissible lower bounds on the extra cost of satisfying requirements, computed without the eligibility
/// oracle from a relaxation that keeps prerequisite closure but ignores allocation conflicts across requirements.</summary>
/// <remarks>
/// <para>For every credential m, <c>a(m)</c> bounds the cost of any orderable set that contains m:
/// <c>a(m) = w'(m) + B(req m)</c>, where <c>w'(m)</c> is 0 for a credential already chosen and its weight otherwise,
/// and <c>B</c> bounds the cost of satisfying a requirement. Held classes (any holding, optimistically) cost nothing.</para>
/// <para>For each node B returns two bounds: <c>own</c>, a bound on the weights of the items the node's subtree
/// consumes (additive across an <c>allOf</c>: within one requirement no item serves two consuming nodes, spec §6;
/// 0 for shared and skill nodes, which consume nothing), and <c>bound</c>, a bound on the whole cost including
/// prerequisites (max across an <c>allOf</c>, min across an <c>anyOf</c>, the N-th smallest across an
/// <c>atLeast</c>/<c>count</c>). Pools use the N cheapest distinct classes, or a fractional knapsack for credits and
/// hours. The true cost vector T satisfies T ≥ F(T) for this monotone operator F, so the least fixpoint of F, which
/// the generalised Dijkstra below computes (Knuth 1977: every production is a superior function), is ≤ T.</para>
/// </remarks>
internal sealed class LowerBounds
{
    public static readonly decimal Infinity = decimal.MaxValue;

    private readonly PlanningProblem _p;
    private readonly decimal[] _w;
    private readonly decimal[] _a;
    private readonly bool[] _final;
    private BitSet _chosen;
    private BitSet _excluded;

    public LowerBounds(PlanningProblem problem, decimal[] weights)
    {
        _p = problem;
        _w = weights;
        _a = new decimal[problem.Count];
        _final = new bool[problem.Count];
        _chosen = problem.NewSet();
        _excluded = problem.NewSet();
    }

    /// <summary>Gets a(m) after <see cref="Compute"/>: a bound on the cost of any orderable set containing m.</summary>
    public decimal Acquire(int m) => _a[m];

    public static decimal Add(decimal x, decimal y) => x == Infinity || y == Infinity || x > Infinity - y ? Infinity : x + y;

    /// <summary>Computes a(m) for every cone credential, with <paramref name="chosen"/> free and <paramref name="excluded"/> unavailable.</summary>
    public void Compute(BitSet chosen, BitSet excluded)
    {
        _chosen = chosen;
        _excluded = excluded;
        Array.Fill(_a, Infinity);
        Array.Fill(_final, false);
        var queue = new PriorityQueue<int, (decimal, int)>();
        foreach (var m in _p.ConeList)
        {
            if (excluded.Contains(m))
            {
                continue;
            }

            var value = Evaluate(m);
            if (value < Infinity)
            {
                _a[m] = value;
                queue.Enqueue(m, (value, m));
            }
        }

        var dirty = new SortedSet<int>();
        while (queue.TryDequeue(out var m, out var priority))
        {
            if (_final[m] || priority.Item1 != _a[m])
            {
                continue;
            }

            // Finalise every credential at the current minimum, then re-evaluate their dependents once.
            _final[m] = true;
            dirty.UnionWith(_p.Dependents[m]);
            while (queue.TryPeek(out var next, out var nextPriority) && nextPriority.Item1 == priority.Item1)
            {
                queue.Dequeue();
                if (!_final[next] && nextPriority.Item1 == _a[next])
                {
                    _final[next] = true;
                    dirty.UnionWith(_p.Dependents[next]);
                }
            }

            foreach (var d in dirty)
            {
                if (_final[d] || excluded.Contains(d))
                {
                    continue;
                }

                var value = Evaluate(d);
                if (value < _a[d])
                {
                    _a[d] = value;
                    queue.Enqueue(d, (value, d));
                }
            }

            dirty.Clear();
        }

        // Values never finalised were computed from unfinalised ones: no derivation exists for them.
        for (var m = 0; m < _a.Length; m++)
        {
            if (!_final[m])
            {
                _a[m] = Infinity;
            }
        }
    }

    /// <summary>Bound on the extra cost of satisfying a credential's requirement (0 when it has none).</summary>
    public decimal RequirementBound(int owner) =>
        _p.Catalog.Requirements[owner] is { } node && !IsWholeWaived(owner) ? Eval(node, additive: true, owner).Bound : 0m;

    /// <summary>Bound on the extra cost of satisfying a goal node.</summary>
    public decimal GoalBound(CompiledNode goal) => Eval(goal, additive: true, owner: -1).Bound;

    private bool IsWholeWaived(int owner) => _p.Waivers.TryGetValue(owner, out var set) && set.Contains(null);

    private decimal Evaluate(int m) => Add(_chosen.Contains(m) ? 0m : _w[m], RequirementBound(m));

    private decimal OwnWeight(int m) => _chosen.Contains(m) ? 0m : _w[m];

    /// <summary>Uses only finalised a-values (others count as unreachable), as Knuth's algorithm requires.</summary>
    private decimal FinalA(int m) => _final[m] ? _a[m] : Infinity;

    private (decimal Own, decimal Bound) Eval(CompiledNode n, bool additive, int owner)
    {
        if (_p.IsWaived(owner, n))
        {
            return (0m, 0m);
        }

        if (n.Source.Shared)
        {
            additive = false;
        }

        switch (n.Source)
        {
            case CredentialRequirement:
                {
                    if (AnyHeld(n.Matches))
                    {
                        return (0m, 0m);
                    }

                    decimal own = Infinity, full = Infinity;
                    foreach (var m in n.Matches)
                    {
                        if (!_excluded.Contains(m) && _p.Cone.Contains(m))
                        {
                            own = Math.Min(own, OwnWeight(m));
                            full = Math.Min(full, FinalA(m));
                        }
                    }

                    full = Math.Max(full, own);
                    return (additive ? own : 0m, full);
                }

            case SkillRequirement skill:
                {
                    if (skill.Level < 1 || AnyHeld(n.Matches))
                    {
                        return (0m, 0m);
                    }

                    var full = Infinity;
                    foreach (var m in n.Matches)
                    {
                        if (!_excluded.Contains(m) && _p.Cone.Contains(m))
                        {
                            full = Math.Min(full, FinalA(m));
                        }
                    }

                    return (0m, full);
                }

            case CountRequirement count:
                return Pool(n, count.Count, amount: null, additive);
            case CreditsRequirement credits:
                return Pool(n, 0, credits.Credits, additive);
            case HoursRequirement hours:
                return Pool(n, 0, hours.Hours, additive);
            case AllOfRequirement:
                {
                    decimal sum = 0m, max = 0m;
                    foreach (var child in n.Children)
                    {
                        var (own, bound) = Eval(child, additive, owner);
                        sum = Add(sum, own);
                        max = Math.Max(max, bound);
                    }

                    return (additive ? sum : 0m, Math.Max(sum, max));
                }

            case AnyOfRequirement:
                {
                    if (n.Children.Length == 0)
                    {
                        return (0m, 0m);
                    }

                    decimal own = Infinity, bound = Infinity;
                    foreach (var child in n.Children)
                    {
                        var (o, b) = Eval(child, additive, owner);
                        own = Math.Min(own, o);
                        bound = Math.Min(bound, b);
                    }

                    return (additive ? own : 0m, bound);
                }

            case AtLeastRequirement atLeast:
                {
                    var need = atLeast.Count;
                    if (need <= 0)
                    {
                        return (0m, 0m);
                    }

                    if (need > n.Children.Length)
                    {
                        return (Infinity, Infinity);
                    }

                    var owns = new decimal[n.Children.Length];
                    var bounds = new decimal[n.Children.Length];
                    for (var k = 0; k < n.Children.Length; k++)
                    {
                        (owns[k], bounds[k]) = Eval(n.Children[k], additive, owner);
                    }

                    Array.Sort(owns);
                    Array.Sort(bounds);
                    var sum = 0m;
                    for (var k = 0; k < need; k++)
                    {
                        sum = Add(sum, owns[k]);
                    }

                    return (additive ? sum : 0m, Math.Max(sum, bounds[need - 1]));
                }

            default:
                return (0m, 0m);
        }
    }

    private bool AnyHeld(int[] matches)
    {
        foreach (var m in matches)
        {
            if (_p.IsHeld[m])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A pool needs distinct items (one per class, spec §5): the cheapest new classes, or a fractional knapsack.</summary>
    private (decimal Own, decimal Bound) Pool(CompiledNode n, int needCount, decimal? amount, bool additive)
    {
        var isCount = amount is null;
        if (isCount ? needCount <= 0 : amount <= 0m)
        {
            return (0m, 0m);
        }

        var remainingCount = needCount;
        var remainingAmount = amount ?? 0m;
        var candidates = new List<(decimal Own, decimal Full, decimal Value)>();
        var isHours = n.Source is HoursRequirement;
        foreach (var group in n.MatchGroups)
        {
            var value = 0m;
            foreach (var m in group)
            {
                value = Math.Max(value, isHours ? _p.PoolHours[m] : _p.PoolCredits[m]);
            }

            if (_p.IsHeld[group[0]] || _p.HeldClass[_p.Catalog.ClassOf[group[0]]])
            {
                // Optimistically the held item counts, with the largest value any member could give it.
                remainingCount--;
                remainingAmount -= value;
                continue;
            }

            decimal own = Infinity, full = Infinity, best = 0m;
            foreach (var m in group)
            {
                if (!_excluded.Contains(m) && _p.Cone.Contains(m))
                {
                    own = Math.Min(own, OwnWeight(m));
                    full = Math.Min(full, FinalA(m));
                    best = Math.Max(best, isHours ? _p.PoolHours[m] : _p.PoolCredits[m]);
                }
            }

            if (own < Infinity && (isCount || best > 0m))
            {
                candidates.Add((own, Math.Max(own, full), best));
            }
        }

        if (isCount ? remainingCount <= 0 : remainingAmount <= 0m)
        {
            return (0m, 0m);
        }

        decimal ownSum;
        decimal fullBound;
        if (isCount)
        {
            if (candidates.Count < remainingCount)
            {
                return (Infinity, Infinity);
            }

            var owns = candidates.Select(c => c.Own).Order().ToArray();
            var fulls = candidates.Select(c => c.Full).Order().ToArray();
            ownSum = 0m;
            for (var k = 0; k < remainingCount; k++)
            {
                ownSum = Add(ownSum, owns[k]);
            }

            fullBound = fulls[remainingCount - 1];
        }
        else
        {
            if (candidates.Sum(c => c.Value) < remainingAmount)
            {
                return (Infinity, Infinity);
            }

            // Fractional knapsack: the LP relaxation of covering the amount at least cost.
            ownSum = 0m;
            var left = remainingAmount;
            foreach (var c in candidates.OrderBy(c => c.Own / c.Value))
            {
                if (left <= 0m)
                {
                    break;
                }

                var take = Math.Min(left, c.Value);

                // The partial item's share is rounded toward zero so that decimal rounding never lifts the bound.
                var share = take == c.Value ? c.Own : decimal.Round(c.Own * take / c.Value, 12, MidpointRounding.ToZero);
                ownSum = Add(ownSum, share);
                left -= take;
            }

            fullBound = candidates.Min(c => c.Full);
        }

        return (additive ? ownSum : 0m, Math.Max(ownSum, fullBound));
    }
}
