using Stacking.Model;
using Stacking.Serialization;

namespace Stacking.Cli.Demo;

/// <summary>The demo's embedded documents: a hand-written catalog and three learners (stacking/catalog@1 and learner@1).</summary>
internal static class DemoData
{
    /// <summary>The fixed as-of date of the demo, so that its output is the same on every run.</summary>
    public static DateOnly AsOf { get; } = new(2026, 9, 1);

    /// <summary>Reads the embedded catalog.</summary>
    public static Catalog Catalog() => CatalogJson.Read(Open("catalog.json"));

    /// <summary>Reads an embedded learner.</summary>
    public static LearnerRecord Learner(string resource) => LearnerJson.Read(Open(resource));

    /// <summary>Opens an embedded document.</summary>
    public static Stream Open(string name) =>
        typeof(DemoData).Assembly.GetManifestResourceStream("Stacking.Cli.Demo." + name)
        ?? throw new InvalidOperationException($"The demo resource '{name}' is not embedded in the build.");
}
