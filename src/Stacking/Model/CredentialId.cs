using System.Collections.Immutable;

namespace Stacking.Model;

/// <summary>The identifier of a credential in a catalog.</summary>
/// <remarks>
/// An id is 1 to 256 characters long, contains no control characters and is not only white space
/// (spec §2). Ids are case-sensitive and compare ordinally: <c>"SQL-101"</c> and <c>"sql-101"</c> are
/// two credentials. The default value of the struct is not a valid id; use <see cref="Parse"/>,
/// <see cref="TryParse"/> or the constructor.
/// </remarks>
public readonly record struct CredentialId : IComparable<CredentialId>
{
    /// <summary>The longest id accepted, in Unicode characters (code points, as spec §2 and JSON Schema's <c>maxLength</c> count them).</summary>
    public const int MaxLength = 256;

    private readonly string? _value;

    /// <summary>Creates a credential id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the id rule of spec §2.</exception>
    public CredentialId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IdRules.Explain(value) is { } problem)
        {
            throw new ArgumentException($"Invalid credential id: {problem}", nameof(value));
        }

        _value = value;
    }

    /// <summary>Gets the id text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns <paramref name="id"/>, or throws when it is the default value, which is no id: the model's
    /// constructors and initialisers call it so that a document written from the model can always be read back.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    internal static CredentialId Checked(CredentialId id, string paramName) =>
        id._value is null ? throw new ArgumentException("The default CredentialId is not a credential id; create one from its text.", paramName) : id;

    /// <summary>Returns <paramref name="ids"/> (empty for a default array), or throws when one is the default value.</summary>
    /// <exception cref="ArgumentException">An element is the default value.</exception>
    internal static ImmutableArray<CredentialId> Checked(ImmutableArray<CredentialId> ids, string paramName)
    {
        if (ids.IsDefault)
        {
            return [];
        }

        foreach (var id in ids)
        {
            Checked(id, paramName);
        }

        return ids;
    }

    /// <summary>Parses a credential id.</summary>
    /// <param name="value">The id text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the id rule of spec §2.</exception>
    public static CredentialId Parse(string value) => new(value);

    /// <summary>Tries to parse a credential id.</summary>
    /// <param name="value">The id text.</param>
    /// <param name="id">The id, when the text is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid id.</returns>
    public static bool TryParse(string? value, out CredentialId id)
    {
        if (value is null || IdRules.Explain(value) is not null)
        {
            id = default;
            return false;
        }

        id = new CredentialId(value);
        return true;
    }

    /// <summary>Converts a string to a credential id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the id rule of spec §2.</exception>
    public static implicit operator CredentialId(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(CredentialId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public bool Equals(CredentialId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator <(CredentialId left, CredentialId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator <=(CredentialId left, CredentialId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator >(CredentialId left, CredentialId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator >=(CredentialId left, CredentialId right) => left.CompareTo(right) >= 0;
}
