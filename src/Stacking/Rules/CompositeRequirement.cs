using System.Collections.Immutable;
using Stacking.Internal;

namespace Stacking.Rules;

/// <summary>A node that combines child nodes: allOf, anyOf or atLeast.</summary>
public abstract record CompositeRequirement : Requirement
{
    private readonly ImmutableArray<Requirement> _children;

    private protected CompositeRequirement(IEnumerable<Requirement> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        _children = Seq.ToImmutableChecked(children, nameof(children));
    }

    /// <inheritdoc/>
    public override ImmutableArray<Requirement> Children => _children;

    /// <inheritdoc/>
    public virtual bool Equals(CompositeRequirement? other) =>
        other is not null && base.Equals(other) && Seq.Equal(_children, other._children);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Seq.Hash(_children));
}
