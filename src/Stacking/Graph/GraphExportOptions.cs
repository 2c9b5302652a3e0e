using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Graph;

/// <summary>What a Mermaid or DOT export of a <see cref="StackingGraph"/> shows and highlights.</summary>
/// <remarks>
/// With no options the whole graph is exported with nothing highlighted. <see cref="Target"/> highlights the target
/// and its pathway (everything it transitively depends on); <see cref="PathwayOnly"/> then leaves every other
/// credential out. <see cref="Learner"/> marks the credentials the learner holds (only holdings valid at
/// <see cref="AsOf"/> when it is set); <see cref="Plan"/> marks planned credentials and numbers the steps.
/// </remarks>
public sealed record GraphExportOptions
{
    private readonly ImmutableArray<CredentialId> _plan = ImmutableArray<CredentialId>.Empty;

    /// <summary>Gets the credential whose pathway is highlighted, if any.</summary>
    public CredentialId? Target { get; init; }

    /// <summary>Gets a value indicating whether only the target's pathway is exported (ignored without a <see cref="Target"/>).</summary>
    public bool PathwayOnly { get; init; }

    /// <summary>Gets the learner whose holdings are highlighted, if any.</summary>
    public LearnerRecord? Learner { get; init; }

    /// <summary>Gets the date at which holdings must be valid to be highlighted; null highlights every holding.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Gets the steps of a plan, in order, to highlight and number; empty for none.</summary>
    public ImmutableArray<CredentialId> Plan
    {
        get => _plan;
        init => _plan = value.IsDefault ? ImmutableArray<CredentialId>.Empty : value;
    }

    /// <summary>Gets a value indicating whether node labels show the credential's title after its id.</summary>
    public bool IncludeTitles { get; init; }
}
