using System.Globalization;
using Stacking.Benchmarks.Instances;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;

namespace Stacking.Benchmarks.Suites;

/// <summary>One planning question of <c>--planner-scale</c>, loaded on demand (catalogs are shared between cases).</summary>
/// <param name="Group">generated, gt-202502 or neu-2025.</param>
/// <param name="Name">The case's label.</param>
/// <param name="Load">Builds (or fetches) the catalog, the target and the learner, with a label for the learner.</param>
public sealed record ScaleCase(string Group, string Name, Func<(Catalog Catalog, CredentialId Target, LearnerRecord Learner, string LearnerLabel)> Load);

/// <summary>
/// The cases of <c>--planner-scale</c> (issue 5): generated catalogs of 50, 200, 1 000 and 5 000 credentials, the GT
/// courses with the largest prerequisite cones, and NEU degrees from an empty record and from a learner two years in.
/// </summary>
public static class ScaleCases
{
    /// <summary>Catalog sizes of the generated cases.</summary>
    public static readonly int[] Sizes = [50, 200, 1000, 5000];

    /// <summary>Seeds (instance indices of <see cref="Cases.PlanningSettings"/>) per size: two, to stay within ~4 minutes.</summary>
    public const int SeedsPerSize = 2;

    /// <summary>GT courses named besides the largest cones: the previous harness's hardest (CS 4476) and the one shared root (ME 2016).</summary>
    public static readonly string[] GtNamed = ["CS 4476", "ME 2016"];

    /// <summary>How many of the GT courses with the largest cones run.</summary>
    public const int GtLargest = 4;

    /// <summary>
    /// NEU majors, planned from an empty record: the smallest requirement tree (11 nodes), the Boston BSCS (217
    /// nodes), and the largest tree (414 nodes); each also has the node "Total credits: 128 from any course".
    /// </summary>
    public static readonly string[] NeuDegrees =
    [
        "social-sciences-humanities/cultural_anthropology_ba_(boston)",
        "computer-information-science/computer_science_bscs_(boston)",
        "arts-media-design/music_and_business_administration_with_concentration_in_music_industry_bs_(boston)",
    ];

    /// <summary>The NEU major also planned for a learner two years in (<see cref="TwoYearsIn"/>).</summary>
    public const string NeuWithHoldings = "computer-information-science/computer_science_bscs_(boston)";

    /// <summary>Courses the "two years in" NEU learner holds: 16 (64 credits) of those the degree names.</summary>
    public const int NeuHeld = 16;

    private static readonly Lazy<Catalog?> Neu = new(() => RealCatalogs.Find("neu-2025") is { } path ? CatalogJson.ReadFile(path) : null);

    /// <summary>
    /// Every case in run order (fast real-catalog cases first). A dry run (the CI smoke) keeps one GT course and one
    /// generated catalog of 50 and of 200 credentials, and no NEU degree: reading the NEU catalog and building its planner
    /// take about half a second before the first question (the questions themselves take milliseconds since 2026-12-05).
    /// </summary>
    public static IReadOnlyList<ScaleCase> All(bool dry)
    {
        var cases = new List<ScaleCase>();
        var gt = dry ? Cases.GtPlanningTargets().Take(1) : Cases.GtPlanningTargets().Take(GtLargest).Concat(GtNamed.Select(n => new CredentialId(n))).Distinct();
        foreach (var target in gt)
        {
            cases.Add(new ScaleCase("gt-202502", target.Value, () => (Cases.Gt() ?? throw Missing("gt-202502"), target, LearnerRecord.Empty, "empty record")));
        }

        foreach (var size in dry ? Sizes.Take(2) : Sizes)
        {
            for (var i = 0; i < (dry ? 1 : SeedsPerSize); i++)
            {
                var settings = Cases.PlanningSettings(size, i);
                cases.Add(new ScaleCase("generated", "gen-" + settings.Label, () =>
                {
                    var instance = InstanceGenerator.Planning(settings);
                    var held = instance.Learner.Holdings.Length;
                    return (instance.Catalog, instance.Target, instance.Learner, string.Create(CultureInfo.InvariantCulture, $"holds {held} base credentials ({settings.HoldingDensity:0%} of the base layer)"));
                }));
            }
        }

        foreach (var degree in dry ? [] : NeuDegrees)
        {
            var label = degree[(degree.IndexOf('/', StringComparison.Ordinal) + 1)..];
            cases.Add(new ScaleCase("neu-2025", label, () => (Neu.Value ?? throw Missing("neu-2025"), new CredentialId(degree), LearnerRecord.Empty, "empty record")));
            if (degree == NeuWithHoldings)
            {
                cases.Add(new ScaleCase("neu-2025", label, () =>
                {
                    var neu = Neu.Value ?? throw Missing("neu-2025");
                    var learner = TwoYearsIn(neu, new CredentialId(degree));
                    return (neu, new CredentialId(degree), learner, string.Create(CultureInfo.InvariantCulture, $"holds {learner.Holdings.Length} courses the degree names"));
                }));
            }
        }

        return cases;
    }

    /// <summary>
    /// A learner holding <see cref="NeuHeld"/> courses drawn (seeded) from the degree's credential leaves, score 90,
    /// earned in 2023: half way to the degree's 128 credits.
    /// </summary>
    public static LearnerRecord TwoYearsIn(Catalog catalog, CredentialId degree)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var named = catalog[degree].Requires!.DescendantsAndSelf().OfType<CredentialRequirement>()
            .Select(l => l.Credential).Distinct().Order().ToList();
        var rng = new Random(5);
        var held = named.OrderBy(_ => rng.Next()).Take(NeuHeld).Order()
            .Select((id, k) => new Holding(id, new DateOnly(2023, 1, 15).AddDays(k * 7), score: 90));
        return new LearnerRecord("neu-two-years-in", held);
    }

    private static InvalidOperationException Missing(string catalog) =>
        new($"The real catalog {catalog} was not found (shared/data beside the repository, or STACKING_DATA).");
}
