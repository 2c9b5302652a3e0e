namespace Stacking.Planning;

/// <summary>What a planner's answer proves (spec §8).</summary>
public enum PlanStatus
{
    /// <summary>The plan is proven optimal: no plan has a smaller objective value.</summary>
    /// <remarks>Only the deterministic search gives it: it ran to its end, or to its node limit with its bound meeting the
    /// plan, without a time stop or a cancellation, so the same request returns the same plan (spec §8).</remarks>
    Optimal,

    /// <summary>A valid plan, but a budget, a cancellation or an undetermined eligibility check stopped the proof; <see cref="PlanResult.LowerBound"/> is proven.</summary>
    /// <remarks>The bound may equal the plan's value: then no plan is cheaper, but a time budget or a cancellation stopped
    /// the search, so which of several equally cheap plans this is may depend on timing.</remarks>
    Feasible,

    /// <summary>Proven: no plan exists; <see cref="PlanResult.InfeasibleReason"/> names the node that can never be met.</summary>
    Infeasible,

    /// <summary>No plan was found before a budget or a cancellation stopped the search, and infeasibility was not proven.</summary>
    Unknown,
}
