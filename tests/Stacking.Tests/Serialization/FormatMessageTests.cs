using System.Text;
using Stacking.Serialization;

namespace Stacking.Tests.Serialization;

/// <summary>
/// Spec §9: malformed JSON is "a clear message with the line and position, or the JSON path, of the fault". The one who
/// reads the message wrote the document, so it says what is wrong in the document's words: no internal type names, no
/// advice about reader options, no misleading "expected a number" for a number.
/// </summary>
public sealed class FormatMessageTests
{
    private const string Head = "{\"format\": \"stacking/catalog@1\", \"credentials\": [";

    // It read "Expected a string here." (of a string) or "Expected a credential object here." (of a member name).
    private const string LoneSurrogate = "The string has an invalid \\u escape: a lone UTF-16 surrogate (\\ud800–\\udbff must be followed by \\udc00–\\udfff, and \\udc00–\\udfff must follow one).";

    public static TheoryData<string, string, string> Faults => new()
    {
        // name, document, the detail of the exception
        { "empty input", string.Empty, "The document is empty; expected a JSON object." },
        { "white space only", "  \n ", "The document is empty; expected a JSON object." },
        { "a document cut short", Head + "{\"id\": \"a\"", "The document ends before its JSON is complete: an object or array is not closed." },
        { "a document cut short after a member name", "{\"format\": ", "The document ends before its JSON is complete: an object or array is not closed." },
        { "a document cut short inside a string", "{\"format\": \"stac", "The document ends inside a string: its closing '\"' is missing." },
        { "trailing comma in an object", Head + "{\"id\": \"a\",}]}", "The JSON object contains a trailing comma at the end; JSON allows none." },
        { "trailing comma in an array", Head + "{\"id\": \"a\"},]}", "The JSON array contains a trailing comma at the end; JSON allows none." },
        { "a comment", "{\"format\": \"stacking/catalog@1\", // the catalog\n \"credentials\": []}", "'/' is an invalid start of a property name. Expected a '\"'. JSON has no comments." },
        { "a number beyond decimal", Head + "{\"id\": \"a\", \"hours\": 1e400}]}", "The number 1e400 is outside the range of exact decimals (magnitude below 7.9e28)." },
        { "a 33-digit number", Head + "{\"id\": \"a\", \"cost\": 123456789012345678901234567890123}]}", "The number 123456789012345678901234567890123 is outside the range of exact decimals (magnitude below 7.9e28)." },
        { "a number a decimal would round", Head + "{\"id\": \"a\", \"hours\": 0.1234567890123456789012345678901234}]}", "The number 0.1234567890123456789012345678901234 has more significant digits than an exact decimal holds (28, down to 1e-28): it would be rounded." },
        { "a number a decimal would read as 0", Head + "{\"id\": \"a\", \"cost\": 1e-40}]}", "The number 1e-40 has more significant digits than an exact decimal holds (28, down to 1e-28): it would be rounded." },
        { "a requirement's amount a decimal would round", Head + "{\"id\": \"a\", \"requires\": {\"credits\": 1.00000000000000000000000000001, \"from\": {\"any\": true}}}]}", "The number 1.00000000000000000000000000001 has more significant digits than an exact decimal holds (28, down to 1e-28): it would be rounded." },
        { "a defined member twice", Head + "{\"id\": \"a\", \"hours\": 1, \"hours\": 2}]}", "The member \"hours\" appears twice in one object." },
        { "the format twice", "{\"format\": \"stacking/catalog@1\", \"format\": \"x\", \"credentials\": []}", "The member \"format\" appears twice in one object." },
        { "an unknown member twice", Head + "{\"id\": \"a\", \"x-note\": 1, \"x-note\": 2}]}", "The member \"x-note\" appears twice in one object." },
        { "an unknown document member twice", "{\"format\": \"stacking/catalog@1\", \"x y\": 1, \"x y\": 2, \"credentials\": []}", "The member \"x y\" appears twice in one object." },
        { "a lone surrogate escape in a value", Head + "{\"id\": \"a\", \"title\": \"x\\ud800y\"}]}", LoneSurrogate },
        { "a lone low surrogate escape in a member name", Head + "{\"id\": \"a\", \"x\\udc00\": 1}]}", LoneSurrogate },
        { "a member with a quote twice", "{\"format\": \"stacking/catalog@1\", \"it's\": 1, \"it's\": 2, \"credentials\": []}", "The member \"it's\" appears twice in one object." },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void AMalformedDocumentIsDescribedInTheDocumentsWords(string name, string json, string detail)
    {
        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json));

        Assert.True(detail == ex.Detail, $"{name}: {ex.Detail}");
        Assert.NotNull(ex.LineNumber);
    }

    /// <summary>Spec §2: numbers are exact decimals, and a document read and written again loses nothing.</summary>
    [Theory]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("1.10", "1.10")]
    [InlineData("4.5e2", "450")]
    [InlineData("4.50E-1", "0.450")]
    [InlineData("1234567890.123456789012345678", "1234567890.123456789012345678")]
    [InlineData("0e99999999999", null)]
    [InlineData("-0", null)]
    [InlineData("0.000000000000000000000000000000000", null)]
    public void EveryNumberADecimalHoldsExactlyReadsAndWritesBackAsTheSameNumber(string number, string? written)
    {
        var catalog = CatalogJson.Read(Head + "{\"id\": \"a\", \"cost\": " + number + "}]}");

        Assert.Equal(decimal.Parse(written ?? "0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), catalog.Credentials[0].Cost);
        var json = CatalogJson.Write(catalog, new JsonWriteOptions { Indented = false });
        Assert.Contains(written is null ? "{\"id\":\"a\"}" : $"\"cost\":{written}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AScoreADecimalWouldRoundIsRefusedAtItsPath()
    {
        var ex = Assert.Throws<StackingFormatException>(() => LearnerJson.Read(
            "{\"format\": \"stacking/learner@1\", \"holdings\": [{\"credential\": \"a\", \"earned\": \"2025-01-01\", \"score\": 69.999999999999999999999999999999}]}"));

        Assert.Equal("$.holdings[0].score", ex.JsonPath);
        Assert.Contains("it would be rounded", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownMemberTwiceInALearnerDocumentIsNamed()
    {
        var ex = Assert.Throws<StackingFormatException>(() => LearnerJson.Read(
            "{\"format\": \"stacking/learner@1\", \"holdings\": [{\"credential\": \"a\", \"earned\": \"2025-01-01\", \"note\": 1, \"note\": 2}]}"));

        Assert.Equal("The member \"note\" appears twice in one object.", ex.Detail);
        Assert.Equal("$.holdings[0].note", ex.JsonPath);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    public void AUtf16DocumentIsNamedAsUtf16(byte[] bom)
    {
        var text = "{\"format\": \"stacking/catalog@1\", \"credentials\": []}";
        var bytes = bom.Concat(bom[0] == 0xFF ? Encoding.Unicode.GetBytes(text) : Encoding.BigEndianUnicode.GetBytes(text)).ToArray();

        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(new MemoryStream(bytes)));

        Assert.StartsWith("The document is UTF-16 text", ex.Detail, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (ex.LineNumber, ex.BytePositionInLine));
    }

    /// <summary>
    /// The parser checks UTF-8 only in the strings it decodes: a bad byte in a member name was read silently, and one in
    /// an unknown member or a requirement was an <see cref="InvalidOperationException"/> from the mapping (the command
    /// line's "internal error"), not a <see cref="StackingFormatException"/>.
    /// </summary>
    [Theory]
    [InlineData("a member name", "{\"format\": \"stacking/catalog@1\",\n \"x\u00ff\": 1, \"credentials\": []}", 2, 4)]
    [InlineData("an unknown member", "{\"format\": \"stacking/catalog@1\",\n \"x\": \"\u00ff\", \"credentials\": []}", 2, 8)]
    [InlineData("a requirement", "{\"format\": \"stacking/catalog@1\", \"credentials\": [\n{\"id\": \"a\", \"requires\": {\"credential\": \"\u00ff\"}}]}", 2, 41)]
    [InlineData("a known member", "{\"format\": \"stacking/catalog@1\", \"name\": \"\u00ff\", \"credentials\": []}", 1, 43)]
    public void InvalidUtf8AnywhereIsAFormatFaultAtItsLineAndPosition(string where, string template, int line, int position)
    {
        // Each U+00FF of the template stands for the single byte 0xFF, which never occurs in UTF-8.
        var bytes = template.Select(c => c == '\u00ff' ? (byte)0xFF : (byte)c).ToArray();

        var ex = Record.Exception(() => CatalogJson.ReadWithFindings(new MemoryStream(bytes)));

        var format = Assert.IsType<StackingFormatException>(ex);
        Assert.True((line, position) == ((int)format.LineNumber!, (int)format.BytePositionInLine!), $"{where}: {format.Message}");
        Assert.Equal("The document is not valid UTF-8 (the byte 0xFF here is not part of a valid character).", format.Detail);
    }

    [Fact]
    public void AnUnknownMemberWithInvalidUtf8InALearnerIsAFormatFault()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"format\": \"stacking/learner@1\", \"holdings\": [{\"credential\": \"a\", \"earned\": \"2025-01-01\", \"note\": \"?\"}]}");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3; // the first byte of a two-byte sequence, then a quote

        var ex = Record.Exception(() => LearnerJson.ReadWithFindings(new MemoryStream(bytes)));

        Assert.IsType<StackingFormatException>(ex);
    }
}
