using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Eligibility;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// Batch eligibility on qualifications whose pools overlap: ours allocates each item once (§6), RulesEngine counts
/// it at every node. The timing is reported; the answers differ, and the runner counts how often.
/// </summary>
[MemoryDiagnoser]
public class EligibilityOverlapBenchmarks
{
    private EligibilityInstance _instance = null!;
    private RulesEngineEncoding _rules = null!;
    private RulesEngineFacts[] _facts = null!;
    private EligibilityEvaluator _evaluator = null!;
    private PreparedLearner[] _prepared = null!;

    [ParamsSource(nameof(OverlapValues))]
    public double Overlap { get; set; }

    public static IEnumerable<double> OverlapValues() => [Cases.Overlaps[^1]];

    [GlobalSetup]
    public void Setup()
    {
        _instance = Cases.Overlapping(Overlap);
        _rules = new RulesEngineEncoding(_instance.Catalog, [_instance.Qualification]);
        _facts = [.. _instance.Learners.Select(l => _rules.Facts(l, _instance.AsOf))];
        _evaluator = new EligibilityEvaluator(_instance.Catalog);
        _prepared = [.. _instance.Learners.Select(l => _evaluator.Prepare(l, _instance.AsOf))];
    }

    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int Ours()
    {
        var eligible = 0;
        var target = _instance.Qualification;
        foreach (var learner in _prepared)
        {
            if (_evaluator.Check(target, learner) == EligibilityStatus.Eligible)
            {
                eligible++;
            }
        }

        return eligible;
    }

    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int RulesEngine()
    {
        var eligible = 0;
        foreach (var facts in _facts)
        {
            if (_rules.IsEligible(facts))
            {
                eligible++;
            }
        }

        return eligible;
    }
}
