using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Planning;

namespace Stacking.Tests.Planning;

/// <summary>The lazy ascending order that the bounds read a pool's cheapest items in: it must be the sorted order.</summary>
public sealed class SmallestFirstLaws
{
    /// <summary>Items compared by key, then by position (distinct), as the bounds' pool items are: a total order.</summary>
    private readonly record struct Keyed(int Key, int Position) : IComparable<Keyed>
    {
        public int CompareTo(Keyed other)
        {
            var c = Key.CompareTo(other.Key);
            return c != 0 ? c : Position.CompareTo(other.Position);
        }
    }

    /// <summary>Any prefix read, on either side of the sorting threshold, is the sorted span's prefix.</summary>
    [Property(MaxTest = 300)]
    public Property EveryPrefixReadIsTheSortedPrefix() =>
        Prop.ForAll(
            Gen.Choose(0, 300).SelectMany(n => Gen.Choose(0, 20).ArrayOf(n)).ToArbitrary(),
            Gen.Choose(0, 320).ToArbitrary(),
            (keys, read) =>
            {
                var items = keys.Select((k, i) => new Keyed(k, i)).ToArray();
                var sorted = items.Order().ToArray();
                var order = new SmallestFirst<Keyed>(items);
                var got = new List<Keyed>();
                while (got.Count < read && order.TryNext(out var item))
                {
                    got.Add(item);
                }

                return got.SequenceEqual(sorted.Take(read));
            });

    [Fact]
    public void AHeapOfManyTiedKeysIsReadInPositionOrderWithinEachKey()
    {
        // 200 items with three keys: past the threshold, so the heap is used, and only positions break the ties.
        var items = Enumerable.Range(0, 200).Select(i => new Keyed(i % 3, i)).Reverse().ToArray();
        var order = new SmallestFirst<Keyed>(items);
        var got = new List<Keyed>();
        while (order.TryNext(out var item))
        {
            got.Add(item);
        }

        Assert.True(200 > SmallestFirst<Keyed>.SortBelow);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => new Keyed(i % 3, i)).OrderBy(x => x.Key).ThenBy(x => x.Position), got);
    }
}
