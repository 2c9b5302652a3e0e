using System.Collections.Immutable;

namespace Stacking.Planning;

/// <summary>A planner's answer (spec §8): the status, the steps in order, their totals and the proven lower bound.</summary>
/// <remarks>Immutable.</remarks>
public sealed class PlanResult
{
    internal PlanResult(
        PlanStatus status,
        PlanObjective objective,
        ImmutableArray<PlanStep> steps,
        decimal lowerBound,
        string? infeasibleReason,
        RequirementRef? blockingNode,
        long nodesExplored)
    {
        Status = status;
        Objective = objective;
        Steps = steps;
        Hours = steps.Sum(s => s.Hours);
        Cost = steps.Sum(s => s.Cost);
        Credits = steps.Sum(s => s.Credits);
        ObjectiveValue = steps.Sum(s => objective.ValueOf(s.Hours, s.Cost));
        LowerBound = lowerBound;
        InfeasibleReason = infeasibleReason;
        BlockingNode = blockingNode;
        NodesExplored = nodesExplored;
        Stages = steps.IsEmpty ? 0 : steps.Max(s => s.Stage) + 1;
    }

    /// <summary>Gets what the answer proves.</summary>
    public PlanStatus Status { get; }

    /// <summary>Gets a value indicating whether the answer has a plan (<see cref="PlanStatus.Optimal"/> or <see cref="PlanStatus.Feasible"/>).</summary>
    public bool HasPlan => Status is PlanStatus.Optimal or PlanStatus.Feasible;

    /// <summary>Gets the objective the plan minimises.</summary>
    public PlanObjective Objective { get; }

    /// <summary>Gets the steps in an order where each is eligible when taken; empty when the goal already holds or there is no plan.</summary>
    public ImmutableArray<PlanStep> Steps { get; }

    /// <summary>Gets the total hours of the steps.</summary>
    public decimal Hours { get; }

    /// <summary>Gets the total cost of the steps.</summary>
    public decimal Cost { get; }

    /// <summary>Gets the total credits of the steps.</summary>
    public decimal Credits { get; }

    /// <summary>Gets the plan's objective value: Σ over steps of <c>wHours × hours + wCost × cost</c>.</summary>
    public decimal ObjectiveValue { get; }

    /// <summary>Gets a proven lower bound on the objective value of every plan.</summary>
    /// <remarks>Equal to <see cref="ObjectiveValue"/> when <see cref="Status"/> is <see cref="PlanStatus.Optimal"/>;
    /// <see cref="decimal.MaxValue"/> when it is <see cref="PlanStatus.Infeasible"/> (no plan exists). A
    /// <see cref="PlanStatus.Feasible"/> answer may have it equal to <see cref="ObjectiveValue"/> too: a time budget or a
    /// cancellation stopped the search after the bound met the plan, so no plan is cheaper, but which of several equally
    /// cheap plans it is depended on where the search stopped (an unbudgeted run may return another).</remarks>
    public decimal LowerBound { get; }

    /// <summary>Gets, for an infeasible goal, why: the node that can never be met, in words.</summary>
    public string? InfeasibleReason { get; }

    /// <summary>Gets, for an infeasible goal, the node that can never be met.</summary>
    public RequirementRef? BlockingNode { get; }

    /// <summary>Gets the number of search nodes the answer took.</summary>
    public long NodesExplored { get; }

    /// <summary>Gets the number of stages of the plan: its critical path (see <see cref="PlanStep.Stage"/>).</summary>
    public int Stages { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Status}: {ObjectiveValue} ({string.Join(", ", Steps.Select(s => s.Credential.Value))})";
}
