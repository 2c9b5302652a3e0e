using System.Collections.Immutable;
using Stacking.Internal;
using Stacking.Model;

namespace Stacking.Rules;

/// <summary>Which credentials a pool may draw from: every member that is set must match (logical AND).</summary>
/// <remarks>
/// <para>Spec §3: <see cref="Ids"/> (one of these, or equivalent to one), <see cref="Tag"/>, <see cref="Kind"/>,
/// <see cref="Issuer"/> (exact, case-sensitive), <see cref="MinLevel"/>, <see cref="Skill"/> (shows it at any
/// level), <see cref="Except"/> (never these, nor their equivalents), <see cref="Any"/> (every credential).
/// A selector must select by at least one of ids, tag, kind, issuer, minLevel, skill or any
/// (<see cref="SelectsBySomething"/>); validation reports one that does not (STK005).</para>
/// <para>An empty <see cref="Ids"/> or <see cref="Except"/> means the member is absent.</para>
/// </remarks>
public sealed record Selector
{
    private readonly ImmutableArray<CredentialId> _ids = ImmutableArray<CredentialId>.Empty;
    private readonly ImmutableArray<CredentialId> _except = ImmutableArray<CredentialId>.Empty;
    private readonly ExtensionMembers _extensions = ExtensionMembers.Empty;
    private readonly SkillId? _skill;

    /// <summary>Gets the credentials that match (with their equivalents); empty when not selecting by id.</summary>
    /// <exception cref="ArgumentException">On init: an element is the default <see cref="CredentialId"/>, which is no id.</exception>
    public ImmutableArray<CredentialId> Ids
    {
        get => _ids;
        init => _ids = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets the tag a credential must have, if any.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the kind a credential must have, if any.</summary>
    public string? Kind { get; init; }

    /// <summary>Gets the issuer a credential must have, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>Gets the least level a credential must have, if any (a credential without a level does not match).</summary>
    public int? MinLevel { get; init; }

    /// <summary>Gets a skill the credential must show at any level, if any.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="SkillId"/>, which is no id.</exception>
    public SkillId? Skill
    {
        get => _skill;
        init => _skill = value is { } skill ? SkillId.Checked(skill, nameof(value)) : (SkillId?)null;
    }

    /// <summary>Gets the credentials that never match, with their equivalents.</summary>
    /// <exception cref="ArgumentException">On init: an element is the default <see cref="CredentialId"/>, which is no id.</exception>
    public ImmutableArray<CredentialId> Except
    {
        get => _except;
        init => _except = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets a value indicating whether the selector matches every credential (subject to the other members).</summary>
    public bool Any { get; init; }

    /// <summary>Gets the members of the JSON object this selector was read from that the format does not define.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public ExtensionMembers Extensions
    {
        get => _extensions;
        init => _extensions = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets a value indicating whether the selector selects by at least one criterion (spec §3).</summary>
    public bool SelectsBySomething =>
        !_ids.IsEmpty || Tag is not null || Kind is not null || Issuer is not null || MinLevel is not null || Skill is not null || Any;

    /// <inheritdoc/>
    public bool Equals(Selector? other) =>
        other is not null
        && Seq.Equal(_ids, other._ids)
        && string.Equals(Tag, other.Tag, StringComparison.Ordinal)
        && string.Equals(Kind, other.Kind, StringComparison.Ordinal)
        && string.Equals(Issuer, other.Issuer, StringComparison.Ordinal)
        && MinLevel == other.MinLevel
        && Nullable.Equals(Skill, other.Skill)
        && Seq.Equal(_except, other._except)
        && Any == other.Any
        && _extensions.Equals(other._extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Seq.Hash(_ids), Tag, Kind, Issuer, MinLevel, Skill, Seq.Hash(_except), Any);

    /// <summary>Returns the selector as the catalog format writes it, in compact JSON, such as <c>{"tag":"data-elective"}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Serialization.Internal.DocumentWriter.Text(this);
}
