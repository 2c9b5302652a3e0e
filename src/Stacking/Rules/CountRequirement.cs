namespace Stacking.Rules;

/// <summary>A pool satisfied by N distinct items that match a selector: <c>{"count": N, "from": S}</c>.</summary>
public sealed record CountRequirement : PoolRequirement
{
    /// <summary>Creates a count pool.</summary>
    /// <param name="count">How many distinct items are needed (spec: ≥ 1; validation reports others as STK004).</param>
    /// <param name="from">The selector.</param>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    public CountRequirement(int count, Selector from)
        : base(from) => Count = count;

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Count;

    /// <summary>Gets how many distinct items are needed.</summary>
    public int Count { get; init; }
}
