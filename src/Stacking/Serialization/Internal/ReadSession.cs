using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stacking.Model;
using Stacking.Validation;

namespace Stacking.Serialization.Internal;

/// <summary>One read of one document: the bytes, the limits, the mode (strict or lenient) and the findings so far.</summary>
internal sealed class ReadSession
{
    private static readonly ConcurrentDictionary<int, StackingJsonContext> Contexts = new();
    private readonly List<Finding> _findings = [];

    public ReadSession(ReadOnlyMemory<byte> utf8, JsonReadOptions options, bool lenient)
    {
        Utf8 = utf8;
        Options = options;
        Lenient = lenient;
    }

    public ReadOnlyMemory<byte> Utf8 { get; }

    public JsonReadOptions Options { get; }

    public bool Lenient { get; }

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Gets the generated context configured with the depth limit of the options.</summary>
    public StackingJsonContext Context => Contexts.GetOrAdd(Options.MaxDepth, static depth => new StackingJsonContext(CreateOptions(depth)));

    /// <summary>Parses the document into its transfer object with the generated context.</summary>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape, or too deep.</exception>
    public T Deserialize<T>(JsonTypeInfo<T> typeInfo)
        where T : class
    {
        // UTF-16 text (what some editors and shells save by default) would fail on its first byte with "'0xFF' is an
        // invalid start of a value"; say what the file is instead.
        if (Utf8.Span.StartsWith(Utf16LittleEndianBom) || Utf8.Span.StartsWith(Utf16BigEndianBom))
        {
            throw new StackingFormatException("The document is UTF-16 text (it starts with a UTF-16 byte order mark); documents are UTF-8: save it as UTF-8.", null, 1, 1, "$");
        }

        // The parser checks UTF-8 only in the strings it decodes; a bad byte in a member name or in an extension member
        // would pass it and fail later, in the mapping, outside any location. Check the whole document first (vectorised).
        if (!System.Text.Unicode.Utf8.IsValid(Utf8.Span))
        {
            var offset = FirstInvalidUtf8(Utf8.Span);
            var (line, position) = JsonLocator.ToLineAndPosition(Utf8.Span, offset);
            throw new StackingFormatException(
                string.Create(CultureInfo.InvariantCulture, $"The document is not valid UTF-8 (the byte 0x{Utf8.Span[offset]:X2} here is not part of a valid character)."),
                null,
                line,
                position,
                "$");
        }

        try
        {
            return JsonSerializer.Deserialize(Utf8.Span, typeInfo)
                ?? throw Fail("$", "The document is null; expected a JSON object.");
        }
        catch (JsonException ex)
        {
            // A value of the wrong JSON type (or one a converter refuses) is reported after the value; point at its start, as
            // every other fault after parsing does (syntax faults keep the position where the parser stopped).
            var jsonPath = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var start = ex is ValueFault || ex.Message.StartsWith(ConversionFault, StringComparison.Ordinal)
                ? JsonLocator.Locate(Utf8.Span, jsonPath, Options.MaxDepth)
                : null;
            // A lone UTF-16 surrogate escape (\ud800 not followed by \udc00-\udfff) is valid JSON syntax but no text: the
            // serializer reports it as a string "that could not be converted", which names the wrong fault.
            var message = ex.InnerException is InvalidOperationException inner && inner.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase)
                ? "The string has an invalid \\u escape: a lone UTF-16 surrogate (\\ud800–\\udbff must be followed by \\udc00–\\udfff, and \\udc00–\\udfff must follow one)."
                : Clean(ex.Message, jsonPath);
            throw new StackingFormatException(
                message,
                fileName: null,
                lineNumber: start?.Line ?? ex.LineNumber + 1,
                bytePositionInLine: start?.Position ?? ex.BytePositionInLine + 1,
                jsonPath: jsonPath,
                ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or FormatException or OverflowException)
        {
            // Invalid UTF-8 and other faults the serializer reports outside JsonException.
            throw new StackingFormatException(ex.Message, null, null, null, "$", ex);
        }
    }

    /// <summary>How many findings of one read carry their line and position (see <see cref="Report"/>).</summary>
    public const int MaxLocatedFindings = 1_000;

    /// <summary>Records a fault the typed model cannot hold: a finding when lenient, an exception when strict.</summary>
    /// <exception cref="StackingFormatException">The read is strict.</exception>
    public void Report(string code, string message, CredentialId? credential, string findingPath, PathRef jsonPath)
    {
        if (!Lenient)
        {
            throw Fail(jsonPath, $"{code}: {message}");
        }

        // Where the value is in the document, as a format error would say. Each is found by walking the document again,
        // so only the first MaxLocatedFindings are: a faulty export with a bad date in every holding stays linear.
        var location = _findings.Count < MaxLocatedFindings ? JsonLocator.Locate(Utf8.Span, jsonPath.ToString(), Options.MaxDepth) : null;
        _findings.Add(new Finding(code, Severity.Error, message, credential, findingPath) { LineNumber = location?.Line, BytePositionInLine = location?.Position });
    }

    /// <summary>Creates the exception for a fault at a JSON path, with its line and position when they can be found.</summary>
    public StackingFormatException Fail(PathRef jsonPath, string detail)
    {
        var path = jsonPath.ToString();
        var location = JsonLocator.Locate(Utf8.Span, path, Options.MaxDepth);
        return new StackingFormatException(detail, null, location?.Line, location?.Position, path);
    }

    /// <summary>Checks the <c>format</c> member before anything else is interpreted.</summary>
    /// <exception cref="StackingFormatException">The format is missing or not <paramref name="expected"/>.</exception>
    public void CheckFormat(string? format, string expected)
    {
        if (format is null)
        {
            throw Fail("$", $"The document has no \"format\" member; the supported value is \"{expected}\".");
        }

        if (!string.Equals(format, expected, StringComparison.Ordinal))
        {
            throw Fail("$.format", $"Unsupported format \"{format}\"; the supported value is \"{expected}\".");
        }
    }

    private static JsonSerializerOptions CreateOptions(int maxDepth) => new()
    {
        MaxDepth = maxDepth,
        // A member twice in one object is ambiguous: refuse it rather than let the last one win silently.
        AllowDuplicateProperties = false,
    };

    /// <summary>The start of System.Text.Json's message for a value of the wrong JSON type.</summary>
    private const string ConversionFault = "The JSON value could not be converted to ";

    /// <summary>The start of System.Text.Json's message for a member that appears twice in one object.</summary>
    private const string DuplicateFault = "Duplicate property '";

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    /// <summary>Rewrites the serializer's message in the document's words, without its own 0-based location suffix (the exception carries a 1-based one).</summary>
    /// <remarks>
    /// Spec §9 asks for a clear message: the reader of the message wrote the document, not the reader's code, so
    /// neither internal type names nor advice about reader options belong in it. A message this does not
    /// recognise is passed through with only its location suffix removed.
    /// </remarks>
    private static string Clean(string message, string path)
    {
        if (message.StartsWith(ConversionFault, StringComparison.Ordinal))
        {
            var type = message[ConversionFault.Length..];
            return "Expected " + (type switch
            {
                _ when type.StartsWith("System.String", StringComparison.Ordinal) => "a string",
                _ when type.Contains("List`1", StringComparison.Ordinal) => "an array",
                _ when type.Contains(nameof(CatalogDto), StringComparison.Ordinal) => "a catalog document: a JSON object with \"format\": \"stacking/catalog@1\"",
                _ when type.Contains(nameof(LearnerDto), StringComparison.Ordinal) => "a learner document: a JSON object with \"format\": \"stacking/learner@1\"",
                _ when type.Contains(nameof(CredentialDto), StringComparison.Ordinal) => "a credential object",
                _ when type.Contains(nameof(SkillDto), StringComparison.Ordinal) => "a skill object",
                _ when type.Contains(nameof(HoldingDto), StringComparison.Ordinal) => "a holding object",
                _ when type.Contains(nameof(ExceptionDto), StringComparison.Ordinal) => "an exception object",
                _ => "another JSON type",
            }) + " here.";
        }

        if (message.StartsWith(DuplicateFault, StringComparison.Ordinal))
        {
            // The message names the transfer object's property ("Extra" for every unknown member); the path names the member.
            return $"The member \"{LastMember(path)}\" appears twice in one object.";
        }

        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var index = message.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                message = message[..index];
            }
        }

        message = message.TrimEnd();
        if (message.StartsWith("The input does not contain any JSON tokens.", StringComparison.Ordinal))
        {
            return "The document is empty; expected a JSON object.";
        }

        // A document cut short: the parser's words for it speak of depth and payload.
        if (message.StartsWith("Expected depth to be zero at the end of the JSON payload.", StringComparison.Ordinal))
        {
            return "The document ends before its JSON is complete: an object or array is not closed.";
        }

        if (message.StartsWith("Expected end of string, but instead reached end of data.", StringComparison.Ordinal))
        {
            return "The document ends inside a string: its closing '\"' is missing.";
        }

        // "... contains a trailing comma at the end which is not supported in this mode. Change the reader options."
        const string TrailingComma = " which is not supported in this mode. Change the reader options.";
        if (message.EndsWith(TrailingComma, StringComparison.Ordinal))
        {
            return string.Concat(message.AsSpan(0, message.Length - TrailingComma.Length), "; JSON allows none.");
        }

        // A comment is the usual reason for a '/' where the parser expected something else.
        return message.StartsWith("'/' is ", StringComparison.Ordinal) ? message + " JSON has no comments." : message;
    }

    /// <summary>Gets the last member name of a JSON path as System.Text.Json writes it (<c>$.a.b</c>, <c>$['a b']</c>).</summary>
    private static string LastMember(string path)
    {
        if (path.EndsWith("']", StringComparison.Ordinal) && path.LastIndexOf("['", StringComparison.Ordinal) is var open and >= 0)
        {
            return path[(open + 2)..^2].Replace("\\'", "'", StringComparison.Ordinal);
        }

        return path[(path.LastIndexOf('.') + 1)..];
    }

    /// <summary>Finds the offset of the first byte that does not begin a valid UTF-8 sequence.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length && System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return Math.Min(offset, utf8.Length - 1);
    }

    /// <summary>Formats a number for a message.</summary>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
