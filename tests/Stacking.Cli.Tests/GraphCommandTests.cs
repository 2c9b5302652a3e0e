namespace Stacking.Cli.Tests;

public sealed class GraphCommandTests
{
    private static readonly string Catalog = CliProcess.Demo("catalog.json");

    [Fact]
    public void MermaidIsTheDefaultAndNamesTheCredentials()
    {
        var result = CliProcess.RunShared("graph", Catalog);

        Assertions.ExitCode(0, result);
        Assert.Contains("data-analytics-cert", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("bachelor-digital", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("digraph", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DotIsGraphviz()
    {
        var result = CliProcess.RunShared("graph", Catalog, "--format", "dot");

        Assertions.ExitCode(0, result);
        Assert.Contains("digraph", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ATargetLimitsTheGraphToWhatLeadsToIt()
    {
        var whole = CliProcess.RunShared("graph", Catalog);
        var pathway = CliProcess.RunShared("graph", Catalog, "--target", "ux-cert");

        Assertions.ExitCode(0, pathway);
        Assert.Contains("ux-research", pathway.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cloud-security", pathway.Stdout, StringComparison.Ordinal);
        Assert.True(pathway.Stdout.Length < whole.Stdout.Length);
    }

    [Fact]
    public void AnUnknownFormatIsBadUsage()
    {
        var result = CliProcess.RunShared("graph", Catalog, "--format", "svg");

        Assertions.ExitCode(2, result);
    }

    [Fact]
    public void AnInvalidCatalogIsNotDrawn()
    {
        using var files = new TempFiles();
        var catalog = files.Write("bad.json", Fixtures.CatalogWithUnknownReference);

        var result = CliProcess.Run("graph", catalog);

        Assertions.ExitCode(1, result);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
