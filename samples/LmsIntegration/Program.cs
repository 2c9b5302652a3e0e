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
catch (StackingFormatException e)
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

// 2. The cohort: one stacking/learner@1 document per line. A bad line is reported and skipped, never fatal.
var learners = new List<(int Line, LearnerRecord Learner)>();
var lineNumber = 0;
foreach (var line in File.ReadLines(cohortPath))
{
    lineNumber++;
    if (string.IsNullOrWhiteSpace(line))
    {
        continue;
    }

    try
    {
        var learner = LearnerJson.Read(line);
        var report = LearnerValidator.Validate(learner, catalog);
        if (report.IsValid)
        {
            learners.Add((lineNumber, learner));
        }
        else
        {
            Console.Error.WriteLine($"{cohortPath}: line {lineNumber}: skipped, {report.Errors.First()}");
        }
    }
    catch (StackingFormatException e)
    {
        Console.Error.WriteLine($"{cohortPath}: line {lineNumber}: skipped, {e.Message}");
    }
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

    var id = entry.Learner.Id ?? $"line-{entry.Line}";
    var document = new Dictionary<string, object?>
    {
        ["learner"] = id,
        ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["results"] = results,
    };
    File.WriteAllText(Path.Combine(outputDir, id + ".json"), JsonSerializer.Serialize(document, Json.Options));
});
watch.Stop();

// 4. The summary an LMS dashboard shows.
var summary = new Dictionary<string, object?>
{
    ["catalog"] = catalog.Name,
    ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ["learners"] = learners.Count,
    ["skippedLines"] = lineNumber - learners.Count - File.ReadLines(cohortPath).Count(string.IsNullOrWhiteSpace),
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

/// <summary>Output settings shared by every file the sample writes.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true };
}
