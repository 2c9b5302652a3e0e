using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Tests.Generators;

namespace Stacking.Tests.Serialization;

/// <summary>The laws of lossless serialization (spec §2): write-read is the identity on values, read-write keeps every unknown member.</summary>
public sealed class RoundTripLaws
{
    [Property(Arbitrary = [typeof(StackingArbitraries)], MaxTest = 200)]
    public void WritingThenReadingGivesAnEqualValue(Catalog catalog)
    {
        var json = CatalogJson.Write(catalog);
        Assert.Equal(catalog, CatalogJson.Read(json));
        Assert.Equal(catalog, CatalogJson.Read(CatalogJson.Write(catalog, new JsonWriteOptions { Indented = false })));
    }

    [Property(Arbitrary = [typeof(StackingArbitraries)], MaxTest = 200)]
    public void WritingThenReadingALearnerGivesAnEqualValue(LearnerRecord learner)
    {
        Assert.Equal(learner, LearnerJson.Read(LearnerJson.Write(learner)));
    }

    [Property(Arbitrary = [typeof(StackingArbitraries)], MaxTest = 100)]
    public void WritingThenReadingThroughStreamsGivesAnEqualValue(Catalog catalog, LearnerRecord learner)
    {
        using var catalogStream = new MemoryStream();
        CatalogJson.Write(catalogStream, catalog);
        catalogStream.Position = 0;
        Assert.Equal(catalog, CatalogJson.Read(catalogStream));

        using var learnerStream = new MemoryStream();
        LearnerJson.Write(learnerStream, learner);
        learnerStream.Position = 0;
        Assert.Equal(learner, LearnerJson.Read(learnerStream));
    }

    [Property(Arbitrary = [typeof(StackingArbitraries)], MaxTest = 150)]
    public void ReadingThenWritingKeepsUnknownMembers(Catalog catalog)
    {
        var document = JsonNode.Parse(CatalogJson.Write(catalog))!;
        AddUnknownMembers(document, parentName: null);
        var text = document.ToJsonString();

        var written = CatalogJson.Write(CatalogJson.Read(text));

        Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(written)), $"Lost or changed members.\nBefore: {text}\nAfter:  {written}");
    }

    [Property(Arbitrary = [typeof(StackingArbitraries)], MaxTest = 150)]
    public void ReadingThenWritingALearnerKeepsUnknownMembers(LearnerRecord learner)
    {
        var document = JsonNode.Parse(LearnerJson.Write(learner))!;
        AddUnknownMembers(document, parentName: null);
        var text = document.ToJsonString();

        var written = LearnerJson.Write(LearnerJson.Read(text));

        Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(written)), $"Lost or changed members.\nBefore: {text}\nAfter:  {written}");
    }

    [Property(Arbitrary = [typeof(StackingArbitraries)], MaxTest = 100)]
    public void WritingIsStableAfterOneRoundTrip(Catalog catalog)
    {
        var once = CatalogJson.Write(catalog);
        Assert.Equal(once, CatalogJson.Write(CatalogJson.Read(once)));
    }

    [Fact]
    public void UnknownMembersKeepTheirOrderAndRawText()
    {
        const string json = """
            {"format":"stacking/catalog@1","z-last":1,"a-first":{"deep":[1, 2.50, "x"]},
             "credentials":[{"id":"a","x-vendor":"v","requires":{"credential":"b","x-note":"keep me","minScore":70.0}}]}
            """;
        var catalog = CatalogJson.Read(json);

        Assert.Equal(["z-last", "a-first"], catalog.Extensions.Select(m => m.Key));
        Assert.Equal("{\"deep\":[1, 2.50, \"x\"]}", catalog.Extensions[1].Value);
        Assert.Equal("\"keep me\"", catalog.Credentials[0].Requires!.Extensions[0].Value);
        Assert.Equal(70.0m, ((Stacking.Rules.CredentialRequirement)catalog.Credentials[0].Requires!).MinScore);

        var written = CatalogJson.Write(catalog);
        Assert.Contains("\"a-first\": {\"deep\":[1, 2.50, \"x\"]}", written, StringComparison.Ordinal);
        Assert.Contains("\"minScore\": 70.0", written, StringComparison.Ordinal);
        Assert.Equal(catalog, CatalogJson.Read(written));
    }

    private static int _counter;

    /// <summary>Adds an unknown member to every object of the document except the skill-level maps, whose members are data.</summary>
    private static void AddUnknownMembers(JsonNode node, string? parentName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        AddUnknownMembers(child, name);
                    }
                }

                if (parentName != "skills" || obj.ContainsKey("id"))
                {
                    var n = Interlocked.Increment(ref _counter);
                    obj.Add($"x-added-{n % 7}", JsonNode.Parse(n % 2 == 0 ? "{\"k\":[1,\"é\",null]}" : "12.50"));
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        AddUnknownMembers(child, parentName);
                    }
                }

                break;
        }
    }
}
