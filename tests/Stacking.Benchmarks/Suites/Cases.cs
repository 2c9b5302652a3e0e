using System.Collections.Concurrent;
using System.Globalization;
using Stacking.Benchmarks.Instances;

namespace Stacking.Benchmarks.Suites;

/// <summary>The fixed benchmark cases: every contender and every run sees exactly these instances.</summary>
public static class Cases
{
    /// <summary>Learners per eligibility batch; per-learner figures divide by it.</summary>
    public const int Learners = 1000;

    /// <summary>Requirement sizes (nodes, root included) of the disjoint-pool qualifications.</summary>
    public static readonly int[] DisjointNodes = [5, 10, 20];

    /// <summary>Pool overlaps of the overlapping-pool qualifications (20 nodes).</summary>
    public static readonly double[] Overlaps = [0.3, 0.6];

    /// <summary>Candidate counts of the exact planning comparison.</summary>
    public static readonly int[] PlanningSizes = [50, 100, 200];

    /// <summary>Generated instances per planning size.</summary>
    public const int InstancesPerSize = 4;

    /// <summary>Candidate count and number of instances of the 100 ms anytime goal.</summary>
    public const int LargeSize = 1000;

    /// <summary>Instances of the 100 ms anytime goal ("nine instances in ten").</summary>
    public const int LargeInstances = 10;

    /// <summary>Dry runs (CI smoke) use one instance per planning size; set before anything reads the cases.</summary>
    public static bool Dry { get; set; }

    private static readonly ConcurrentDictionary<string, object> Cache = new(StringComparer.Ordinal);

    public static EligibilityInstance Disjoint(int nodes) =>
        (EligibilityInstance)Cache.GetOrAdd("disjoint-" + nodes.ToString(CultureInfo.InvariantCulture), _ =>
            InstanceGenerator.Eligibility(new GeneratorSettings(Seed: 7 + nodes, CatalogSize: 200, PrerequisiteDepth: 0, PoolOverlap: 0, HoldingDensity: 0.6), nodes, Learners));

    public static EligibilityInstance Overlapping(double overlap) =>
        (EligibilityInstance)Cache.GetOrAdd("overlap-" + overlap.ToString(CultureInfo.InvariantCulture), _ =>
            InstanceGenerator.Eligibility(new GeneratorSettings(Seed: 11, CatalogSize: 200, PrerequisiteDepth: 0, PoolOverlap: overlap, HoldingDensity: 0.6), 20, Learners));

    /// <summary>Names of the exact planning cases: <c>n{size}-i{index}</c>.</summary>
    public static IEnumerable<string> PlanningCaseNames() =>
        PlanningSizes.SelectMany(size => Enumerable.Range(0, Dry ? 1 : InstancesPerSize).Select(i => string.Create(CultureInfo.InvariantCulture, $"n{size}-i{i}")));

    public static PlanningInstance Planning(string name) =>
        (PlanningInstance)Cache.GetOrAdd("plan-" + name, _ =>
        {
            var parts = name.Split('-');
            var size = int.Parse(parts[0].AsSpan(1), CultureInfo.InvariantCulture);
            var index = int.Parse(parts[1].AsSpan(1), CultureInfo.InvariantCulture);
            return InstanceGenerator.Planning(PlanningSettings(size, index));
        });

    public static GeneratorSettings PlanningSettings(int size, int index) =>
        new(Seed: 1000 + (size * 10) + index, CatalogSize: size, PrerequisiteDepth: size >= 1000 ? 4 : 3, PoolOverlap: 0.3, HoldingDensity: 0.3);

    public static PlanningInstance Large(int index) =>
        (PlanningInstance)Cache.GetOrAdd("large-" + index.ToString(CultureInfo.InvariantCulture), _ => InstanceGenerator.Planning(PlanningSettings(LargeSize, index)));
}
