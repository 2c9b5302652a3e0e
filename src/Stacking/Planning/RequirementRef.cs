namespace Stacking.Planning;

/// <summary>Names one requirement node: of a credential's requirement, or of the planning goal.</summary>
/// <param name="Credential">The credential whose requirement holds the node, or null for the goal.</param>
/// <param name="Path">The node path: <c>requires.allOf[1].of[0]</c> in a credential, <c>goal.allOf[0]</c> in the goal.</param>
public sealed record RequirementRef(Stacking.Model.CredentialId? Credential, string Path)
{
    /// <inheritdoc/>
    public override string ToString() => Credential is { } id ? $"{id}: {Path}" : Path;
}
