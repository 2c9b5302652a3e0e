namespace Stacking.Planning;

/// <summary>A side constraint of a search: Σ weights over the plan below (or at most) a limit; used by the Pareto front.</summary>
internal sealed class SearchConstraint(decimal[] weights, decimal limit, bool strict)
{
    public decimal[] Weights { get; } = weights;

    public LowerBounds? Bounds { get; set; }

    public bool Violated(decimal least) => strict ? least >= limit : least > limit;
}
