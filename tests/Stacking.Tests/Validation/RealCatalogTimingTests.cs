using System.Diagnostics;
using Stacking.Graph;
using Stacking.Rules;
using Stacking.Serialization;
using Stacking.Tests.Support;
using Stacking.Validation;
using Xunit.Abstractions;

namespace Stacking.Tests.Validation;

public sealed class RealCatalogTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("gt-202502.catalog.json")]
    [InlineData("neu-2025.catalog.json")]
    public void StructuralValidationAndGraphTimingsArePrinted(string file)
    {
        var catalog = CatalogJson.ReadFile(Path.Combine(TestPaths.Shared("data")!, file));
        for (var run = 0; run < 3; run++)
        {
            var sw = Stopwatch.StartNew();
            var structure = CatalogValidator.Structure(catalog, new SelectorMatcher(catalog), default);
            var t1 = sw.Elapsed.TotalMilliseconds;
            var index = DependencyIndex.Build(catalog);
            var t2 = sw.Elapsed.TotalMilliseconds;
            var graph = StackingGraph.Build(index);
            var t3 = sw.Elapsed.TotalMilliseconds;
            var cyclic = graph.HasCycle;
            var t4 = sw.Elapsed.TotalMilliseconds;
            output.WriteLine($"{file} run {run}: structure {t1:F1} ms ({structure.Count} findings), index {t2 - t1:F1} ms, graph {t3 - t2:F1} ms ({graph.Edges.Length} edges), scc {t4 - t3:F1} ms (cycle {cyclic})");
            Assert.DoesNotContain(structure, f => f.Severity == Severity.Error);
        }
    }
}
