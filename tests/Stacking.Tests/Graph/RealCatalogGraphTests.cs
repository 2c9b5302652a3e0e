using Stacking.Graph;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Graph;

/// <summary>The real catalogs of shared/data make a graph whose nodes are their credentials and whose edges join them.</summary>
/// <remarks>This replaces a test that printed validation and graph timings; the benchmarks measure speed.</remarks>
public sealed class RealCatalogGraphTests
{
    [Theory]
    [InlineData("gt-202502.catalog.json")]
    [InlineData("neu-2025.catalog.json")]
    public void ARealCatalogsGraphHasANodePerCredentialAndEdgesOnlyBetweenThem(string file)
    {
        var catalog = CatalogJson.ReadFile(TestPaths.SharedData(file));

        var graph = StackingGraph.Build(catalog);

        Assert.Equal(catalog.Credentials.Select(c => c.Id).Distinct().Order(), graph.Nodes);
        Assert.NotEmpty(graph.Edges);
        var nodes = graph.Nodes.ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(nodes.Contains(e.From) && nodes.Contains(e.To), $"{e.From} -> {e.To} at {e.Path}"));
    }
}
