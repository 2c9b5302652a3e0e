namespace Stacking.Rules;

/// <summary>A pool satisfied when the credits of distinct matching items add up to X: <c>{"credits": X, "from": S}</c>.</summary>
/// <remarks>Items are never split: an item counts whole towards one node (spec §6).</remarks>
public sealed record CreditsRequirement : PoolRequirement
{
    /// <summary>Creates a credits pool.</summary>
    /// <param name="credits">The credits needed (spec: &gt; 0; validation reports others as STK004).</param>
    /// <param name="from">The selector.</param>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    public CreditsRequirement(decimal credits, Selector from)
        : base(from) => Credits = credits;

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Credits;

    /// <summary>Gets the credits needed.</summary>
    public decimal Credits { get; init; }
}
