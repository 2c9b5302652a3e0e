namespace Stacking.Planning;

/// <summary>Settings of one planning request.</summary>
public sealed class PlanRequestOptions
{
    /// <summary>Gets the objective (default <see cref="PlanObjective.Hours"/>).</summary>
    public PlanObjective Objective { get; init; } = PlanObjective.Hours;

    /// <summary>Gets the node budget; null uses <see cref="PlannerOptions.DefaultNodeLimit"/>.</summary>
    /// <remarks>When it runs out the answer is <see cref="PlanStatus.Feasible"/> (or <see cref="PlanStatus.Unknown"/>) with a proven lower bound.</remarks>
    public long? NodeLimit { get; init; }

    /// <summary>Gets the time budget; null uses <see cref="PlannerOptions.DefaultTimeLimit"/>.</summary>
    /// <remarks>Elapsed time is measured with a monotonic stopwatch, never the wall clock. A time budget may change a
    /// <see cref="PlanStatus.Feasible"/> answer from run to run, never the value of an <see cref="PlanStatus.Optimal"/> one.</remarks>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Gets the most points a Pareto front returns; null uses <see cref="PlannerOptions.DefaultMaxParetoPoints"/>.</summary>
    public int? MaxParetoPoints { get; init; }
}
