namespace Stacking.Planning;

/// <summary>The items of a span in ascending order, produced one at a time: what sorting the span and reading it from the
/// start gives, without ordering the items that are never read.</summary>
/// <remarks>Up to <see cref="SortBelow"/> items the span is sorted at once (cheapest for few items); beyond, it becomes a
/// binary min-heap in place (linear) and each item read costs a logarithmic pop, so reading k of n items costs
/// O(n + k log n) instead of O(n log n). With a total order (no two items compare equal) the sequence is exactly the
/// sorted one; the span's contents are permuted.</remarks>
/// <typeparam name="T">The item type, ordered by its <see cref="IComparable{T}"/>.</typeparam>
internal ref struct SmallestFirst<T>
    where T : IComparable<T>
{
    /// <summary>Spans up to this long are sorted outright.</summary>
    public const int SortBelow = 64;

    private readonly Span<T> _items;
    private readonly bool _heap;
    private int _count;
    private int _next;

    public SmallestFirst(Span<T> items)
    {
        _items = items;
        _count = items.Length;
        _heap = items.Length > SortBelow;
        if (_heap)
        {
            for (var i = (_count / 2) - 1; i >= 0; i--)
            {
                SiftDown(i);
            }
        }
        else
        {
            items.Sort();
        }
    }

    /// <summary>Gets the next smallest item, or false when every item has been read.</summary>
    public bool TryNext(out T item)
    {
        if (!_heap)
        {
            if (_next < _items.Length)
            {
                item = _items[_next++];
                return true;
            }

            item = default!;
            return false;
        }

        if (_count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[0];
        _count--;
        _items[0] = _items[_count];
        SiftDown(0);
        return true;
    }

    private readonly void SiftDown(int i)
    {
        var items = _items;
        var n = _count;
        var x = items[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && items[child + 1].CompareTo(items[child]) < 0)
            {
                child++;
            }

            if (items[child].CompareTo(x) >= 0)
            {
                break;
            }

            items[i] = items[child];
            i = child;
        }

        items[i] = x;
    }
}
