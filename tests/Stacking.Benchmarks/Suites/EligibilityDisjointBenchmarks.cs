using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Eligibility;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// Batch eligibility of 1 000 learners on a disjoint-pool qualification: ours (prepared learners), RulesEngine
/// (facts prepared once per learner, the same work), and the bitset floor. Figures are per learner.
/// </summary>
public class EligibilityDisjointBenchmarks : EligibilityBatchBenchmarks
{
    private Peers.BitsetFloor _floor = null!;
    private ulong[][] _bits = null!;
    private bool[] _scratch = null!;
    private EligibilityStatus[] _statuses = null!;

    [ParamsSource(nameof(NodeCounts))]
    public int Nodes { get; set; }

    public static IEnumerable<int> NodeCounts() => Cases.DisjointNodes;

    /// <summary>Ours from the learner record: Prepare (items at T) then Check, per learner.</summary>
    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int OursPrepareAndCheck()
    {
        var eligible = 0;
        var target = Instance.Qualification;
        foreach (var learner in Instance.Learners)
        {
            if (Evaluator.Check(target, Evaluator.Prepare(learner, Instance.AsOf)) == EligibilityStatus.Eligible)
            {
                eligible++;
            }
        }

        return eligible;
    }

    /// <summary>
    /// Ours through the public batch API from the learner records, into a reused buffer: what a batch caller pays per
    /// learner (filling the learner's bits at T, then the check; in parallel). Not a contender for the peers' goals,
    /// which compare per-check work on prepared data (<see cref="EligibilityBatchBenchmarks.Ours"/>); its allocation
    /// per learner is the batch API's (the parallel loop's bookkeeping, once per batch, divided by the learners).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int OursCheckBatch()
    {
        Evaluator.CheckBatch(Instance.Qualification, Instance.Learners, Instance.AsOf, _statuses);
        var eligible = 0;
        foreach (var status in _statuses)
        {
            if (status == EligibilityStatus.Eligible)
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

    protected override EligibilityInstance LoadInstance() => Cases.Disjoint(Nodes);

    protected override void SetupMore()
    {
        _floor = new Peers.BitsetFloor(Instance.Catalog, Instance.Requirement);
        _bits = [.. Instance.Learners.Select(l => _floor.Bits(l, Instance.Catalog, Instance.AsOf))];
        _scratch = new bool[_floor.NodeCount];
        _statuses = new EligibilityStatus[Instance.Learners.Length];
    }
}
