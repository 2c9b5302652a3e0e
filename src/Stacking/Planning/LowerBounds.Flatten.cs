using Stacking.Rules;

namespace Stacking.Planning;

/// <content>Flattening requirement nodes into bound nodes (waivers, holdings, cone membership, pools as groups of classes) and the node types.</content>
internal sealed partial class LowerBounds
{
    /// <summary>Resolves everything about a node that does not depend on the search state: waivers, holdings, cone membership, pool values.</summary>
    private BNode Flatten(CompiledNode n, int owner, bool additive)
    {
        if (_p.IsWaived(owner, n))
        {
            return BNode.Zero;
        }

        if (n.Source.Shared)
        {
            additive = false;
        }

        switch (n.Source)
        {
            case CredentialRequirement:
                return AnyHeld(n.Matches) ? BNode.Zero : new BNode(Op.Leaf, additive) { Matches = InCone(n.Matches) };
            case SkillRequirement skill:
                return skill.Level < 1 || AnyHeld(n.Matches) ? BNode.Zero : new BNode(Op.Skill, additive) { Matches = InCone(n.Matches) };
            case CountRequirement count:
                return FlattenPool(n, count.Count, amount: null, additive);
            case CreditsRequirement credits:
                return FlattenPool(n, 0, credits.Credits, additive);
            case HoursRequirement hours:
                return FlattenPool(n, 0, hours.Hours, additive);
            case AllOfRequirement:
                return new BNode(Op.AllOf, additive) { Children = [.. n.Children.Select(c => Flatten(c, owner, additive))], Independent = Independent(n) };
            case AnyOfRequirement:
                return n.Children.Length == 0
                    ? BNode.Zero
                    : new BNode(Op.AnyOf, additive) { Children = [.. n.Children.Select(c => Flatten(c, owner, additive))] };
            case AtLeastRequirement atLeast:
                if (atLeast.Count <= 0)
                {
                    return BNode.Zero;
                }

                return atLeast.Count > n.Children.Length
                    ? BNode.Impossible
                    : new BNode(Op.AtLeast, additive) { Need = atLeast.Count, Children = [.. n.Children.Select(c => Flatten(c, owner, additive))] };
            default:
                return BNode.Zero;
        }
    }

    private BNode FlattenPool(CompiledNode n, int needCount, decimal? amount, bool additive)
    {
        var isCount = amount is null;
        if (isCount ? needCount <= 0 : amount <= 0m)
        {
            return BNode.Zero;
        }

        var remainingCount = needCount;
        var remainingAmount = amount ?? 0m;
        var isHours = n.Source is HoursRequirement;
        var groups = new List<Group>();
        foreach (var group in n.MatchGroups)
        {
            var value = _p.GroupValue(group, isHours);

            if (_p.TakeHeldItems(group, value, ref remainingCount, ref remainingAmount))
            {
                continue;
            }

            if (group.Length == 1)
            {
                if (SingleGroup(group[0], isHours) is { } single)
                {
                    groups.Add(single);
                }

                continue;
            }

            var members = InCone(group);
            if (members.Length > 0)
            {
                groups.Add(new Group(members, [.. members.Select(m => isHours ? _p.PoolHours[m] : _p.PoolCredits[m])]));
            }
        }

        if (isCount ? remainingCount <= 0 : remainingAmount <= 0m)
        {
            return BNode.Zero;
        }

        if (isCount)
        {
            return new BNode(Op.Count, additive) { Need = remainingCount, Groups = [.. groups] };
        }

        // The amount and every value as integers in the smallest unit 10^-k (k ≤ 6) that makes them all integral, when
        // one does and they stay below the cap: then the knapsack runs on longs (ScaledAmount), else on decimals.
        // Below the cap before scaling (scaling only raises them), so that no product of the test can overflow.
        var small = _fastPaths && remainingAmount < ScaledValueCap && groups.All(g => g.Values.All(v => v < ScaledValueCap));
        var scale = 1m;
        for (var k = 0; small && k < 6 && !Integral(remainingAmount, groups, scale); k++)
        {
            scale *= 10m;
        }

        if (!small || !Integral(remainingAmount, groups, scale) || remainingAmount * scale >= ScaledValueCap
            || groups.Any(g => g.Values.Any(v => v * scale >= ScaledValueCap)))
        {
            return new BNode(Op.Amount, additive) { Amount = remainingAmount, Groups = [.. groups] };
        }

        return new BNode(Op.Amount, additive)
        {
            Amount = remainingAmount,
            ScaledAmount = (long)(remainingAmount * scale),
            Groups = [.. groups.Select(g => scale == 1m && g.Scaled is not null ? g : g with { Scaled = [.. g.Values.Select(v => (long)(v * scale))] })],
        };
    }

    /// <summary>The group of a class with one member, shared by every pool that names it: where many credentials of the
    /// cone have a pool "from any course", a group per pool and course was most of a plan's allocation (on NEU, while
    /// its 350 degrees were items of each other's credits pools, sharing it took a plan from 845 to 496 MB). Null outside
    /// the cone. Its <see cref="Group.Scaled"/> is set when its value is integral and below the cap (the unit 1, which
    /// FlattenPool then uses as is).</summary>
    private Group? SingleGroup(int m, bool isHours)
    {
        if (!_p.Cone.Contains(m))
        {
            return null;
        }

        var cache = isHours ? (_singleHours ??= new Group?[_p.Count]) : (_singleCredits ??= new Group?[_p.Count]);
        if (cache[m] is { } cached)
        {
            return cached;
        }

        var value = isHours ? _p.PoolHours[m] : _p.PoolCredits[m];
        var integral = value == decimal.Truncate(value) && value < ScaledValueCap;
        return cache[m] = new Group([m], [value]) { Scaled = integral ? [(long)value] : null };
    }

    private static bool Integral(decimal amount, List<Group> groups, decimal scale) =>
        amount * scale == decimal.Truncate(amount * scale) && groups.All(g => g.Values.All(v => v * scale == decimal.Truncate(v * scale)));

    private int[] InCone(int[] members) => [.. members.Where(_p.Cone.Contains)];

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

    private enum Op
    {
        Zero,
        Impossible,
        Leaf,
        Skill,
        Count,
        Amount,
        AllOf,
        AnyOf,
        AtLeast,
    }

    /// <summary>A flattened requirement node: only what <see cref="Eval"/> reads.</summary>
    private sealed class BNode(Op op, bool additive)
    {
        public static readonly BNode Zero = new(Op.Zero, false);

        public static readonly BNode Impossible = new(Op.Impossible, false);

        public Op Op { get; } = op;

        /// <summary>Whether the node's consumed items count toward its parent's <c>own</c> (false at and below a shared node).</summary>
        public bool Additive { get; } = additive;

        public int[] Matches { get; init; } = [];

        public BNode[] Children { get; init; } = [];

        public Group[] Groups { get; init; } = [];

        /// <summary>For an allOf: per child j, the children whose own weights add to j's bound.</summary>
        public int[][] Independent { get; init; } = [];

        public int Need { get; init; }

        public decimal Amount { get; init; }

        /// <summary>For an amount pool whose values are integral in some unit: the amount in that unit (0: decimals only).</summary>
        public long ScaledAmount { get; init; }
    }

    /// <summary>One equivalence class of a pool, not held: its cone members and their pool values.</summary>
    private sealed record Group(int[] Members, decimal[] Values)
    {
        /// <summary>The values in the pool's integral unit, when it has one (see <see cref="BNode.ScaledAmount"/>).</summary>
        public long[]? Scaled { get; init; }
    }

    /// <summary>A knapsack candidate in integral units, ordered by cost per unit (own / value, compared exactly by cross
    /// products), then by group position, as <see cref="Item"/> orders.</summary>
    private readonly record struct ScaledItem(long Own, long Value, int Position) : IComparable<ScaledItem>
    {
        public int CompareTo(ScaledItem other)
        {
            var c = (Own * other.Value).CompareTo(other.Own * Value);
            return c != 0 ? c : Position.CompareTo(other.Position);
        }
    }

    /// <summary>A knapsack candidate, ordered by cost per unit, then by group position (the stable order of the original).</summary>
    private readonly record struct Item(decimal Ratio, int Position, long Own, decimal Value) : IComparable<Item>
    {
        public int CompareTo(Item other)
        {
            var c = Ratio.CompareTo(other.Ratio);
            return c != 0 ? c : Position.CompareTo(other.Position);
        }
    }
}
