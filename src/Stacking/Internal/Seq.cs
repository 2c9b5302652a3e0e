using System.Collections.Immutable;

namespace Stacking.Internal;

/// <summary>Structural equality and hashing for the immutable collections of the model.</summary>
internal static class Seq
{
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        if (a.IsDefaultOrEmpty || b.IsDefaultOrEmpty)
        {
            return a.IsDefaultOrEmpty && b.IsDefaultOrEmpty;
        }

        return a.AsSpan().SequenceEqual(b.AsSpan());
    }

    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = new HashCode();
        if (!a.IsDefault)
        {
            foreach (var item in a)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }

    public static bool Equal<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> a, IReadOnlyDictionary<TKey, TValue> b)
        where TKey : notnull
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var pair in a)
        {
            if (!b.TryGetValue(pair.Key, out var other) || !EqualityComparer<TValue>.Default.Equals(pair.Value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the array, or an empty one for a default array, so that no model member is ever default.</summary>
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> a) => a.IsDefault ? ImmutableArray<T>.Empty : a;

    /// <summary>Copies a sequence into an immutable array, rejecting null elements.</summary>
    public static ImmutableArray<T> ToImmutableChecked<T>(IEnumerable<T>? items, string paramName)
        where T : class
    {
        if (items is null)
        {
            return ImmutableArray<T>.Empty;
        }

        var result = items.ToImmutableArray();
        foreach (var item in result)
        {
            if (item is null)
            {
                throw new ArgumentException("The collection must not contain null elements.", paramName);
            }
        }

        return result;
    }
}
