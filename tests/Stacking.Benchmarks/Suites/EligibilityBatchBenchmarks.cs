using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Eligibility;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// What the batch eligibility suites share: one generated instance, ours on prepared learners and RulesEngine on
/// facts prepared once per learner (the same work), both timed per learner.
/// </summary>
/// <remarks>Subclasses name the instance (their BenchmarkDotNet parameter) and may add contenders.</remarks>
[MemoryDiagnoser]
public abstract class EligibilityBatchBenchmarks
{
    private RulesEngineEncoding _rules = null!;
    private RulesEngineFacts[] _facts = null!;
    private PreparedLearner[] _prepared = null!;

    /// <summary>The instance under test (set in setup).</summary>
    protected EligibilityInstance Instance { get; private set; } = null!;

    /// <summary>Our engine over the instance's catalog (set in setup).</summary>
    protected EligibilityEvaluator Evaluator { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        Instance = LoadInstance();
        _rules = new RulesEngineEncoding(Instance.Catalog, [Instance.Qualification]);
        _facts = [.. Instance.Learners.Select(l => _rules.Facts(l, Instance.AsOf))];
        Evaluator = new EligibilityEvaluator(Instance.Catalog);
        _prepared = [.. Instance.Learners.Select(l => Evaluator.Prepare(l, Instance.AsOf))];
        SetupMore();
    }

    /// <summary>Ours on prepared learners: the batch hot path (goal: 0 bytes per learner).</summary>
    [Benchmark(OperationsPerInvoke = Cases.Learners)]
    public int Ours()
    {
        var eligible = 0;
        var target = Instance.Qualification;
        foreach (var learner in _prepared)
        {
            if (Evaluator.Check(target, learner) == EligibilityStatus.Eligible)
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

    /// <summary>The instance for the current parameter value.</summary>
    protected abstract EligibilityInstance LoadInstance();

    /// <summary>Setup of the subclass's own contenders, after the shared setup.</summary>
    protected virtual void SetupMore()
    {
    }
}
