using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stacking.Validation;

namespace Stacking.Cli.Infrastructure;

/// <summary>Writes the <c>--json</c> answers; member names here are the stable contract documented in docs/cli.md.</summary>
internal static class JsonOutput
{
    // Standard output is JSON for programs, never HTML: quotes stay \" and non-ASCII names (accents, CJK) stay
    // readable instead of \u0022 and \u00E9, as in the documents the library writes. Control characters are still escaped.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one indented JSON object to standard output.</summary>
    public static void Write(JsonObject value) => Console.Out.WriteLine(value.ToJsonString(Indented));

    /// <summary>Formats one JSON object on a single line (JSON lines).</summary>
    public static string Line(JsonObject value) => value.ToJsonString(Compact);

    /// <summary>Formats a date as the spec's <c>YYYY-MM-DD</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Gets the lower-case name of a severity.</summary>
    public static string Severity(Severity severity) => severity == Validation.Severity.Error ? "error" : "warning";

    /// <summary>Converts a finding: <c>code</c>, <c>severity</c>, <c>message</c>, <c>path</c> (credential and node path),
    /// <c>credential</c>, and <c>line</c> and <c>position</c> in the file when the reader made it.</summary>
    public static JsonObject Finding(Finding finding)
    {
        var json = new JsonObject
        {
            ["code"] = finding.Code,
            ["severity"] = Severity(finding.Severity),
            ["message"] = finding.Message,
            ["path"] = finding.Location,
            ["credential"] = finding.Credential?.Value,
        };
        if (finding.LineNumber is { } line)
        {
            json["line"] = line;
            json["position"] = finding.BytePositionInLine;
        }

        return json;
    }

    /// <summary>Gets <c>line L, position P: </c> for a finding the reader made, or nothing.</summary>
    public static string Where(Finding finding) => finding.LineNumber is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"line {line}{(finding.BytePositionInLine is { } p ? $", position {p}" : string.Empty)}: ")
        : string.Empty;

    /// <summary>Converts a list of findings.</summary>
    public static JsonArray Findings(IEnumerable<Finding> findings) => new(findings.Select(f => (JsonNode)Finding(f)).ToArray());

    /// <summary>Converts a list of ids.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
