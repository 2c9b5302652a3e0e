namespace Stacking.Rules;

/// <summary>A pool satisfied when the hours of distinct matching items add up to X: <c>{"hours": X, "from": S}</c>.</summary>
/// <remarks>Items are never split: an item counts whole towards one node (spec §6).</remarks>
public sealed record HoursRequirement : PoolRequirement
{
    /// <summary>Creates an hours pool.</summary>
    /// <param name="hours">The hours needed (spec: &gt; 0; validation reports others as STK004).</param>
    /// <param name="from">The selector.</param>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    public HoursRequirement(decimal hours, Selector from)
        : base(from) => Hours = hours;

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Hours;

    /// <summary>Gets the hours needed.</summary>
    public decimal Hours { get; init; }
}
