using System.Numerics;
using Stacking.Model;

namespace Stacking.Eligibility.Engine;

/// <summary>The planned credentials of a check as a bitset over the engine's dense credential numbers.</summary>
/// <remarks>Ids that are not in the catalog are dropped on the way in (spec §8: only catalog credentials can be
/// planned). Immutable once made; an instance belongs to one check.</remarks>
internal sealed class PlannedSet
{
    private readonly ulong[] _bits;

    private PlannedSet(ulong[] bits, int count)
    {
        _bits = bits;
        Count = count;
    }

    /// <summary>Gets the number of planned catalog credentials.</summary>
    public int Count { get; }

    /// <summary>Gets the bits: bit <c>i</c> is the credential numbered <c>i</c>.</summary>
    public ReadOnlySpan<ulong> Bits => _bits;

    /// <summary>Gets the number of <see cref="ulong"/> words a bitset over <paramref name="credentials"/> credentials takes.</summary>
    public static int WordsFor(int credentials) => (credentials + 63) >> 6;

    /// <summary>Makes the set of the catalog credentials among <paramref name="ids"/>, or null when there are none.</summary>
    public static PlannedSet? Of(CompiledCatalog catalog, IReadOnlyCollection<CredentialId>? ids)
    {
        if (ids is null || ids.Count == 0)
        {
            return null;
        }

        var bits = new ulong[WordsFor(catalog.Credentials.Length)];
        foreach (var id in ids)
        {
            var i = catalog.IndexOf(id);
            if (i >= 0)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }

        return Make(bits);
    }

    /// <summary>Copies a caller's bitset (bits past the catalog's credentials are ignored), or returns null when it is empty.</summary>
    public static PlannedSet? Of(CompiledCatalog catalog, ReadOnlySpan<ulong> planned)
    {
        var count = catalog.Credentials.Length;
        var words = Math.Min(WordsFor(count), planned.Length);
        var any = false;
        for (var w = 0; w < words && !any; w++)
        {
            any = (planned[w] & WordMask(w, count)) != 0;
        }

        if (!any)
        {
            return null;
        }

        var bits = new ulong[WordsFor(count)];
        for (var w = 0; w < words; w++)
        {
            bits[w] = planned[w] & WordMask(w, count);
        }

        return Make(bits);
    }

    /// <summary>Gets the bits of word <paramref name="w"/> that stand for real credentials (the last word may be partial).</summary>
    public static ulong WordMask(int w, int credentials)
    {
        var left = credentials - (w << 6);
        return left >= 64 ? ulong.MaxValue : left <= 0 ? 0 : (1UL << left) - 1;
    }

    public bool Contains(int index) => index >= 0 && (_bits[index >> 6] & (1UL << (index & 63))) != 0;

    private static PlannedSet? Make(ulong[] bits)
    {
        var count = 0;
        foreach (var word in bits)
        {
            count += BitOperations.PopCount(word);
        }

        return count == 0 ? null : new PlannedSet(bits, count);
    }
}
