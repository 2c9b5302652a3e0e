namespace Stacking.Model;

/// <summary>Waives a node of a credential's requirement, or the whole requirement: <c>{"waive": {"credential": Q, "node": N}}</c> (spec §5).</summary>
/// <remarks>
/// A waived node is satisfied without using any item. Without <see cref="Node"/> the whole requirement of
/// <see cref="Credential"/> is waived: it is eligible, though a plan still earns it.
/// </remarks>
public sealed record Waiver : AdvisorException
{
    private readonly CredentialId _credential;

    /// <summary>Creates a waiver.</summary>
    /// <param name="credential">Q, whose requirement is waived.</param>
    /// <param name="node">The <c>id</c> of the node waived, or null for the whole requirement.</param>
    /// <param name="reason">Why, if recorded.</param>
    /// <exception cref="ArgumentException"><paramref name="credential"/> is the default <see cref="CredentialId"/>, which is no id.</exception>
    public Waiver(CredentialId credential, string? node = null, string? reason = null)
        : base(reason)
    {
        _credential = CredentialId.Checked(credential, nameof(credential));
        Node = node;
    }

    /// <summary>Gets Q, whose requirement is waived.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialId Credential
    {
        get => _credential;
        init => _credential = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets the <c>id</c> of the node waived, or null for the whole requirement.</summary>
    public string? Node { get; init; }

    /// <summary>Returns the waiver as the learner format writes it, in compact JSON, such as <c>{"waive":{"credential":"data-cert","node":"capstone"}}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Serialization.Internal.DocumentWriter.Text(this);
}
