using System.Text;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Serialization;

/// <summary>A corpus of unreadable documents: each gives <see cref="StackingFormatException"/> with a location, never another exception and never a hang.</summary>
public sealed class MalformedDocumentTests
{
    private const string Head = "{\"format\": \"stacking/catalog@1\", \"credentials\": [";

    public static TheoryData<string, string, string> Catalogs => new()
    {
        // name, document, the JSON path the exception must name (or "" when only a line is expected)
        { "empty input", "", "$" },
        { "white space only", "   \n  ", "$" },
        { "truncated in an object", Head + "{\"id\": \"a\", \"title\": \"SQ", "" },
        { "truncated after a member name", Head + "{\"id\":", "" },
        { "truncated array", Head, "" },
        { "missing comma", "{\"format\": \"stacking/catalog@1\" \"credentials\": []}", "" },
        { "trailing comma", Head + "{\"id\": \"a\",}]}", "" },
        { "comment", "{\"format\": \"stacking/catalog@1\", /* c */ \"credentials\": []}", "" },
        { "trailing content", "{\"format\": \"stacking/catalog@1\", \"credentials\": []} {}", "" },
        { "a number as the document", "42", "$" },
        { "null as the document", "null", "$" },
        { "an array as the document", "[]", "$" },
        { "string where a number is required", Head + "{\"id\": \"a\", \"hours\": \"60\"}]}", "$.credentials[0].hours" },
        { "number where a string is required", Head + "{\"id\": 7}]}", "$.credentials[0].id" },
        { "object where an array is required", "{\"format\": \"stacking/catalog@1\", \"credentials\": {}}", "$.credentials" },
        { "string where tags are required", Head + "{\"id\": \"a\", \"tags\": \"data\"}]}", "$.credentials[0].tags" },
        { "requirement that is an array", Head + "{\"id\": \"a\", \"requires\": [{\"credential\": \"b\"}]}]}", "$.credentials[0].requires" },
        { "shared that is a string", Head + "{\"id\": \"a\", \"requires\": {\"credential\": \"b\", \"shared\": \"yes\"}}]}", "$.credentials[0].requires.shared" },
        { "allOf that is an object", Head + "{\"id\": \"a\", \"requires\": {\"allOf\": {}}}]}", "$.credentials[0].requires.allOf" },
        { "selector that is a string", Head + "{\"id\": \"a\", \"requires\": {\"count\": 1, \"from\": \"data\"}}]}", "$.credentials[0].requires.from" },
        { "number beyond decimal", Head + "{\"id\": \"a\", \"cost\": 1e400}]}", "$.credentials[0].cost" },
        { "unknown requirement kind", Head + "{\"id\": \"a\", \"requires\": {\"allOf\": [{\"course\": \"b\"}]}}]}", "$.credentials[0].requires.allOf[0]" },
        { "two kinds in one node", Head + "{\"id\": \"a\", \"requires\": {\"credential\": \"b\", \"anyOf\": []}}]}", "$.credentials[0].requires" },
        { "minScore on allOf", Head + "{\"id\": \"a\", \"requires\": {\"allOf\": [], \"minScore\": 3}}]}", "$.credentials[0].requires" },
        { "non-integer atLeast", Head + "{\"id\": \"a\", \"requires\": {\"atLeast\": 1.5, \"of\": []}}]}", "$.credentials[0].requires.atLeast" },
        { "non-integer level", Head + "{\"id\": \"a\", \"level\": 2.5}]}", "$.credentials[0].level" },
        { "malformed validFor", Head + "{\"id\": \"a\", \"validFor\": \"3 years\"}]}", "$.credentials[0].validFor" },
        { "malformed within", Head + "{\"id\": \"a\", \"requires\": {\"credential\": \"b\", \"within\": \"P1.5Y\"}}]}", "$.credentials[0].requires.within" },
        { "empty id", Head + "{\"id\": \"\"}]}", "$.credentials[0].id" },
        { "id of only spaces", Head + "{\"id\": \"   \"}]}", "$.credentials[0].id" },
        { "id with a control character", Head + "{\"id\": \"a\\u0001\"}]}", "$.credentials[0].id" },
        { "id longer than 256", Head + "{\"id\": \"" + new string('x', 257) + "\"}]}", "$.credentials[0].id" },
        { "credential without id", Head + "{\"title\": \"x\"}]}", "$.credentials[0]" },
        { "null credential", Head + "null]}", "$.credentials[0]" },
        { "missing credentials", "{\"format\": \"stacking/catalog@1\"}", "$" },
        { "duplicate member", Head + "{\"id\": \"a\", \"requires\": {\"credential\": \"b\", \"credential\": \"c\"}}]}", "$.credentials[0].requires" },
        { "duplicate document member", "{\"format\": \"stacking/catalog@1\", \"credentials\": [], \"credentials\": []}", "" },
        { "wrong format", "{\"format\": \"stacking/catalog@2\", \"credentials\": []}", "$.format" },
        { "a learner document", "{\"format\": \"stacking/learner@1\", \"holdings\": []}", "$.format" },
        { "no format", "{\"credentials\": []}", "$" },
        { "100 000 nested arrays", new string('[', 100_000) + new string(']', 100_000), "" },
        { "100 000 nested requirements", Head + "{\"id\": \"a\", \"requires\": " + Repeat("{\"allOf\": [", 100_000) + "{\"credential\": \"b\"}" + Repeat("]}", 100_000) + "}]}", "" },
        { "100 000 nested objects in an unknown member", "{\"format\": \"stacking/catalog@1\", \"x\": " + Repeat("{\"a\":", 100_000) + "1" + new string('}', 100_000) + ", \"credentials\": []}", "" },
        { "unterminated 100 000 nesting", new string('[', 100_000), "" },
    };

    public static TheoryData<string, string, string> Learners => new()
    {
        { "truncated", "{\"format\": \"stacking/learner@1\", \"holdings\": [{\"credential\": \"a\"", "" },
        { "wrong format", "{\"format\": \"stacking/catalog@1\", \"credentials\": []}", "$.format" },
        { "earned without zero padding", Holding("\"earned\": \"2025-3-1\""), "$.holdings[0].earned" },
        { "earned on a day that does not exist", Holding("\"earned\": \"2025-02-30\""), "$.holdings[0].earned" },
        { "earned with a time", Holding("\"earned\": \"2025-03-01T00:00:00Z\""), "$.holdings[0].earned" },
        { "expires in another format", Holding("\"earned\": \"2025-03-01\", \"expires\": \"01/03/2026\""), "$.holdings[0].expires" },
        { "earned as a number", Holding("\"earned\": 20250301"), "$.holdings[0].earned" },
        { "score as a string", Holding("\"earned\": \"2025-03-01\", \"score\": \"88\""), "$.holdings[0].score" },
        { "holding without earned", Holding(string.Empty), "$.holdings[0]" },
        { "exception with both kinds", "{\"format\": \"stacking/learner@1\", \"exceptions\": [{\"substitute\": \"a\", \"with\": \"b\", \"waive\": {\"credential\": \"c\"}}]}", "$.exceptions[0]" },
        { "exception with neither kind", "{\"format\": \"stacking/learner@1\", \"exceptions\": [{\"reason\": \"x\"}]}", "$.exceptions[0]" },
        { "substitution without with", "{\"format\": \"stacking/learner@1\", \"exceptions\": [{\"substitute\": \"a\"}]}", "$.exceptions[0]" },
        { "waiver without credential", "{\"format\": \"stacking/learner@1\", \"exceptions\": [{\"waive\": {\"node\": \"n\"}}]}", "$.exceptions[0].waive" },
    };

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void AMalformedCatalogGivesTheFormatExceptionWithALocation(string name, string json, string path)
    {
        var ex = AssertRefusedWithoutHanging(() => CatalogJson.Read(json), name);
        AssertLocated(ex, path);

        // Lenient reading refuses the same input unless the fault is one it reports as a finding.
        var lenient = Record.Exception(() => CatalogJson.ReadWithFindings(json));
        Assert.True(lenient is null or StackingFormatException, $"{name}: {lenient}");
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void AMalformedLearnerGivesTheFormatExceptionWithALocation(string name, string json, string path)
    {
        var ex = AssertRefusedWithoutHanging(() => LearnerJson.Read(json), name);
        AssertLocated(ex, path);
    }

    [Fact]
    public void AWrongFormatNamesTheSupportedValue()
    {
        var catalog = Assert.Throws<StackingFormatException>(() => CatalogJson.Read("{\"format\": \"stacking/catalog@2\", \"credentials\": []}"));
        Assert.Contains("stacking/catalog@1", catalog.Message, StringComparison.Ordinal);
        Assert.Contains("stacking/catalog@2", catalog.Message, StringComparison.Ordinal);

        var learner = Assert.Throws<StackingFormatException>(() => LearnerJson.Read("{\"format\": \"x\"}"));
        Assert.Contains("stacking/learner@1", learner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASyntaxErrorIsReportedAtItsOneBasedLineAndPosition()
    {
        const string json = "{\n  \"format\": \"stacking/catalog@1\",\n  \"credentials\": [\n    {\"id\": \"a\" \"title\": \"x\"}\n  ]\n}";

        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json));

        Assert.Equal(4, ex.LineNumber);
        Assert.Equal(16, ex.BytePositionInLine);
        Assert.Contains("line 4, position 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMappingFaultIsReportedAtTheLineOfTheValue()
    {
        const string json = "{\n  \"format\": \"stacking/catalog@1\",\n  \"credentials\": [\n    {\"id\": \"a\",\n     \"validFor\": \"three years\"}\n  ]\n}";

        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json));

        Assert.Equal("$.credentials[0].validFor", ex.JsonPath);
        Assert.Equal(5, ex.LineNumber);
        Assert.Equal(18, ex.BytePositionInLine);
        Assert.Contains("STK010", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFiftyMegabyteStringIsRefusedByTheDefaultSizeLimit()
    {
        var json = Head + "{\"id\": \"a\", \"title\": \"" + new string('x', 50_000_000) + "\"}]}";

        var ex = AssertRefusedWithoutHanging(() => CatalogJson.Read(json), "50 MB string");
        Assert.Contains("MaxDocumentBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$", ex.JsonPath);

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        AssertRefusedWithoutHanging(() => CatalogJson.Read(stream), "50 MB stream");
    }

    [Fact]
    public void AFiftyMegabyteStringReadsWhenTheLimitAllowsIt()
    {
        var title = new string('x', 50_000_000);
        var json = Head + "{\"id\": \"a\", \"title\": \"" + title + "\"}]}";

        var catalog = HangGuard.Finishes(() => CatalogJson.Read(json, new JsonReadOptions { MaxDocumentBytes = 64L * 1024 * 1024 }), "50 MB string");

        Assert.Equal(title, catalog.Credentials[0].Title);
    }

    [Fact]
    public void ASmallerSizeLimitIsHonouredForStringsAndStreams()
    {
        var options = new JsonReadOptions { MaxDocumentBytes = 40 };
        const string json = "{\"format\": \"stacking/catalog@1\", \"credentials\": []}";

        Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json, options));
        Assert.Throws<StackingFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), options));
        Assert.Empty(CatalogJson.Read(json, new JsonReadOptions { MaxDocumentBytes = Encoding.UTF8.GetByteCount(json) }).Credentials);
    }

    [Fact]
    public void InvalidUtf8IsAFormatFault()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"format\": \"stacking/catalog@1\", \"name\": \"??\", \"credentials\": []}");
        var at = Array.IndexOf(bytes, (byte)'?');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        AssertRefusedWithoutHanging(() => CatalogJson.Read(new MemoryStream(bytes)), "invalid UTF-8");
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"format\": \"stacking/catalog@1\", \"credentials\": []}")).ToArray();

        Assert.Empty(CatalogJson.Read(new MemoryStream(bytes)).Credentials);
    }

    [Fact]
    public void AFaultInAFileNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stacking-{Guid.NewGuid():N}.catalog.json");
        File.WriteAllText(path, "{\n\"format\": \"stacking/catalog@1\",\n\"credentials\": [\n{\"id\": 5}]}");
        try
        {
            var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.ReadFile(path));
            Assert.Equal(path, ex.FileName);
            Assert.Equal(4, ex.LineNumber);
            Assert.StartsWith(path + ": line 4", ex.Message, StringComparison.Ordinal);

            var lenient = Assert.Throws<StackingFormatException>(() => CatalogJson.ReadFileWithFindings(path));
            Assert.Equal(path, lenient.FileName);

            File.WriteAllText(path, "{\"format\": \"stacking/learner@1\", \"holdings\": [{\"credential\": \"a\", \"earned\": \"2025-02-30\"}]}");
            var learner = Assert.Throws<StackingFormatException>(() => LearnerJson.ReadFile(path));
            Assert.Equal(path, learner.FileName);
            Assert.Single(LearnerJson.ReadFileWithFindings(path).Findings);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingFileIsAnIoErrorNotAFormatFault()
    {
        Assert.Throws<FileNotFoundException>(() => CatalogJson.ReadFile(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json")));
    }

    private static string Holding(string members) =>
        "{\"format\": \"stacking/learner@1\", \"holdings\": [{\"credential\": \"a\"" + (members.Length == 0 ? string.Empty : ", " + members) + "}]}";

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static StackingFormatException AssertRefusedWithoutHanging(Func<object> read, string name)
    {
        var thrown = Record.Exception(() => HangGuard.Finishes(read, name));
        var ex = Assert.IsType<StackingFormatException>(thrown);
        Assert.False(string.IsNullOrWhiteSpace(ex.Detail), name);
        return ex;
    }

    private static void AssertLocated(StackingFormatException ex, string path)
    {
        Assert.True(ex.LineNumber is not null || ex.JsonPath is not null, $"no location: {ex.Message}");
        if (ex.LineNumber is not null)
        {
            Assert.True(ex.LineNumber >= 1 && ex.BytePositionInLine >= 1, ex.Message);
        }

        if (path.Length > 0)
        {
            Assert.Equal(path, ex.JsonPath);
        }
    }
}
