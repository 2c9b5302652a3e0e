using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>The estimate of a large pool given the plan, from a per-class order computed once (see <see cref="Incumbent"/>).</summary>
/// <remarks>
/// <para>A degree's "128 credits from any course" names every course, and the construction asks for its estimate given the
/// plan once per candidate it looks at (hundreds of degrees, each with such a pool). Computed from scratch that is a pass
/// over 2 000 classes and a selection per question. But the estimate of a class only depends on the plan through two
/// things: a class with a planned member is free, and a class whose cheapest member is banned costs more. So the classes
/// are ordered once by their cost without the plan (held classes free, every other member at its estimate h): free
/// classes by value, largest first, then the rest by cost per unit of what the pool counts, then class order, which is
/// exactly the order of the full computation. Given the plan, the planned classes join the free ones, and the prefix that
/// meets the need is read from the order, skipping them: the cost is the plan's size plus that prefix.</para>
/// <para>The order is shared by every pool with the same classes (all the "any course" pools of a catalog) and is
/// valid after <c>Estimate</c> (h is final from then on). A pool that contains a banned credential is computed the long
/// way, so the answer always equals the full computation.</para>
/// </remarks>
internal sealed partial class Incumbent
{
    private readonly Dictionary<CompiledNode, PoolOrderCache> _poolByNode = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PoolShape, PoolOrderCache> _poolByShape = [];
    private readonly Dictionary<CompiledNode, PoolShape> _shapeByNode = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(PoolShape Shape, decimal Need), decimal> _settledPools = [];
    private readonly List<(decimal Unit, int Group)> _freeScratch = [];
    private readonly HashSet<int> _freeGroupsScratch = [];

    /// <summary>The estimate of a pool node given the plan (planned and held items free, banned ones excluded).</summary>
    private decimal PoolEstimate(CompiledNode n)
    {
        if (n.MatchGroups.Length <= LargePool || _banned.Overlaps(n.Support))
        {
            return PoolCost(n, _marginal);
        }

        var need = Need(n);
        if (need <= 0m)
        {
            return 0m;
        }

        var cache = OrderOf(n);

        // The free classes: held ones (in the cached order) and those with a planned member, largest value first, then
        // class order, as in the full computation. A planned member outside the pool changes nothing.
        // Scratch reused across calls (no estimate runs inside another): cleared here, read only below.
        var free = ReuseScratch ? _freeScratch : [];
        free.Clear();
        free.AddRange(cache.Free);
        foreach (var m in _plan.Members())
        {
            if (cache.GroupOf.TryGetValue(m, out var g) && !cache.IsFree[g] && cache.Unit[g] is { } unit && !free.Contains((unit, g)))
            {
                free.Add((unit, g));
            }
        }

        free.Sort((x, y) => x.Unit != y.Unit ? y.Unit.CompareTo(x.Unit) : x.Group.CompareTo(y.Group));
        var got = 0m;
        var freeGroups = ReuseScratch ? _freeGroupsScratch : [];
        freeGroups.Clear();
        foreach (var (unit, g) in free)
        {
            if (got >= need)
            {
                return 0m;
            }

            got += unit;
            freeGroups.Add(g);
        }

        var sum = 0m;
        foreach (var (cost, unit, g) in cache.Paid)
        {
            if (got >= need)
            {
                break;
            }

            if (freeGroups.Contains(g))
            {
                continue;
            }

            sum += cost;
            got += unit;
        }

        return got >= need ? sum : LowerBounds.Infinity;
    }

    /// <summary>A pool's cost during <c>Estimate</c> (each member at its settled estimate, unsettled ones unusable),
    /// remembered per pool content and need once every member that counts is settled: settled estimates never change, so
    /// the remembered cost stays exact. The degrees of a catalog all read the same "any course" pool, whose courses are
    /// settled before the degrees' component: one computation instead of one per degree.</summary>
    private decimal SettledPoolCost(CompiledNode n, Func<int, decimal> cost, bool[] settled)
    {
        if (n.MatchGroups.Length <= LargePool)
        {
            return PoolCost(n, cost);
        }

        var shape = ShapeOf(n);
        var key = (shape, Need(n));
        if (_settledPools.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = PoolCost(n, cost);
        var final = true;
        for (var g = 0; g < shape.Groups.Length && final; g++)
        {
            // A group that counts nothing (a degree of no credits in a credits pool) never enters the cost.
            if (!shape.IsCount && shape.Groups[g].All(m => (shape.IsHours ? _p.PoolHours[m] : _p.PoolCredits[m]) <= 0m))
            {
                continue;
            }

            foreach (var m in shape.Groups[g])
            {
                if (!(_p.IsHeld[m] || settled[m] || !_p.Cone.Contains(m)))
                {
                    final = false;
                    break;
                }
            }
        }

        if (final)
        {
            _settledPools[key] = value;
        }

        return value;
    }

    /// <summary>For tests: a pool node's estimate given the current plan, through the cached order and computed in full.</summary>
    internal (decimal Cached, decimal Full) PoolEstimates(CompiledNode n) => (PoolEstimate(n), PoolCost(n, _marginal));

    /// <summary>For tests: replaces the plan the estimates are given (as repair and ruin-and-recreate do).</summary>
    internal void UsePlan(BitSet plan) => _plan = plan.Clone();

    /// <summary>The cached order of a pool's classes without the plan (built on first use, shared by equal pools).</summary>
    private PoolOrderCache OrderOf(CompiledNode n)
    {
        if (_poolByNode.TryGetValue(n, out var cache))
        {
            return cache;
        }

        var shape = ShapeOf(n);
        if (!_poolByShape.TryGetValue(shape, out cache))
        {
            cache = BuildOrder(shape);
            _poolByShape[shape] = cache;
        }

        _poolByNode[n] = cache;
        return cache;
    }

    /// <summary>The pool's content (one instance per distinct content, so that equal pools share what is cached).</summary>
    private PoolShape ShapeOf(CompiledNode n)
    {
        if (!_shapeByNode.TryGetValue(n, out var shape))
        {
            shape = new PoolShape(n.MatchGroups, n.Source is CountRequirement, n.Source is HoursRequirement);
            _shapeByNode[n] = shape;
        }

        return shape;
    }

    private PoolOrderCache BuildOrder(PoolShape shape)
    {
        var groups = shape.Groups;
        var groupOf = new Dictionary<int, int>();
        var unitOf = new decimal?[groups.Length];
        var isFree = new bool[groups.Length];
        var free = new List<(decimal Unit, int Group)>();
        var paid = new List<(decimal Cost, decimal Unit, decimal Key, int Group)>();
        for (var g = 0; g < groups.Length; g++)
        {
            var value = 0m;
            var best = LowerBounds.Infinity;
            foreach (var m in groups[g])
            {
                groupOf[m] = g;
                value = Math.Max(value, shape.IsHours ? _p.PoolHours[m] : _p.PoolCredits[m]);

                // Marginal without the plan: held free, outside the cone never, otherwise the estimate.
                best = Math.Min(best, _p.IsHeld[m] ? 0m : !_p.Cone.Contains(m) ? LowerBounds.Infinity : _h[m]);
            }

            if (!shape.IsCount && value <= 0m)
            {
                continue;
            }

            var unit = shape.IsCount ? 1m : value;
            unitOf[g] = unit;
            if (best == 0m)
            {
                isFree[g] = true;
                free.Add((unit, g));
            }
            else if (best < LowerBounds.Infinity)
            {
                paid.Add((best, unit, best / unit, g));
            }
        }

        paid.Sort((x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Group.CompareTo(y.Group));
        return new PoolOrderCache(groupOf, unitOf, isFree, [.. free], [.. paid.Select(p => (p.Cost, p.Unit, p.Group))]);
    }

    /// <summary>A pool's classes (by content) and what it counts.</summary>
    private sealed class PoolShape(int[][] groups, bool isCount, bool isHours) : IEquatable<PoolShape>
    {
        private readonly int _hash = Hash(groups, isCount, isHours);

        public int[][] Groups { get; } = groups;

        public bool IsCount { get; } = isCount;

        public bool IsHours { get; } = isHours;

        public bool Equals(PoolShape? other)
        {
            if (other is null || other._hash != _hash || other.IsCount != IsCount || other.IsHours != IsHours || other.Groups.Length != Groups.Length)
            {
                return false;
            }

            for (var g = 0; g < Groups.Length; g++)
            {
                if (!Groups[g].AsSpan().SequenceEqual(other.Groups[g]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as PoolShape);

        public override int GetHashCode() => _hash;

        private static int Hash(int[][] groups, bool isCount, bool isHours)
        {
            var hash = new HashCode();
            hash.Add(isCount);
            hash.Add(isHours);
            foreach (var group in groups)
            {
                hash.Add(group.Length);
                foreach (var m in group)
                {
                    hash.Add(m);
                }
            }

            return hash.ToHashCode();
        }
    }

    /// <summary>A pool's classes in the order of the full computation, without the plan.</summary>
    /// <param name="GroupOf">Member → its class (group index) in the pool.</param>
    /// <param name="Unit">What a class counts towards the need (null when it counts nothing).</param>
    /// <param name="IsFree">Classes free without the plan (held).</param>
    /// <param name="Free">The free classes with their unit.</param>
    /// <param name="Paid">The other classes with a finite cost: (cost, unit, class), by cost per unit, then class order.</param>
    private sealed record PoolOrderCache(
        Dictionary<int, int> GroupOf,
        decimal?[] Unit,
        bool[] IsFree,
        (decimal Unit, int Group)[] Free,
        (decimal Cost, decimal Unit, int Group)[] Paid);
}
