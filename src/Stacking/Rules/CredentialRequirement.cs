using Stacking.Model;

namespace Stacking.Rules;

/// <summary>A leaf satisfied by one item of a credential's equivalence class: <c>{"credential": ID}</c>.</summary>
/// <remarks>The item must meet <see cref="ConsumingRequirement.MinScore"/> and <see cref="ConsumingRequirement.Within"/>; it is consumed (spec §6).</remarks>
public sealed record CredentialRequirement : ConsumingRequirement
{
    private readonly CredentialId _credential;

    /// <summary>Creates a credential leaf.</summary>
    /// <param name="credential">The credential required.</param>
    /// <exception cref="ArgumentException"><paramref name="credential"/> is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialRequirement(CredentialId credential) => _credential = CredentialId.Checked(credential, nameof(credential));

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Credential;

    /// <summary>Gets the credential required (any member of its equivalence class will do).</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialId Credential
    {
        get => _credential;
        init => _credential = CredentialId.Checked(value, nameof(value));
    }
}
