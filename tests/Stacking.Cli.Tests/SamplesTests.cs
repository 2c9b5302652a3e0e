using System.Text.Json;

namespace Stacking.Cli.Tests;

public sealed class SamplesTests
{
    [Fact]
    public void TheReadmeQuickStartIsTheQuickStartSampleVerbatim()
    {
        var program = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "README.md")).ReplaceLineEndings("\n");

        var region = Between(program, "// <quickstart>\n", "// </quickstart>");
        var block = Between(readme[readme.IndexOf("## Quick start in code", StringComparison.Ordinal)..], "```csharp\n", "```");

        Assert.Equal(region, block);
    }

    [Fact]
    public void ThePackagesReadmeQuickStartIsTheQuickStartSampleVerbatimAndItsLinksAreAbsolute()
    {
        // The package's README is read on the registry, away from the repository: its code is the compiled sample's,
        // and every link is absolute.
        var program = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "src", "Stacking", "PackageReadme.md")).ReplaceLineEndings("\n");

        var region = Between(program, "// <quickstart>\n", "// </quickstart>");
        var block = Between(readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..], "```csharp\n", "```");

        Assert.Equal(region, block);
        var links = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link, StringComparison.Ordinal));
    }

    [Fact]
    public void TheQuickStartRunsAndFindsTheCheapestPathway()
    {
        var result = CliProcess.RunSample("QuickStart");

        Assertions.ExitCode(0, result);
        Assert.Contains("valid: True", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("eligible: False", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Optimal: viz -> data-cert (40 h, 500 USD)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLmsSampleWritesOneResultPerLearnerAndASummary()
    {
        using var files = new TempFiles();
        var output = Path.Combine(files.Root, "out");

        var result = CliProcess.RunSample("LmsIntegration", CliProcess.Demo("catalog.json"), Path.Combine(CliProcess.RepoRoot, "samples", "LmsIntegration", "data", "cohort.jsonl"), output, "2026-09-01");

        Assertions.ExitCode(0, result);
        Assert.Equal(13, Directory.GetFiles(output, "*.json").Length);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal(12, summary.RootElement.GetProperty("learners").GetInt32());
        var eligible = summary.RootElement.GetProperty("eligibleByCredential");
        var counts = eligible.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var expected = new Dictionary<string, int>
        {
            ["data-analytics-cert"] = 2, // s1002, and s1012 through the articulated SQL course (an equivalence)
            ["data-viz-cert"] = 1,       // s1007; s1008's BI certification expired in 2023
            ["pm-cert"] = 3,             // s1003, s1009 by transfer credit (a substitution), s1010 by a waiver
            ["cloud-cert"] = 1,          // s1006; s1005's Altostrat certification lapsed in 2025
            ["ux-cert"] = 1,             // s1004, with 40 hours of UX electives
            ["marketing-cert"] = 2,      // s1001, s1012
            ["diploma-digital-business"] = 0, // s1012 has two certificates but 21 of the 30 credits
            ["bachelor-digital"] = 0,
        };
        Assert.Equal(expected, counts);
        using var waived = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "s1010.json")));
        Assert.Contains(
            waived.RootElement.GetProperty("results").EnumerateArray(),
            r => r.GetProperty("credential").GetString() == "pm-cert" && r.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public void TheLmsSampleSkipsBadLinesWithTheirPlaceAndNeverWritesOutsideItsOutputFolder()
    {
        using var files = new TempFiles();
        var output = Path.Combine(files.Root, "nested", "out");
        var good = File.ReadLines(Path.Combine(CliProcess.RepoRoot, "samples", "LmsIntegration", "data", "cohort.jsonl")).First();
        var cohort = Path.Combine(files.Root, "cohort.jsonl");
        using (var stream = File.Create(cohort))
        {
            void Line(string text) => stream.Write(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
            Line(good);                                                                            // 1: s1001
            Line("""{"format":"stacking/learner@1","id":"../escape","holdings":[]}""");           // 2: unsafe id
            Line("""{"format":"stacking/learner@1","id":"s1001","holdings":[]}""");              // 3: duplicate id
            stream.Write([.. "{\"format\":\"stacking/learner@1\",\"id\":\"caf"u8, 0xE9, .. "\",\"holdings\":[]}\n"u8]); // 4: invalid UTF-8
            Line(string.Empty);                                                                    // 5: blank
            Line("""{"format":"stacking/learner@1","id":"x","holdings":[""");                    // 6: truncated
        }

        var result = CliProcess.RunSample("LmsIntegration", CliProcess.Demo("catalog.json"), cohort, output, "2026-09-01");

        Assertions.ExitCode(0, result);
        Assert.Equal(["line-2.json", "line-3.json", "s1001.json", "summary.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(files.Root, "nested", "escape.json")));
        Assert.Contains("line 4, position 41 ($): skipped, The document is not valid UTF-8", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 6, position", result.Stderr, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal(3, summary.RootElement.GetProperty("learners").GetInt32());
        Assert.Equal(2, summary.RootElement.GetProperty("skippedLines").GetInt32());
        using var escaped = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "line-2.json")));
        Assert.Equal("../escape", escaped.RootElement.GetProperty("learner").GetString());
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start.Trim()}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end.Trim()}' not found");
        return text[from..to];
    }
}
