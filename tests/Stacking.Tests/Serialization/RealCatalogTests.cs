using Stacking.Model;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Serialization;

/// <summary>The real catalogs of <c>shared/data</c> (Georgia Tech, Northeastern) read strictly and round-trip.</summary>
/// <remarks>They must exist: CI has them beside the repository, and the test fails loudly when they are missing.</remarks>
public sealed class RealCatalogTests
{
    public static TheoryData<string> Files => new() { "gt-202502.catalog.json", "neu-2025.catalog.json" };

    [Theory]
    [MemberData(nameof(Files))]
    public void ARealCatalogReadsStrictlyAndRoundTrips(string file)
    {
        var path = TestPaths.SharedData(file);

        var result = HangGuard.Finishes(() => CatalogJson.ReadFileWithFindings(path), file);

        Assert.True(result.IsClean, string.Join("\n", result.Findings.Take(5)));
        var catalog = result.Value;
        Assert.True(catalog.Credentials.Length > 1000, $"{file}: {catalog.Credentials.Length} credentials");
        Assert.Equal(catalog, CatalogJson.Read(CatalogJson.Write(catalog, new JsonWriteOptions { Indented = false })));
    }
}
