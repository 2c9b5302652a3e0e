using System.Text;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;

namespace Stacking.Tests.Serialization;

/// <summary>Spec §3: JSON nested at least 256 deep reads (so a requirement deeper than 64 levels reaches validation), deeper JSON is refused.</summary>
public sealed class DepthTests
{
    [Theory]
    [InlineData(65)]
    [InlineData(130)]
    [InlineData(500)]
    public void ARequirementDeeperThan64LevelsReadsSoThatValidationCanReportIt(int levels)
    {
        var json = Nested(levels);

        var catalog = CatalogJson.Read(json);

        Assert.Equal(levels, catalog.Credentials[0].Requires!.Depth());
        Assert.Equal(catalog, CatalogJson.Read(CatalogJson.Write(catalog)));
    }

    [Fact]
    public void JsonNested256DeepInsideADocumentReads()
    {
        var deep = new string('[', 256) + new string(']', 256);
        var json = "{\"format\": \"stacking/catalog@1\", \"x-deep\": " + deep + ", \"credentials\": [{\"id\": \"a\", \"x-deep\": " + deep + "}]}";

        var catalog = CatalogJson.Read(json);

        Assert.Equal(deep, catalog.Extensions[0].Value);
        Assert.Equal(catalog, CatalogJson.Read(CatalogJson.Write(catalog)));
    }

    [Fact]
    public void NestingBeyondTheLimitIsRefusedWithTheDepthInTheMessage()
    {
        var options = new JsonReadOptions { MaxDepth = 300 };
        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(Nested(200), options));
        Assert.Contains("300", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.LineNumber);

        Assert.Equal(200, CatalogJson.Read(Nested(200)).Credentials[0].Requires!.Depth());
    }

    [Fact]
    public void TheDeepestRequirementTheLargestLimitAllowsReadsAndWrites()
    {
        var options = new JsonReadOptions { MaxDepth = JsonReadOptions.MaxSupportedDepth };
        var levels = (JsonReadOptions.MaxSupportedDepth - 4) / 2;

        var catalog = CatalogJson.Read(Nested(levels), options);

        Assert.Equal(levels, catalog.Credentials[0].Requires!.Depth());
        Assert.Equal(catalog, CatalogJson.Read(CatalogJson.Write(catalog), options));
    }

    [Fact]
    public void AModelTooDeepToReadBackIsRefusedByTheWriterNotByTheStack()
    {
        Requirement node = Rule.Credential("a");
        for (var i = 0; i < 100_000; i++)
        {
            node = Rule.AllOf(node);
        }

        var catalog = new Catalog([new Credential("q") { Requires = node }]);

        Assert.Throws<ArgumentException>(() => CatalogJson.Write(catalog));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(JsonReadOptions.MaxSupportedDepth + 1)]
    public void DepthLimitsOutsideTheSupportedRangeAreRejected(int depth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonReadOptions { MaxDepth = depth });
    }

    [Fact]
    public void TheDefaultsAreTheDocumentedOnes()
    {
        Assert.Equal(1024, JsonReadOptions.Default.MaxDepth);
        Assert.Equal(32L * 1024 * 1024, JsonReadOptions.Default.MaxDocumentBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonReadOptions { MaxDocumentBytes = 0 });
    }

    /// <summary>A catalog whose one requirement is <paramref name="levels"/> levels deep: allOf around allOf around a leaf.</summary>
    private static string Nested(int levels)
    {
        var builder = new StringBuilder("{\"format\": \"stacking/catalog@1\", \"credentials\": [{\"id\": \"q\", \"requires\": ");
        for (var i = 1; i < levels; i++)
        {
            builder.Append("{\"allOf\": [");
        }

        builder.Append("{\"credential\": \"a\"}");
        for (var i = 1; i < levels; i++)
        {
            builder.Append("]}");
        }

        return builder.Append("}]}").ToString();
    }
}
