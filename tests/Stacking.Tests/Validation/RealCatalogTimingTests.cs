using System.Diagnostics;
using Stacking.Graph;
using Stacking.Serialization;
using Stacking.Tests.Support;
using Stacking.Validation;
using Xunit.Abstractions;

namespace Stacking.Tests.Validation;

/// <summary>Prints how long validating and graphing each real catalog takes (wall and process CPU time); no timing is asserted.</summary>
public sealed class RealCatalogTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("gt-202502.catalog.json")]
    [InlineData("neu-2025.catalog.json")]
    public void ValidationAndGraphTimingsArePrinted(string file)
    {
        var catalog = CatalogJson.ReadFile(Path.Combine(TestPaths.Shared("data")!, file));
        for (var run = 0; run < 3; run++)
        {
            var (report, wall, cpu) = Measure(() => CatalogValidator.Validate(catalog));
            var (graph, graphWall, graphCpu) = Measure(() => StackingGraph.Build(catalog));
            output.WriteLine($"{file} run {run}: validate {wall:F0} ms wall, {cpu:F0} ms cpu ({report.Findings.Length} findings); graph {graphWall:F0} ms wall, {graphCpu:F0} ms cpu ({graph.Edges.Length} edges)");
            Assert.True(report.IsValid);
        }
    }

    private static (T Result, double WallMs, double CpuMs) Measure<T>(Func<T> action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = action();
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}
