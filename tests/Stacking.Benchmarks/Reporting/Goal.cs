namespace Stacking.Benchmarks.Reporting;

/// <summary>One goal of issue 7 and whether this run met it, with the measured figure.</summary>
public sealed record Goal(string Name, bool? Met, string Measured);
