using System.Text.Json.Serialization;

namespace Stacking.Benchmarks.Reporting;

/// <summary>One case of <c>--planner-scale</c>: the question, and the runs that give its three figures.</summary>
public sealed record ScaleEntry
{
    /// <summary>generated, gt-202502 or neu-2025.</summary>
    [JsonPropertyName("group")]
    public required string Group { get; init; }

    [JsonPropertyName("case")]
    public required string Case { get; init; }

    /// <summary>Who plans: the empty record, or what the learner holds.</summary>
    [JsonPropertyName("learner")]
    public required string Learner { get; init; }

    /// <summary>Credentials in the target's cone (docs/planning.md, "Cone").</summary>
    [JsonPropertyName("candidates")]
    public int Candidates { get; init; }

    /// <summary>The run that first returned a plan on the node-budget ladder, or the last rung when none did.</summary>
    [JsonPropertyName("firstPlan")]
    public ScaleRun? FirstPlan { get; init; }

    /// <summary>The time cap of the proof, seconds.</summary>
    [JsonPropertyName("optimumCapSeconds")]
    public double OptimumCapSeconds { get; init; }

    /// <summary>The run that proved the optimum (the shortest time budget that did), or the run with the cap.</summary>
    [JsonPropertyName("optimum")]
    public ScaleRun? Optimum { get; init; }

    /// <summary>One run per fixed time budget (no node limit).</summary>
    [JsonPropertyName("budgets")]
    public IReadOnlyList<ScaleRun> Budgets { get; init; } = [];

    /// <summary>Why a figure is missing (e.g. the case's catalog was not found).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
