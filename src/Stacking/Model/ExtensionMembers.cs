using System.Collections;
using System.Collections.Immutable;

namespace Stacking.Model;

/// <summary>The members of a document object that this version of the format does not define, kept as raw JSON.</summary>
/// <remarks>
/// Spec §2: a document that is read and written again loses nothing. Every model object that comes from a
/// JSON object carries the members the reader did not recognise, in document order, each as its name and its
/// raw JSON text, and the writer writes them back unchanged. The model itself never interprets them.
/// </remarks>
public sealed class ExtensionMembers : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<ExtensionMembers>
{
    private readonly ImmutableArray<KeyValuePair<string, string>> _members;

    private ExtensionMembers(ImmutableArray<KeyValuePair<string, string>> members) => _members = members;

    /// <summary>Gets the empty set of extension members.</summary>
    public static ExtensionMembers Empty { get; } = new(ImmutableArray<KeyValuePair<string, string>>.Empty);

    /// <summary>Gets the number of members.</summary>
    public int Count => _members.Length;

    /// <summary>Gets a value indicating whether there are no members.</summary>
    public bool IsEmpty => _members.IsEmpty;

    /// <summary>Gets the member at an index.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The member name and its raw JSON text.</returns>
    public KeyValuePair<string, string> this[int index] => _members[index];

    /// <summary>Creates a set of extension members.</summary>
    /// <param name="members">Pairs of member name and raw JSON value text, in document order.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> is null, or a name or value is null.</exception>
    /// <exception cref="ArgumentException">A name appears twice.</exception>
    public static ExtensionMembers Create(IEnumerable<KeyValuePair<string, string>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var list = members.ToImmutableArray();
        if (list.IsEmpty)
        {
            return Empty;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in list)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(members));
            ArgumentNullException.ThrowIfNull(value, nameof(members));
            if (!names.Add(name))
            {
                throw new ArgumentException($"The extension member '{name}' appears twice.", nameof(members));
            }
        }

        return new ExtensionMembers(list);
    }

    /// <summary>Gets the raw JSON of a member, if present.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="rawJson">The raw JSON text of its value.</param>
    /// <returns><see langword="true"/> when the member is present.</returns>
    public bool TryGetValue(string name, out string rawJson)
    {
        foreach (var (key, value) in _members)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                rawJson = value;
                return true;
            }
        }

        rawJson = string.Empty;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_members).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ExtensionMembers? other) =>
        other is not null && _members.AsSpan().SequenceEqual(other._members.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExtensionMembers);

    /// <inheritdoc/>
    public override int GetHashCode() => Internal.Seq.Hash(_members);
}
