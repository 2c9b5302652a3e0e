using System.Numerics;

namespace Stacking.Planning;

/// <summary>A mutable set of dense credential indices; equality and hashing are by content.</summary>
internal sealed class BitSet : IEquatable<BitSet>
{
    private readonly ulong[] _words;

    public BitSet(int capacity) => _words = new ulong[(capacity + 63) >> 6];

    private BitSet(ulong[] words) => _words = words;

    public int Capacity => _words.Length << 6;

    /// <summary>Gets the 64-bit words (bit i of word k is member 64k + i).</summary>
    public ReadOnlySpan<ulong> Words => _words;

    public bool Contains(int i) => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    public void Add(int i) => _words[i >> 6] |= 1UL << (i & 63);

    public void Remove(int i) => _words[i >> 6] &= ~(1UL << (i & 63));

    public BitSet Clone() => new((ulong[])_words.Clone());

    /// <summary>Makes this set equal to <paramref name="other"/> (of the same capacity) without allocating.</summary>
    public void CopyFrom(BitSet other) => other._words.AsSpan().CopyTo(_words);

    /// <summary>Removes every member without allocating.</summary>
    public void Clear() => Array.Clear(_words);

    public int Count()
    {
        var n = 0;
        foreach (var w in _words)
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }

    public bool IsEmpty()
    {
        foreach (var w in _words)
        {
            if (w != 0)
            {
                return false;
            }
        }

        return true;
    }

    public void UnionWith(BitSet other)
    {
        for (var k = 0; k < _words.Length; k++)
        {
            _words[k] |= other._words[k];
        }
    }

    public void ExceptWith(BitSet other)
    {
        for (var k = 0; k < _words.Length; k++)
        {
            _words[k] &= ~other._words[k];
        }
    }

    public void IntersectWith(BitSet other)
    {
        for (var k = 0; k < _words.Length; k++)
        {
            _words[k] &= other._words[k];
        }
    }

    public BitSet Intersect(BitSet other)
    {
        var copy = Clone();
        copy.IntersectWith(other);
        return copy;
    }

    /// <summary>Whether the two sets share a member: <c>!Intersect(other).IsEmpty()</c> without the copy.</summary>
    public bool Overlaps(BitSet other)
    {
        // Sets of different capacities (a requirement's support and a request's set) compare on their common words.
        var common = Math.Min(_words.Length, other._words.Length);
        for (var k = 0; k < common; k++)
        {
            if ((_words[k] & other._words[k]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSubsetOf(BitSet other)
    {
        for (var k = 0; k < _words.Length; k++)
        {
            if ((_words[k] & ~other._words[k]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Enumerates the members in increasing order (a <c>foreach</c> over it allocates nothing).</summary>
    public MemberList Members() => new(_words);

    public List<int> ToList() => [.. Members()];

    public bool Equals(BitSet? other)
    {
        if (other is null || other._words.Length != _words.Length)
        {
            return false;
        }

        return _words.AsSpan().SequenceEqual(other._words);
    }

    public override bool Equals(object? obj) => Equals(obj as BitSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var w in _words)
        {
            hash.Add(w);
        }

        return hash.ToHashCode();
    }

    /// <summary>The members of a set, in increasing order; enumerated by a struct (see <see cref="Members"/>).</summary>
    internal readonly struct MemberList(ulong[] words) : IEnumerable<int>
    {
        public MemberEnumerator GetEnumerator() => new(words);

        IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Walks the set bits word by word (the words are read as it goes: enumerate a set that does not change).</summary>
    internal struct MemberEnumerator(ulong[] words) : IEnumerator<int>
    {
        private int _word = -1;
        private ulong _rest;

        public int Current { get; private set; }

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (_rest == 0UL)
            {
                if (++_word >= words.Length)
                {
                    return false;
                }

                _rest = words[_word];
            }

            Current = (_word << 6) + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }

        public void Reset()
        {
            _word = -1;
            _rest = 0UL;
        }

        public readonly void Dispose()
        {
        }
    }
}
