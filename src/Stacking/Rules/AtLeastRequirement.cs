namespace Stacking.Rules;

/// <summary>A node satisfied when at least N children are: <c>{"atLeast": N, "of": [...]}</c>.</summary>
public sealed record AtLeastRequirement : CompositeRequirement
{
    /// <summary>Creates the node.</summary>
    /// <param name="count">How many children must hold (spec: 1 ≤ N ≤ children; validation reports others as STK004).</param>
    /// <param name="children">The children.</param>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public AtLeastRequirement(int count, IEnumerable<Requirement> children)
        : base(children) => Count = count;

    /// <summary>Creates the node.</summary>
    /// <param name="count">How many children must hold.</param>
    /// <param name="children">The children.</param>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public AtLeastRequirement(int count, params Requirement[] children)
        : base(children) => Count = count;

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.AtLeast;

    /// <summary>Gets how many children must hold.</summary>
    public int Count { get; init; }
}
