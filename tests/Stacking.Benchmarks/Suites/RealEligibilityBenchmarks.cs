using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Peers;
using Stacking.Model;
using Stacking.Eligibility;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// The real Georgia Tech catalog: every course whose prerequisite tree names each course once, checked for a cohort
/// of learners holding random GT courses with scores (minScore applies). RulesEngine runs one workflow with one rule
/// per course per learner, which is how it would be used. Figures are per (learner, course) check.
/// </summary>
[MemoryDiagnoser]
public class RealEligibilityBenchmarks
{
    private CredentialId[] _targets = [];
    private RulesEngineEncoding? _rules;
    private RulesEngineFacts[] _facts = [];
    private EligibilityEvaluator _evaluator = null!;
    private PreparedLearner[] _prepared = [];

    /// <summary>Checks per invocation: learners × courses (fixed by the data).</summary>
    public int Checks => _facts.Length * _targets.Length;

    [GlobalSetup]
    public void Setup()
    {
        if (Cases.GtEligibility() is not { } gt)
        {
            return;
        }

        _targets = gt.Targets;
        _rules = new RulesEngineEncoding(gt.Catalog, _targets);
        _facts = [.. gt.Learners.Select(l => _rules.Facts(l, Instances.InstanceGenerator.AsOf))];
        _evaluator = new EligibilityEvaluator(gt.Catalog);
        _prepared = [.. gt.Learners.Select(l => _evaluator.Prepare(l, Instances.InstanceGenerator.AsOf))];
    }

    [Benchmark]
    public int Ours()
    {
        var eligible = 0;
        foreach (var learner in _prepared)
        {
            foreach (var target in _targets)
            {
                if (_evaluator.Check(target, learner) == EligibilityStatus.Eligible)
                {
                    eligible++;
                }
            }
        }

        return eligible;
    }

    [Benchmark]
    public int RulesEngine()
    {
        var eligible = 0;
        foreach (var facts in _facts)
        {
            eligible += _rules!.CountEligible(facts);
        }

        return eligible;
    }
}
