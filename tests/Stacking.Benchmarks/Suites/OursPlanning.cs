using System.Diagnostics;
using Stacking.Benchmarks.Instances;
using Stacking.Planning;

namespace Stacking.Benchmarks.Suites;

/// <summary>The one place that calls our planner, so that every suite asks it the same question (objective: hours).</summary>
public sealed class OursPlanning
{
    /// <summary>
    /// The exact comparison lets ours search to proven optimum under the same time limit CP-SAT gets (the planner's
    /// standard node limit is a product default for interactive use, not a benchmark setting).
    /// </summary>
    public static PlanRequestOptions ToOptimum => new()
    {
        Objective = PlanObjective.Hours,
        NodeLimit = 1_000_000_000,
        TimeLimit = TimeSpan.FromSeconds(PlanningBenchmarks.CpSatTimeLimitSeconds),
    };

    private readonly Planner _planner;
    private readonly PlanningInstance _instance;

    public OursPlanning(PlanningInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _planner = new Planner(instance.Catalog);
    }

    /// <summary>Plans to proven optimum (within the 60 s limit).</summary>
    public PlanResult Plan() => _planner.Plan(_instance.Target, _instance.Learner, _instance.AsOf, ToOptimum);

    /// <summary>Plans with a wall-clock budget (the planner's TimeLimit); the status says whether it ran out.</summary>
    public (PlanResult? Result, TimeSpan Wall, string? Error) PlanWithin(TimeSpan budget)
    {
        var options = new PlanRequestOptions { Objective = PlanObjective.Hours, NodeLimit = 1_000_000_000, TimeLimit = budget };
        var watch = Stopwatch.StartNew();
        try
        {
            var result = _planner.Plan(_instance.Target, _instance.Learner, _instance.AsOf, options);
            return (result, watch.Elapsed, null);
        }
#pragma warning disable CA1031 // A failing engine is a finding to report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, watch.Elapsed, e.GetType().Name + ": " + e.Message);
        }
    }
}
