using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Eligibility;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// Batch eligibility of 1 000 learners on a disjoint-pool qualification: ours (prepared learners), RulesEngine
/// (facts prepared once per learner, the same work), and the bitset floor. Figures are per learner.
/// </summary>
[MemoryDiagnoser]
public class EligibilityDisjointBenchmarks
{
    private EligibilityInstance _instance = null!;
    private RulesEngineEncoding _rules = null!;
    private RulesEngineFacts[] _facts = null!;
    private BitsetFloor _floor = null!;
    private ulong[][] _bits = null!;
    private bool[] _scratch = null!;
    private EligibilityEvaluator _evaluator = null!;
    private PreparedLearner[] _prepared = null!;

    [ParamsSource(nameof(NodeCounts))]
    public int Nodes { get; set; }

    public static IEnumerable<int> NodeCounts() => Cases.DisjointNodes;

    [GlobalSetup]
    public void Setup()
    {
        _instance = Cases.Disjoint(Nodes);
        _rules = new RulesEngineEncoding(_instance.Catalog, [_instance.Qualification]);
        _facts = [.. _instance.Learners.Select(l => _rules.Facts(l, _instance.AsOf))];
        _floor = new BitsetFloor(_instance.Catalog, _instance.Requirement);
        _bits = [.. _instance.Learners.Select(l => _floor.Bits(l, _instance.Catalog, _instance.AsOf))];
        _scratch = new bool[_floor.NodeCount];
        _evaluator = new EligibilityEvaluator(_instance.Catalog);
        _prepared = [.. _instance.Learners.Select(l => _evaluator.Prepare(l, _instance.AsOf))];
    }

    /// <summary>Ours on prepared learners: the batch hot path (goal: 0 bytes per learner).</summary>
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

    /// <summary>Ours from the learner record: Prepare (items at T) then Check, per learner.</summary>
    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int OursPrepareAndCheck()
    {
        var eligible = 0;
        var target = _instance.Qualification;
        foreach (var learner in _instance.Learners)
        {
            if (_evaluator.Check(target, _evaluator.Prepare(learner, _instance.AsOf)) == EligibilityStatus.Eligible)
            {
                eligible++;
            }
        }

        return eligible;
    }

    /// <summary>RulesEngine 6: one lambda rule, executed per learner on its prepared facts.</summary>
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

    /// <summary>The floor: popcounts over a flat program on per-learner bitsets.</summary>
    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int BitsetFloor()
    {
        var eligible = 0;
        foreach (var bits in _bits)
        {
            if (_floor.Evaluate(bits, _scratch))
            {
                eligible++;
            }
        }

        return eligible;
    }
}
