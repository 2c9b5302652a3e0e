namespace Stacking.Planning;

/// <summary>A planned set restricted to a requirement's support, as a memo key: the bitset words of planned ∩ support.</summary>
/// <remarks>Two planned sets that agree on the support get the same answer from the oracle (credentials outside a
/// requirement's support match none of its nodes), so the restriction is the whole key. Building one costs a single
/// small array, which is also what the oracle reads on a memo miss; <see cref="OracleMemo{TOwner}"/> finds a stored one
/// without building one (<see cref="HashOf"/>, <see cref="Matches"/>). Hash and comparison read only the support's
/// nonzero words (<see cref="WordsOf"/>, a few on a large catalog, whose sets have a word per 64 credentials): every
/// other word of the restriction is 0, in a stored key as in a looked-up set, so they decide nothing. Keys of one owner
/// are always built with that owner's support and its words.</remarks>
internal readonly struct SetKey : IEquatable<SetKey>
{
    private readonly ulong[] _words;
    private readonly int _hash;

    public SetKey(BitSet planned, BitSet support, int[] supportWords)
        : this(planned.Words, support.Words, supportWords)
    {
    }

    public SetKey(ReadOnlySpan<ulong> planned, ReadOnlySpan<ulong> support, int[] supportWords)
    {
        // Words outside supportWords are 0 in support, so 0 in the restriction (the array starts zeroed).
        _words = new ulong[planned.Length];
        foreach (var k in supportWords)
        {
            _words[k] = planned[k] & support[k];
        }

        _hash = HashOf(planned, support, supportWords);
    }

    /// <summary>Gets the words of planned ∩ support, for the oracle.</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>The indices of the nonzero words of <paramref name="support"/>, ascending: the only words of a restriction
    /// to it that can be nonzero.</summary>
    public static int[] WordsOf(BitSet support)
    {
        var words = support.Words;
        var count = 0;
        foreach (var w in words)
        {
            count += w != 0 ? 1 : 0;
        }

        var result = new int[count];
        count = 0;
        for (var k = 0; k < words.Length; k++)
        {
            if (words[k] != 0)
            {
                result[count++] = k;
            }
        }

        return result;
    }

    /// <summary>The hash of the key of <paramref name="planned"/> ∩ <paramref name="support"/>, without building it;
    /// <paramref name="supportWords"/> are the support's nonzero words (<see cref="WordsOf"/>).</summary>
    public static int HashOf(ReadOnlySpan<ulong> planned, ReadOnlySpan<ulong> support, int[] supportWords)
    {
        var hash = new HashCode();
        foreach (var k in supportWords)
        {
            hash.Add(planned[k] & support[k]);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether this is the key of <paramref name="planned"/> ∩ <paramref name="support"/> (same capacity), for
    /// a key built with the same support and its nonzero words <paramref name="supportWords"/>.</summary>
    public bool Matches(ReadOnlySpan<ulong> planned, ReadOnlySpan<ulong> support, int[] supportWords)
    {
        if (planned.Length != _words.Length)
        {
            return false;
        }

        foreach (var k in supportWords)
        {
            if ((planned[k] & support[k]) != _words[k])
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(SetKey other) => _hash == other._hash && _words.AsSpan().SequenceEqual(other._words);

    public override bool Equals(object? obj) => obj is SetKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
