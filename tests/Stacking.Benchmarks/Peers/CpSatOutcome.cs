namespace Stacking.Benchmarks.Peers;

/// <summary>What one CP-SAT solve answered: status, objective and proven bound in the library's units, wall time.</summary>
public sealed record CpSatOutcome(string Status, decimal? Objective, decimal? Bound, TimeSpan Wall);
