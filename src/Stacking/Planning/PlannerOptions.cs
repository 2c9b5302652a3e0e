namespace Stacking.Planning;

/// <summary>Settings of a <see cref="Planner"/> that hold for every request.</summary>
public sealed class PlannerOptions
{
    /// <summary>The default <see cref="DefaultNodeLimit"/>: 200 000 search nodes.</summary>
    public const long StandardNodeLimit = 200_000;

    /// <summary>Gets the default <see cref="DefaultMaxParetoPoints"/>: 32.</summary>
    public const int StandardMaxParetoPoints = 32;

    /// <summary>Gets the node budget of a request that sets none (default <see cref="StandardNodeLimit"/>).</summary>
    /// <remarks>A search node is one set of chosen steps examined by branch and bound.</remarks>
    public long DefaultNodeLimit { get; init; } = StandardNodeLimit;

    /// <summary>Gets the time budget of a request that sets none; null (the default) means no time limit.</summary>
    /// <remarks>It means what <see cref="PlanRequestOptions.TimeLimit"/> means: the search stops a reserve before it (5%,
    /// at most 25 ms) so that the answer is returned within it, except for work that does not poll the clock.</remarks>
    public TimeSpan? DefaultTimeLimit { get; init; }

    /// <summary>Gets the most points a Pareto front returns (default <see cref="StandardMaxParetoPoints"/>).</summary>
    public int DefaultMaxParetoPoints { get; init; } = StandardMaxParetoPoints;
}
