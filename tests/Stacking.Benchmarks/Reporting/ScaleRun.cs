using System.Text.Json.Serialization;
using Stacking.Planning;

namespace Stacking.Benchmarks.Reporting;

/// <summary>One planner call of the scale mode: its budgets, its one-shot wall time and what it answered.</summary>
public sealed record ScaleRun
{
    /// <summary>The node budget (<see cref="PlanRequestOptions.NodeLimit"/>).</summary>
    [JsonPropertyName("nodeLimit")]
    public long NodeLimit { get; init; }

    /// <summary>The time budget in milliseconds (<see cref="PlanRequestOptions.TimeLimit"/>).</summary>
    [JsonPropertyName("timeLimitMs")]
    public double TimeLimitMs { get; init; }

    /// <summary>Wall-clock time of the call (Stopwatch), milliseconds.</summary>
    [JsonPropertyName("wallMs")]
    public double WallMs { get; init; }

    /// <summary>optimal, feasible, infeasible, unknown, or error.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The plan's objective value (hours), or null without a plan.</summary>
    [JsonPropertyName("objective")]
    public decimal? Objective { get; init; }

    /// <summary>The proven lower bound, or null on an error or an infeasible answer.</summary>
    [JsonPropertyName("lowerBound")]
    public decimal? LowerBound { get; init; }

    /// <summary>(objective − lower bound) ÷ objective; 0 when proven optimal; null without a plan.</summary>
    [JsonPropertyName("gap")]
    public double? Gap => Objective is { } o && LowerBound is { } b ? (o == 0 ? 0 : (double)((o - b) / o)) : null;

    /// <summary>Search nodes explored.</summary>
    [JsonPropertyName("nodes")]
    public long Nodes { get; init; }

    /// <summary>Steps of the plan.</summary>
    [JsonPropertyName("steps")]
    public int Steps { get; init; }

    /// <summary>The exception, when the call threw or did not return in time.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>
    /// Null when this run was made; otherwise the run whose figures stand for it, because it would repeat that run:
    /// "shorter budget" (a shorter time budget already proved the optimum, and the search is deterministic, so a
    /// longer budget explores the same nodes and proves the same optimum), or "NodeLimit 0" (that run, which stops
    /// at the first search node, took more than 1.5 times this budget without a plan: the setup before the first
    /// node alone exceeds the budget, so the first node's budget check stops this run at the same point), or
    /// "NodeLimit N" (a first-plan run with the same time budget that stopped on time, before its node budget: the run
    /// without a node budget is the same run).
    /// </summary>
    [JsonPropertyName("sameAs")]
    public string? SameAs { get; init; }

    /// <summary>True when the answer holds a plan.</summary>
    [JsonIgnore]
    public bool HasPlan => Objective is not null;

    /// <summary>True when the answer is a proven optimum.</summary>
    [JsonIgnore]
    public bool Optimal => Status == "optimal";
}
