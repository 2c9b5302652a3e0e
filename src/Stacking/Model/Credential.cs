using System.Collections.Immutable;
using Stacking.Internal;
using Stacking.Rules;

namespace Stacking.Model;

/// <summary>Something a learner can hold: a badge, microcredential, course, certificate, diploma, degree or licence.</summary>
/// <remarks>
/// <para>Every attribute of spec §2. A credential whose <see cref="Requires"/> names other credentials is a
/// qualification awarded by stacking; there is no separate type.</para>
/// <para>The model holds what a document says, including values that break the rules of spec §2 and §3
/// (a negative cost, a level of 9): those are reported by validation (STK004), not rejected here, so that a
/// whole catalog can be checked at once. Only <see langword="null"/> is rejected.</para>
/// <para>Instances are immutable and compare by value; use <c>with</c> to derive a changed copy.</para>
/// </remarks>
public sealed record Credential
{
    private readonly ImmutableArray<string> _tags = ImmutableArray<string>.Empty;
    private readonly ImmutableSortedDictionary<SkillId, int> _skills = ImmutableSortedDictionary<SkillId, int>.Empty;
    private readonly ImmutableArray<CredentialId> _equivalentTo = ImmutableArray<CredentialId>.Empty;
    private readonly ExtensionMembers _extensions = ExtensionMembers.Empty;
    private readonly CredentialId _id;

    /// <summary>Creates a credential with an id and default attributes.</summary>
    /// <param name="id">The credential id.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default <see cref="CredentialId"/>, which is no id.</exception>
    public Credential(CredentialId id) => _id = CredentialId.Checked(id, nameof(id));

    /// <summary>Gets the id, unique within the catalog.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialId Id
    {
        get => _id;
        init => _id = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets the title, if any.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the kind (free text: badge, microcredential, course, certificate, diploma, degree, licence...).</summary>
    /// <remarks>Selectors compare it exactly (case-sensitive).</remarks>
    public string? Kind { get; init; }

    /// <summary>Gets the issuer, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>Gets the effort to earn the credential once its requirement holds, in hours (default 0: a pure stacked award).</summary>
    public decimal Hours { get; init; }

    /// <summary>Gets the credit value (ECTS, credit hours...), default 0.</summary>
    public decimal Credits { get; init; }

    /// <summary>Gets the price in the catalog's currency, default 0.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets the EQF-style level 1–8, if any.</summary>
    public int? Level { get; init; }

    /// <summary>Gets the tags, compared exactly by selectors.</summary>
    /// <exception cref="ArgumentException">On init: a tag is null.</exception>
    public ImmutableArray<string> Tags
    {
        get => _tags;
        init => _tags = CheckNoNulls(value.OrEmpty(), nameof(Tags));
    }

    /// <summary>Gets the skills the credential shows, each with its level (≥ 1).</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    /// <exception cref="ArgumentException">On init: a key is the default <see cref="SkillId"/>, which is no id.</exception>
    public IReadOnlyDictionary<SkillId, int> Skills
    {
        get => _skills;
        init => _skills = (value ?? throw new ArgumentNullException(nameof(value))).ToImmutableSortedDictionary(p => SkillId.Checked(p.Key, nameof(value)), p => p.Value);
    }

    /// <summary>Gets how long a holding stays valid after it was earned, if it expires.</summary>
    public Period? ValidFor { get; init; }

    /// <summary>Gets the credentials this one is declared equivalent to (spec §5: symmetric and transitive).</summary>
    /// <exception cref="ArgumentException">On init: an element is the default <see cref="CredentialId"/>, which is no id.</exception>
    public ImmutableArray<CredentialId> EquivalentTo
    {
        get => _equivalentTo;
        init => _equivalentTo = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets the requirement that must hold before the credential can be earned or awarded, if any.</summary>
    public Requirement? Requires { get; init; }

    /// <summary>Gets the members of the JSON object this credential was read from that the format does not define.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public ExtensionMembers Extensions
    {
        get => _extensions;
        init => _extensions = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets the level at which the credential shows a skill, or 0 when it does not.</summary>
    /// <param name="skill">The skill.</param>
    /// <returns>The level, or 0.</returns>
    public int SkillLevel(SkillId skill) => _skills.TryGetValue(skill, out var level) ? level : 0;

    /// <summary>Gets a value indicating whether the credential has a tag (exact comparison).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when the tag is present.</returns>
    public bool HasTag(string tag) => _tags.Contains(tag, StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(Credential? other) =>
        other is not null
        && Id.Equals(other.Id)
        && string.Equals(Title, other.Title, StringComparison.Ordinal)
        && string.Equals(Kind, other.Kind, StringComparison.Ordinal)
        && string.Equals(Issuer, other.Issuer, StringComparison.Ordinal)
        && Hours == other.Hours
        && Credits == other.Credits
        && Cost == other.Cost
        && Level == other.Level
        && Seq.Equal(_tags, other._tags)
        && Seq.Equal(Skills, other.Skills)
        && Nullable.Equals(ValidFor, other.ValidFor)
        && Seq.Equal(_equivalentTo, other._equivalentTo)
        && Equals(Requires, other.Requires)
        && _extensions.Equals(other._extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Title, Hours, Credits, Cost, Seq.Hash(_tags), Requires);

    private static ImmutableArray<string> CheckNoNulls(ImmutableArray<string> values, string name)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                throw new ArgumentException("Tags must not be null.", name);
            }
        }

        return values;
    }

    /// <summary>Returns the credential as the catalog format writes it, in compact JSON, such as <c>{"id":"sql","hours":60,"cost":450}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Serialization.Internal.DocumentWriter.Text(this);
}
