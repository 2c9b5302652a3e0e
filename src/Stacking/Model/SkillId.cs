namespace Stacking.Model;

/// <summary>The identifier of a skill.</summary>
/// <remarks>
/// An id is 1 to 256 characters long, contains no control characters and is not only white space
/// (spec §2). Ids are case-sensitive and compare ordinally: <c>"SQL-101"</c> and <c>"sql-101"</c> are
/// two skills. The default value of the struct is not a valid id; use <see cref="Parse"/>,
/// <see cref="TryParse"/> or the constructor.
/// </remarks>
public readonly record struct SkillId : IComparable<SkillId>
{
    /// <summary>The longest id accepted, in Unicode characters (code points, as spec §2 and JSON Schema's <c>maxLength</c> count them).</summary>
    public const int MaxLength = 256;

    private readonly string? _value;

    /// <summary>Creates a skill id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the id rule of spec §2.</exception>
    public SkillId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IdRules.Explain(value) is { } problem)
        {
            throw new ArgumentException($"Invalid skill id: {problem}", nameof(value));
        }

        _value = value;
    }

    /// <summary>Gets the id text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns <paramref name="id"/>, or throws when it is the default value, which is no id (see
    /// <see cref="CredentialId.Checked(CredentialId, string)"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    internal static SkillId Checked(SkillId id, string paramName) =>
        id._value is null ? throw new ArgumentException("The default SkillId is not a skill id; create one from its text.", paramName) : id;

    /// <summary>Parses a skill id.</summary>
    /// <param name="value">The id text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the id rule of spec §2.</exception>
    public static SkillId Parse(string value) => new(value);

    /// <summary>Tries to parse a skill id.</summary>
    /// <param name="value">The id text.</param>
    /// <param name="id">The id, when the text is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid id.</returns>
    public static bool TryParse(string? value, out SkillId id)
    {
        if (value is null || IdRules.Explain(value) is not null)
        {
            id = default;
            return false;
        }

        id = new SkillId(value);
        return true;
    }

    /// <summary>Converts a string to a skill id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the id rule of spec §2.</exception>
    public static implicit operator SkillId(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(SkillId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public bool Equals(SkillId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator <(SkillId left, SkillId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator <=(SkillId left, SkillId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator >(SkillId left, SkillId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two ids ordinally.</summary>
    public static bool operator >=(SkillId left, SkillId right) => left.CompareTo(right) >= 0;
}
