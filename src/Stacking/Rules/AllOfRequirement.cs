namespace Stacking.Rules;

/// <summary>A node satisfied when every child is: <c>{"allOf": [...]}</c>.</summary>
public sealed record AllOfRequirement : CompositeRequirement
{
    /// <summary>Creates the node.</summary>
    /// <param name="children">The children (spec: never empty; validation reports an empty list as STK005).</param>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public AllOfRequirement(IEnumerable<Requirement> children)
        : base(children)
    {
    }

    /// <summary>Creates the node.</summary>
    /// <param name="children">The children.</param>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public AllOfRequirement(params Requirement[] children)
        : base(children)
    {
    }

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.AllOf;
}
