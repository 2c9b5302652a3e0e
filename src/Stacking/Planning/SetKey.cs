namespace Stacking.Planning;

/// <summary>A planned set restricted to a requirement's support, as a memo key: the bitset words of planned ∩ support.</summary>
/// <remarks>Two planned sets that agree on the support get the same answer from the oracle (credentials outside a
/// requirement's support match none of its nodes), so the restriction is the whole key. Building one costs a single
/// small array, which is also what the oracle reads on a memo miss.</remarks>
internal readonly struct SetKey : IEquatable<SetKey>
{
    private readonly ulong[] _words;
    private readonly int _hash;

    public SetKey(BitSet planned, BitSet support)
    {
        var a = planned.Words;
        var b = support.Words;
        _words = new ulong[a.Length];
        var hash = new HashCode();
        for (var k = 0; k < _words.Length; k++)
        {
            var w = a[k] & b[k];
            _words[k] = w;
            hash.Add(w);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>Gets the words of planned ∩ support, for the oracle.</summary>
    public ReadOnlySpan<ulong> Words => _words;

    public bool Equals(SetKey other) => _hash == other._hash && _words.AsSpan().SequenceEqual(other._words);

    public override bool Equals(object? obj) => obj is SetKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
