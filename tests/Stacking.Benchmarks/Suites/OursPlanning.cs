#if STACKING_PLANNING
using System.Diagnostics;
using Stacking.Benchmarks.Instances;
using Stacking.Planning;

namespace Stacking.Benchmarks.Suites;

/// <summary>The one place that calls our planner, so that every suite asks it the same question (objective: hours).</summary>
public sealed class OursPlanning
{
    private readonly Planner _planner;
    private readonly PlanningInstance _instance;

    public OursPlanning(PlanningInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _planner = new Planner(instance.Catalog);
    }

    /// <summary>Plans to proven optimum (or the planner's own default budget).</summary>
    public PlanResult Plan() => _planner.Plan(_instance.Target, _instance.Learner, _instance.AsOf);

    /// <summary>Plans with a wall-clock budget; the status says whether the budget ran out.</summary>
    public (PlanResult? Result, TimeSpan Wall, string? Error) PlanWithin(TimeSpan budget)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var cts = new CancellationTokenSource(budget);
            var result = _planner.Plan(_instance.Target, _instance.Learner, _instance.AsOf, null, cts.Token);
            return (result, watch.Elapsed, null);
        }
        catch (OperationCanceledException)
        {
            return (null, watch.Elapsed, "cancelled without a plan");
        }
    }
}
#endif
