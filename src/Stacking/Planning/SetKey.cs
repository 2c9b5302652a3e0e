namespace Stacking.Planning;

/// <summary>A planned set restricted to a requirement's support, as a memo key: the bitset words of planned ∩ support.</summary>
/// <remarks>Two planned sets that agree on the support get the same answer from the oracle (credentials outside a
/// requirement's support match none of its nodes), so the restriction is the whole key. Building one costs a single
/// small array, which is also what the oracle reads on a memo miss; <see cref="OracleMemo{TOwner}"/> finds a stored one
/// without building one (<see cref="HashOf"/>, <see cref="Matches"/>).</remarks>
internal readonly struct SetKey : IEquatable<SetKey>
{
    private readonly ulong[] _words;
    private readonly int _hash;

    public SetKey(BitSet planned, BitSet support)
        : this(planned.Words, support.Words)
    {
    }

    public SetKey(ReadOnlySpan<ulong> planned, ReadOnlySpan<ulong> support)
    {
        _words = new ulong[planned.Length];
        for (var k = 0; k < _words.Length; k++)
        {
            _words[k] = planned[k] & support[k];
        }

        _hash = HashOf(planned, support);
    }

    /// <summary>Gets the words of planned ∩ support, for the oracle.</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>The hash of the key of <paramref name="planned"/> ∩ <paramref name="support"/>, without building it.</summary>
    public static int HashOf(ReadOnlySpan<ulong> planned, ReadOnlySpan<ulong> support)
    {
        var hash = new HashCode();
        for (var k = 0; k < planned.Length; k++)
        {
            hash.Add(planned[k] & support[k]);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether this is the key of <paramref name="planned"/> ∩ <paramref name="support"/> (same capacity).</summary>
    public bool Matches(ReadOnlySpan<ulong> planned, ReadOnlySpan<ulong> support)
    {
        if (planned.Length != _words.Length)
        {
            return false;
        }

        for (var k = 0; k < _words.Length; k++)
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
