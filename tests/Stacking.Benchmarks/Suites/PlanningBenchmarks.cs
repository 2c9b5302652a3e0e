using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;

namespace Stacking.Benchmarks.Suites;

/// <summary>
/// Time to proven optimum on generated acyclic instances of 50 to 200 candidates: ours against CP-SAT with one
/// worker and with its default workers. CP-SAT's model is built once in setup; only the solve is timed.
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    /// <summary>
    /// The time limit of both contenders per solve: 10 s (2 s in a dry run), several times what CP-SAT needs to prove
    /// any of these optima; a contender that runs out reports "feasible" or "unknown", never a silent guess.
    /// </summary>
    public static double CpSatTimeLimitSeconds => Cases.Dry ? 2 : 10;

    private CpSatPlanningModel _model = null!;
    private OursPlanning _ours = null!;

    [ParamsSource(nameof(CaseNames))]
    public string Case { get; set; } = string.Empty;

    public static IEnumerable<string> CaseNames()
    {
        var names = Cases.TimedPlanningCaseNames().ToList();
        return names.Count > 0 ? names : [Cases.PlanningCaseNames().First()];
    }

    [GlobalSetup]
    public void Setup()
    {
        var instance = Cases.Planning(Case);
        _model = new CpSatPlanningModel(instance.Catalog, instance.Target, instance.Learner, instance.AsOf);
        _ours = new OursPlanning(instance);
    }

    [Benchmark]
    public decimal Ours() => _ours.Plan().ObjectiveValue;

    [Benchmark]
    public decimal? CpSatOneWorker() => _model.Solve(1, CpSatTimeLimitSeconds).Objective;

    [Benchmark]
    public decimal? CpSatDefaultWorkers() => _model.Solve(0, CpSatTimeLimitSeconds).Objective;
}
