namespace Stacking.Planning;

/// <summary>What a search proved.</summary>
internal sealed record SearchOutcome(PlanStatus Status, BitSet? Plan, decimal LowerBound, string? Reason, RequirementRef? Blocking);
