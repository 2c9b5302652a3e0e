using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// Batch eligibility on qualifications whose pools overlap: ours allocates each item once (§6), RulesEngine counts
/// it at every node. The timing is reported; the answers differ, and the runner counts how often.
/// </summary>
public class EligibilityOverlapBenchmarks : EligibilityBatchBenchmarks
{
    [ParamsSource(nameof(OverlapValues))]
    public double Overlap { get; set; }

    public static IEnumerable<double> OverlapValues() => [Cases.Overlaps[^1]];

    protected override EligibilityInstance LoadInstance() => Cases.Overlapping(Overlap);
}
