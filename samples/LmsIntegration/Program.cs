// How an LMS back end embeds Stacking: load and validate the catalog once, then evaluate a whole cohort in
// parallel against every certificate, writing one result file per learner and a summary. Public API only.
//
//   dotnet run --project samples/LmsIntegration -- [CATALOG] [COHORT.jsonl] [OUTPUT-DIR] [AS-OF]
//
// Defaults: the demo catalog, data/cohort.jsonl, ./lms-results, and 2026-09-01.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Validation;

var baseDir = AppContext.BaseDirectory;
var catalogPath = args.Length > 0 ? args[0] : Path.Combine(baseDir, "data", "catalog.json");
var cohortPath = args.Length > 1 ? args[1] : Path.Combine(baseDir, "data", "cohort.jsonl");
var outputDir = args.Length > 2 ? args[2] : Path.Combine(Directory.GetCurrentDirectory(), "lms-results");
var asOf = args.Length > 3 ? DateOnly.ParseExact(args[3], "yyyy-MM-dd", CultureInfo.InvariantCulture) : new DateOnly(2026, 9, 1);

// 1. Once per catalog: read, validate, and build the evaluator (immutable and thread-safe, shared by every thread).
Catalog catalog;
try
{
    catalog = CatalogJson.ReadFile(catalogPath);
}
catch (Exception e) when (e is StackingFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cannot read the catalog: {e.Message}");
    return 2;
}

var catalogReport = CatalogValidator.Validate(catalog);
if (!catalogReport.IsValid)
{
    foreach (var error in catalogReport.Errors)
    {
        Console.Error.WriteLine(error);
    }

    return 1;
}

var evaluator = new EligibilityEvaluator(catalog);
var certificates = catalog.Credentials
    .Where(c => c.Kind is "certificate" or "diploma" or "degree")
    .Select(c => c.Id)
    .ToArray();

// 2. The cohort: one stacking/learner@1 document per line. A bad line (malformed JSON, invalid UTF-8, an invalid
//    learner) is reported with its line number and skipped, never fatal. Lines are read as UTF-8 bytes and handed
//    to the library's reader, which rejects invalid UTF-8 instead of silently replacing it (as decoding the file as
//    text would) and locates faults inside the line.
var learners = new List<(int Line, LearnerRecord Learner)>();
var skipped = 0;
byte[] cohort;
try
{
    cohort = File.ReadAllBytes(cohortPath);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cannot read the cohort: {e.Message}");
    return 2;
}

foreach (var (text, lineNumber) in JsonLines(cohort))
{
    if (text.Span.Trim(" \t\r"u8).IsEmpty)
    {
        continue;
    }

    try
    {
        using var stream = new MemoryStream(text.ToArray(), writable: false);
        var learner = LearnerJson.Read(stream);
        var report = LearnerValidator.Validate(learner, catalog);
        if (report.IsValid)
        {
            learners.Add((lineNumber, learner));
            continue;
        }

        Console.Error.WriteLine($"{cohortPath}: line {lineNumber}: skipped, {report.Errors.First()}");
    }
    catch (StackingFormatException e)
    {
        // The reader saw one line as a whole document: its position is within the line, its line is ours.
        var where = e.BytePositionInLine is { } position ? $", position {position}" : string.Empty;
        var path = e.JsonPath is { } jsonPath ? $" ({jsonPath})" : string.Empty;
        Console.Error.WriteLine($"{cohortPath}: line {lineNumber}{where}{path}: skipped, {e.Detail}");
    }

    skipped++;
}

// Learner ids come from the LMS, not from us: a result file is named by the id only when the id is a safe file
// name (no path separators, no "..") and not taken by an earlier learner; otherwise by the line it came from.
var fileNames = new Dictionary<int, string>();
var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "summary" };
foreach (var (line, learner) in learners)
{
    var name = learner.Id is { } id && IsSafeFileName(id) && taken.Add(id) ? id : $"line-{line}";
    taken.Add(name);
    fileNames[line] = name + ".json";
}

// 3. In parallel: each learner's items are prepared once, then checked against every certificate on the fast path;
//    the full evaluation (progress, explanation) only where the LMS shows it.
Directory.CreateDirectory(outputDir);
var awards = new ConcurrentDictionary<CredentialId, int>();
var watch = Stopwatch.StartNew();
Parallel.ForEach(learners, entry =>
{
    var prepared = evaluator.Prepare(entry.Learner, asOf);
    var results = new List<object>();
    foreach (var certificate in certificates)
    {
        var status = evaluator.Check(certificate, prepared);
        if (status == EligibilityStatus.Eligible)
        {
            awards.AddOrUpdate(certificate, 1, (_, n) => n + 1);
        }

        // The full evaluation reuses the prepared items; the LMS shows its progress (and could show its explanation).
        var progress = status == EligibilityStatus.Eligible ? 1.0 : evaluator.Evaluate(certificate, prepared, planned: null).Progress;
        results.Add(new Dictionary<string, object?>
        {
            ["credential"] = certificate.Value,
            ["eligible"] = status == EligibilityStatus.Eligible,
            ["progress"] = Math.Round(progress, 3),
        });
    }

    var document = new Dictionary<string, object?>
    {
        ["learner"] = entry.Learner.Id ?? $"line-{entry.Line}",
        ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["results"] = results,
    };
    File.WriteAllText(Path.Combine(outputDir, fileNames[entry.Line]), JsonSerializer.Serialize(document, Json.Options));
});
watch.Stop();

// 4. The summary an LMS dashboard shows.
var summary = new Dictionary<string, object?>
{
    ["catalog"] = catalog.Name,
    ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ["learners"] = learners.Count,
    ["skippedLines"] = skipped,
    ["eligibleByCredential"] = certificates.ToDictionary(c => c.Value, c => awards.GetValueOrDefault(c)),
    ["elapsedMilliseconds"] = watch.ElapsedMilliseconds,
};
File.WriteAllText(Path.Combine(outputDir, "summary.json"), JsonSerializer.Serialize(summary, Json.Options));

Console.WriteLine($"Evaluated {learners.Count} learners against {certificates.Length} qualifications in {watch.ElapsedMilliseconds} ms.");
foreach (var certificate in certificates)
{
    Console.WriteLine($"  {catalog[certificate].Title ?? certificate.Value}: {awards.GetValueOrDefault(certificate)} eligible");
}

Console.WriteLine($"Per-learner results and summary.json are in {outputDir}");
return 0;

// The lines of a JSON-lines file, split at \n (a \r before it is white space to the JSON reader), numbered from 1.
static IEnumerable<(ReadOnlyMemory<byte> Text, int Line)> JsonLines(byte[] bytes)
{
    var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
    var line = 1;
    while (start <= bytes.Length)
    {
        var end = Array.IndexOf(bytes, (byte)'\n', start);
        var stop = end < 0 ? bytes.Length : end;
        yield return (bytes.AsMemory(start, stop - start), line++);
        if (end < 0)
        {
            yield break;
        }

        start = end + 1;
    }
}

static bool IsSafeFileName(string id) =>
    id.Length is > 0 and <= 100
    && id is not ("." or "..")
    && id.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
    && id.IndexOfAny(['/', '\\', ':']) < 0
    && !id.EndsWith('.')
    && id.Trim() == id;

/// <summary>Output settings shared by every file the sample writes.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true };
}
