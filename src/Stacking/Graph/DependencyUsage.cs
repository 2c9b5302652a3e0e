namespace Stacking.Graph;

/// <summary>How a requirement can use a credential: the label of a <see cref="DependencyEdge"/>.</summary>
/// <remarks>Declared from the strongest to the weakest: where one credential is used in several ways by one
/// requirement, the graph keeps the strongest.</remarks>
public enum DependencyUsage
{
    /// <summary>A credential leaf that every way of satisfying the requirement needs (no <c>anyOf</c> or partial <c>atLeast</c> above it).</summary>
    Required,

    /// <summary>A credential leaf below an <c>anyOf</c>, or below an <c>atLeast</c> of fewer than all its children: one of alternatives.</summary>
    Alternative,

    /// <summary>A credential a <c>count</c>, <c>credits</c> or <c>hours</c> selector matches and that can add to it.</summary>
    PoolMember,

    /// <summary>A credential that shows a skill a <c>skill</c> node asks for, at the level it asks for.</summary>
    SkillSource,
}
