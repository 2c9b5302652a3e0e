using Stacking.Model;

namespace Stacking.Rules;

/// <summary>A leaf satisfied by one item of a credential's equivalence class: <c>{"credential": ID}</c>.</summary>
/// <remarks>The item must meet <see cref="ConsumingRequirement.MinScore"/> and <see cref="ConsumingRequirement.Within"/>; it is consumed (spec §6).</remarks>
public sealed record CredentialRequirement : ConsumingRequirement
{
    /// <summary>Creates a credential leaf.</summary>
    /// <param name="credential">The credential required.</param>
    public CredentialRequirement(CredentialId credential) => Credential = credential;

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Credential;

    /// <summary>Gets the credential required (any member of its equivalence class will do).</summary>
    public CredentialId Credential { get; init; }
}
