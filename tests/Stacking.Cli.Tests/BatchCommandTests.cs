using System.Text.Json;

namespace Stacking.Cli.Tests;

public sealed class BatchCommandTests
{
    private static readonly string Catalog = CliProcess.Demo("catalog.json");

    private static string Compact(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(CliProcess.Demo(file)));
        return JsonSerializer.Serialize(document.RootElement);
    }

    private static JsonElement[] Lines(CliResult result) =>
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.Clone();
            })
            .ToArray();

    [Fact]
    public void OneResultPerLearnerInInputOrder()
    {
        using var files = new TempFiles();
        var cohort = files.Write("cohort.jsonl", string.Join('\n', Compact("learner-maya.json"), string.Empty, Compact("learner-daniel.json"), Compact("learner-aisha.json")) + "\n");

        var result = CliProcess.Run("batch", Catalog, cohort, "--target", "data-viz", "--as-of", "2026-09-01");

        Assertions.ExitCode(0, result);
        var lines = Lines(result);
        Assert.Equal(new[] { "maya-career-changer", "daniel-cloud-lapsed", "aisha-new-graduate" }, lines.Select(l => l.GetProperty("learner").GetString()));
        Assert.All(lines, l => Assertions.HasMembers(l, "line", "learner", "target", "asOf", "eligible", "progress"));
        Assert.Equal(new[] { true, false, false }, lines.Select(l => l.GetProperty("eligible").GetBoolean()));
        Assert.Equal(new[] { 1, 3, 4 }, lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal(string.Empty, result.Stderr); // no progress bar: standard error is not a terminal here
    }

    [Fact]
    public void AMalformedLineIsReportedWithItsLineNumberAndTheOthersStillRun()
    {
        using var files = new TempFiles();
        var cohort = files.Write("cohort.jsonl", Compact("learner-maya.json") + "\n{ \"format\": \"stacking/learner@1\", \n" + Compact("learner-aisha.json") + "\n");

        var result = CliProcess.Run("batch", Catalog, cohort, "--target", "data-viz", "--as-of", "2026-09-01");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        var lines = Lines(result);
        Assert.Equal(3, lines.Length);
        Assert.Equal("malformed", lines[1].GetProperty("error").GetString());
        Assert.Contains("line 2", result.Stderr, StringComparison.Ordinal);
        Assert.True(lines[2].GetProperty("eligible").ValueKind is JsonValueKind.True or JsonValueKind.False);
    }

    [Fact]
    public void ALearnerWithValidationErrorsGetsAnErrorLineAndExitCodeOne()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var cohort = files.Write("cohort.jsonl", Fixtures.LearnerHoldingSql.ReplaceLineEndings(" ") + "\n" + Fixtures.LearnerExpiresBeforeEarned.ReplaceLineEndings(" ") + "\n");

        var result = CliProcess.Run("batch", catalog, cohort, "--target", "cert", "--as-of", "2026-01-01");

        Assertions.ExitCode(1, result);
        var lines = Lines(result);
        Assert.False(lines[0].GetProperty("eligible").GetBoolean());
        Assert.Equal("validation", lines[1].GetProperty("error").GetString());
    }

    [Fact]
    public void QuotesAndAccentedNamesArePrintedReadablyNotAsUnicodeEscapes()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var learner = Fixtures.LearnerHoldingSql.Replace("\"id\": \"ana\"", "\"id\": \"Zoë \\\"Z\\\" Ünal\"", StringComparison.Ordinal);
        var cohort = files.Write("cohort.jsonl", learner.ReplaceLineEndings(" ") + "\n");

        var result = CliProcess.Run("batch", catalog, cohort, "--target", "cert", "--as-of", "2026-01-01");

        Assertions.ExitCode(0, result);
        Assert.Contains("\"learner\":\"Zoë \\\"Z\\\" Ünal\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("Zoë \"Z\" Ünal", Lines(result)[0].GetProperty("learner").GetString());
    }

    [Fact]
    public void ALineThatIsNotUtf8IsMalformedInsteadOfReadWithAReplacementCharacter()
    {
        // A Latin-1 "ë" (one byte, 0xEB) from a spreadsheet export: the file was decoded as text and the learner read as
        // "Zo\uFFFDl", silently; each line is now read as UTF-8 like any other document, and the other lines still run.
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var good = System.Text.Encoding.UTF8.GetBytes(Fixtures.LearnerHoldingSql.ReplaceLineEndings(" ") + "\n");
        var latin1 = System.Text.Encoding.Latin1.GetBytes(Fixtures.LearnerHoldingSql.Replace("\"ana\"", "\"Zo\u00EBl\"", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\n");
        var cohort = Path.Combine(files.Root, "cohort.jsonl");
        File.WriteAllBytes(cohort, [.. latin1, .. good]);

        var result = CliProcess.Run("batch", catalog, cohort, "--target", "cert", "--as-of", "2026-01-01");

        Assertions.ExitCode(2, result);
        var lines = Lines(result);
        Assert.Equal("malformed", lines[0].GetProperty("error").GetString());
        Assert.Contains("cohort.jsonl: line 1, position", lines[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", lines[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("ana", lines[1].GetProperty("learner").GetString());
    }

    [Fact]
    public void AMissingCohortFileExitsWithTwo()
    {
        var result = CliProcess.Run("batch", Catalog, "/nonexistent/cohort.jsonl", "--target", "data-viz");

        Assertions.ExitCode(2, result);
        Assert.Contains("cohort.jsonl", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACohortLargerThanOneChunkIsWrittenWholeInInputOrderWithItsLineNumbers()
    {
        // The cohort is read, evaluated and written one chunk at a time: 2 600 learners span three chunks, with CRLF line
        // ends, blank lines and a malformed line placed across a chunk boundary, and every answer keeps its line.
        using var files = new TempFiles();
        var learners = new[] { Compact("learner-maya.json"), Compact("learner-daniel.json"), Compact("learner-aisha.json") };
        var text = new System.Text.StringBuilder();
        var expected = new List<(int Line, string? Learner)>();
        var line = 0;
        for (var i = 0; i < 2_600; i++)
        {
            line++;
            if (i % 500 == 7)
            {
                text.Append(" \r\n");
                line++;
            }

            if (i == 1_030)
            {
                text.Append("{ \"format\": \"stacking/learner@1\",\r\n");
                expected.Add((line, null));
                continue;
            }

            text.Append(learners[i % 3]).Append("\r\n");
            expected.Add((line, new[] { "maya-career-changer", "daniel-cloud-lapsed", "aisha-new-graduate" }[i % 3]));
        }

        var cohort = files.Write("cohort.jsonl", text.ToString());

        var result = CliProcess.Run("batch", Catalog, cohort, "--target", "data-viz", "--as-of", "2026-09-01");

        Assertions.ExitCode(2, result);
        var lines = Lines(result);
        Assert.True(lines.Length > 2 * 1024);
        Assert.Equal(expected.Select(e => e.Line), lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal(expected.Select(e => e.Learner), lines.Select(l => l.TryGetProperty("learner", out var id) ? id.GetString() : null));
        Assert.Equal(expected.Count(e => e.Learner == "maya-career-changer"), lines.Count(l => l.TryGetProperty("eligible", out var e) && e.GetBoolean()));
        Assert.Contains($"line {expected.First(e => e.Learner is null).Line}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACohortWrittenAsUtf16WithAByteOrderMarkIsRead()
    {
        using var files = new TempFiles();
        var cohort = Path.Combine(files.Root, "cohort.jsonl");
        File.WriteAllText(cohort, Compact("learner-maya.json") + "\r\n" + Compact("learner-aisha.json") + "\r\n", System.Text.Encoding.Unicode);

        var result = CliProcess.Run("batch", Catalog, cohort, "--target", "data-viz", "--as-of", "2026-09-01");

        Assertions.ExitCode(0, result);
        Assert.Equal(new[] { "maya-career-changer", "aisha-new-graduate" }, Lines(result).Select(l => l.GetProperty("learner").GetString()));
    }

    [Fact]
    public void ACohortOnStandardInputIsReadAsItComes()
    {
        // "-" is standard input, here a pipe, which cannot be sought: the lines come in as they are written.
        var cohort = string.Join("\n", Compact("learner-maya.json"), string.Empty, Compact("learner-daniel.json"), Compact("learner-aisha.json")) + "\n";

        var result = CliProcess.RunWithInput(cohort, "batch", Catalog, "-", "--target", "data-viz", "--as-of", "2026-09-01");

        Assertions.ExitCode(0, result);
        var lines = Lines(result);
        Assert.Equal(new[] { "maya-career-changer", "daniel-cloud-lapsed", "aisha-new-graduate" }, lines.Select(l => l.GetProperty("learner").GetString()));
        Assert.Equal(new[] { 1, 3, 4 }, lines.Select(l => l.GetProperty("line").GetInt32()));
    }
}
