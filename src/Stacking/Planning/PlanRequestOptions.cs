using Stacking.Internal;

namespace Stacking.Planning;

/// <summary>Settings of one planning request.</summary>
public sealed class PlanRequestOptions
{
    private readonly long? _nodeLimit;
    private readonly TimeSpan? _timeLimit;
    private readonly int? _maxParetoPoints;
    private readonly PlanObjective _objective = PlanObjective.Hours;

    /// <summary>Gets the objective (default <see cref="PlanObjective.Hours"/>).</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public PlanObjective Objective
    {
        get => _objective;
        init => _objective = Checked.NotNull(value, nameof(value));
    }

    /// <summary>Gets the node budget; null uses <see cref="PlannerOptions.DefaultNodeLimit"/>.</summary>
    /// <remarks>When it runs out the answer is <see cref="PlanStatus.Feasible"/> (or <see cref="PlanStatus.Unknown"/>) with a
    /// proven lower bound. 0 examines no search node: the answer is the constructed plan with the root's bound.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is negative.</exception>
    public long? NodeLimit
    {
        get => _nodeLimit;
        init => _nodeLimit = value is { } limit ? Checked.NotNegative(limit, nameof(value)) : null;
    }

    /// <summary>Gets the time budget; null uses <see cref="PlannerOptions.DefaultTimeLimit"/>.</summary>
    /// <remarks>Elapsed time is measured with a monotonic stopwatch, never the wall clock, from the call of
    /// <c>Plan</c>/<c>PlanAll</c>/<c>PlanGoal</c>, so the request's setup counts. The search stops a reserve before the
    /// budget (5% of it, at most 25 ms) and the reserve pays for what follows the stop (unwinding, the final bound, the
    /// plan's assembly), so the answer is normally returned within the budget. The bound is not hard: work that does not
    /// poll the clock (one oracle question, one search node, which on very large cones whose credentials are items of
    /// each other's pools can take seconds, and the request's setup) runs to its end first; building the bounds and the root bound poll it. A time budget may change a
    /// <see cref="PlanStatus.Feasible"/> answer from run to run, never an <see cref="PlanStatus.Optimal"/> one: a run the
    /// time budget stopped is <see cref="PlanStatus.Feasible"/> or <see cref="PlanStatus.Unknown"/> with a proven lower
    /// bound, never <see cref="PlanStatus.Optimal"/>, even when that bound meets the plan (then the lower bound equals
    /// the plan's value). For the Pareto front the budget applies to each of its solves, without the reserve. A budget
    /// of zero stops at the first poll.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is negative.</exception>
    public TimeSpan? TimeLimit
    {
        get => _timeLimit;
        init => _timeLimit = value is { } limit ? Checked.NotNegative(limit, nameof(value)) : null;
    }

    /// <summary>Gets the most points a Pareto front returns; null uses <see cref="PlannerOptions.DefaultMaxParetoPoints"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1.</exception>
    public int? MaxParetoPoints
    {
        get => _maxParetoPoints;
        init => _maxParetoPoints = value is { } points ? Checked.Positive(points, nameof(value)) : null;
    }
}
