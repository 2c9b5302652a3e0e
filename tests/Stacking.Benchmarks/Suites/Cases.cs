using System.Collections.Concurrent;
using System.Globalization;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;

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

    /// <summary>Names of the exact planning cases: <c>n{size}-i{index}</c>, then <c>gt:{course}</c> on the real catalog.</summary>
    public static IEnumerable<string> PlanningCaseNames() =>
        PlanningSizes.SelectMany(size => Enumerable.Range(0, Dry ? 1 : InstancesPerSize).Select(i => string.Create(CultureInfo.InvariantCulture, $"n{size}-i{i}")))
            .Concat(GtPlanningTargets().Take(Dry ? 1 : 3).Select(t => "gt:" + t.Value));

    /// <summary>
    /// Planning cases the verification pass found too slow for repeated timing (a contender took more than
    /// <see cref="SlowSeconds"/>): their figures are the verification pass's one-shot wall times.
    /// </summary>
    public static ConcurrentDictionary<string, bool> SlowPlanning { get; } = new(StringComparer.Ordinal);

    /// <summary>The one-shot time above which a planning case is not timed again by BenchmarkDotNet.</summary>
    public const double SlowSeconds = 2;

    /// <summary>The planning cases BenchmarkDotNet times: all but the slow ones.</summary>
    public static IEnumerable<string> TimedPlanningCaseNames() => PlanningCaseNames().Where(n => !SlowPlanning.ContainsKey(n));

    public static PlanningInstance Planning(string name) =>
        (PlanningInstance)Cache.GetOrAdd("plan-" + name, _ =>
        {
            if (name.StartsWith("gt:", StringComparison.Ordinal))
            {
                return new PlanningInstance(name, Gt()!, new CredentialId(name[3..]), LearnerRecord.Empty, InstanceGenerator.AsOf);
            }

            var parts = name.Split('-');
            var size = int.Parse(parts[0].AsSpan(1), CultureInfo.InvariantCulture);
            var index = int.Parse(parts[1].AsSpan(1), CultureInfo.InvariantCulture);
            return InstanceGenerator.Planning(PlanningSettings(size, index));
        });

    public static GeneratorSettings PlanningSettings(int size, int index) =>
        new(Seed: 1000 + (size * 10) + index, CatalogSize: size, PrerequisiteDepth: size >= 1000 ? 4 : 3, PoolOverlap: 0.3, HoldingDensity: 0.3);

    public static PlanningInstance Large(int index) =>
        (PlanningInstance)Cache.GetOrAdd("large-" + index.ToString(CultureInfo.InvariantCulture), _ => InstanceGenerator.Planning(PlanningSettings(LargeSize, index)));

    /// <summary>The Georgia Tech catalog of shared/data, or null when it (or the JSON reader) is missing.</summary>
    public static Catalog? Gt() =>
        (Cache.GetOrAdd("gt", _ =>
        {
            return RealCatalogs.Find("gt-202502") is { } path ? CatalogJson.ReadFile(path) : (object)"none";
        }) as Catalog);

    /// <summary>How many GT courses <see cref="GtPlanningTargets"/> lists.</summary>
    public const int GtLargestCones = 6;

    /// <summary>
    /// The GT courses with the largest prerequisite cones (largest first, then by id): planning from an empty record
    /// is then a real search.
    /// </summary>
    public static IReadOnlyList<CredentialId> GtPlanningTargets() =>
        (IReadOnlyList<CredentialId>)Cache.GetOrAdd("gt-targets", _ =>
        {
            var gt = Gt();
            if (gt is null)
            {
                return Array.Empty<CredentialId>();
            }

            return gt.Credentials
                .Where(c => c.Requires is not null)
                .Select(c => (c.Id, Cone: PlanningCone.Of(gt, c.Id).Count))
                .OrderByDescending(t => t.Cone)
                .ThenBy(t => t.Id)
                .Take(GtLargestCones)
                .Select(t => t.Id)
                .ToArray();
        });

    /// <summary>
    /// GT prerequisite checks: every GT course whose requirement names each course once (no item can serve two
    /// nodes, so RulesEngine means the same) and no shared node, for a cohort holding random GT courses.
    /// </summary>
    public static (Catalog Catalog, CredentialId[] Targets, LearnerRecord[] Learners)? GtEligibility() =>
        Cache.GetOrAdd("gt-eligibility", _ =>
        {
            var gt = Gt();
            if (gt is null)
            {
                return "none";
            }

            var targets = gt.Credentials
                .Where(c => c.Requires is { } r && RulesEngineEncoding.CanEncode(r) && !r.DescendantsAndSelf().Any(n => n.Shared) && LeavesAreDistinct(r))
                .Select(c => c.Id)
                .Take(Dry ? 30 : int.MaxValue)
                .ToArray();
            var referenced = gt.Credentials
                .Where(c => c.Requires is not null)
                .SelectMany(c => c.Requires!.DescendantsAndSelf().OfType<CredentialRequirement>().Select(l => l.Credential))
                .Distinct()
                .Order()
                .ToArray();
            var rng = new Random(2025);
            var learners = new LearnerRecord[GtLearners];
            for (var l = 0; l < learners.Length; l++)
            {
                var holdings = referenced
                    .Where(_ => rng.NextDouble() < 0.3)
                    .Select(id => new Holding(id, new DateOnly(2022, 1, 1).AddDays(rng.Next(0, 1000)), score: rng.Next(55, 101)));
                learners[l] = new LearnerRecord("gt-" + l.ToString(CultureInfo.InvariantCulture), holdings);
            }

            return (object)(gt, targets, learners);
        }) is ValueTuple<Catalog, CredentialId[], LearnerRecord[]> t ? t : null;

    /// <summary>Learners of the GT prerequisite batch.</summary>
    public const int GtLearners = 25;

    private static bool LeavesAreDistinct(Requirement requirement)
    {
        var leaves = requirement.DescendantsAndSelf().OfType<CredentialRequirement>().Select(l => l.Credential).ToList();
        return leaves.Count == leaves.Distinct().Count();
    }
}
