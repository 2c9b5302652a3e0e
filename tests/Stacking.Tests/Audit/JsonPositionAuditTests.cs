using Stacking.Serialization;

namespace Stacking.Tests.Audit;

/// <summary>Spec §9: "Malformed JSON is never a crash: it is a clear message with the line and position, or the JSON path, of the fault."</summary>
public sealed class JsonPositionAuditTests
{
    [Theory]
    [InlineData("{\"format\": \"stacking/catalog@1\",\n  \"credentials\": [{\"id\": \"a\", \"hours\": \"ten\"}]}", 2, 40, "$.credentials[0].hours")]
    [InlineData("{\"format\": \"stacking/catalog@1\",\n  \"credentials\": [\n    {\"id\": \"a\"},\n    5]}", 4, 5, "$.credentials[1]")]
    [InlineData("[1, 2]", 1, 1, "$")]
    public void AValueOfTheWrongTypeIsReportedAtTheStartOfThatValue(string json, int line, int position, string path)
    {
        // The serializer reports such a fault just after the value (position 45, after "ten", instead of 40 in the first case);
        // a mapping fault (STK010...) and a syntax fault point at the value or where the parser stopped.
        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json));

        Assert.Equal((line, position, path), ((int)ex.LineNumber!, (int)ex.BytePositionInLine!, ex.JsonPath));
        Assert.Contains($"line {line}, position {position}", ex.Message, StringComparison.Ordinal);
    }
}
