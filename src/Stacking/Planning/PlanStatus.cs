namespace Stacking.Planning;

/// <summary>What a planner's answer proves (spec §8).</summary>
public enum PlanStatus
{
    /// <summary>The plan is proven optimal: no plan has a smaller objective value.</summary>
    Optimal,

    /// <summary>A valid plan, but a budget, a cancellation or an undetermined eligibility check stopped the proof; <see cref="PlanResult.LowerBound"/> is proven.</summary>
    Feasible,

    /// <summary>Proven: no plan exists; <see cref="PlanResult.InfeasibleReason"/> names the node that can never be met.</summary>
    Infeasible,

    /// <summary>No plan was found before a budget or a cancellation stopped the search, and infeasibility was not proven.</summary>
    Unknown,
}
