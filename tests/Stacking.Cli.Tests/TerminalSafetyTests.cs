namespace Stacking.Cli.Tests;

/// <summary>
/// Text from documents (titles, node ids, learner ids) never reaches a terminal or a log as control characters: a
/// document cannot forge an output line or send the terminal an escape sequence.
/// </summary>
public sealed class TerminalSafetyTests : IDisposable
{
    // ESC ] 0 ; … BEL sets the window title, ESC [ 2 J clears the screen, U+009B is the one-character CSI, U+2028
    // breaks the line in many viewers, U+202E reverses what follows.
    private const string Hostile = @"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u2028\u202Eevil\tend";

    private static readonly string CatalogJson = $$$"""
        {"format": "stacking/catalog@1", "name": "N{{{Hostile}}}", "credentials": [
          {"id": "a", "title": "A{{{Hostile}}}", "kind": "course{{{Hostile}}}", "issuer": "I{{{Hostile}}}", "hours": 10, "skills": {"sql": 2}},
          {"id": "b", "title": "B{{{Hostile}}}", "hours": 5, "cost": 100},
          {"id": "q", "title": "Q{{{Hostile}}}", "requires":
            {"id": "both{{{Hostile}}}", "title": "Both{{{Hostile}}}", "allOf": [{"credential": "a"}, {"credential": "b"}]}}
        ]}
        """;

    private static readonly string LearnerJson = $$$"""
        {"format": "stacking/learner@1", "id": "l{{{Hostile}}}\nfake: line", "holdings": [{"credential": "a", "earned": "2026-01-10"}]}
        """;

    // The waiver names a node that does not exist (STK016), so the message quotes the id, line break and all.
    private static readonly string WaivingLearnerJson = $$$"""
        {"format": "stacking/learner@1", "id": "w", "holdings": [],
         "exceptions": [{"waive": {"credential": "q", "node": "n\nfake: ok{{{Hostile}}}"}}]}
        """;

    private readonly TempFiles _files = new();

    public static TheoryData<string> HumanReadableCommands => new()
    {
        "check",
        "plan",
        "portfolio",
        "graph-mermaid",
        "graph-dot",
        "validate",
    };

    [Theory]
    [MemberData(nameof(HumanReadableCommands))]
    public void NoControlCharacterFromADocumentIsPrinted(string command)
    {
        var catalog = _files.Write("catalog.json", CatalogJson);
        var learner = _files.Write("learner.json", LearnerJson);
        string[] args = command switch
        {
            "check" => ["check", catalog, learner, "--target", "q", "--as-of", "2026-09-01"],
            "plan" => ["plan", catalog, learner, "--target", "q", "--as-of", "2026-09-01"],
            "portfolio" => ["portfolio", catalog, learner, "--as-of", "2026-09-01"],
            "graph-mermaid" => ["graph", catalog, "--format", "mermaid"],
            "graph-dot" => ["graph", catalog, "--format", "dot"],
            _ => ["validate", catalog, "--learner", learner],
        };

        var result = CliProcess.Run(args);

        Assertions.ExitCode(0, result);
        AssertSafe(result.Stdout, result);
        AssertSafe(result.Stderr, result);
        // The tables and trees show the characters as escapes, the diagrams as spaces (docs/graph.md); both still
        // show the text around them.
        if (command is not ("validate" or "graph-mermaid" or "graph-dot"))
        {
            Assert.Contains(@"\u001B", result.Stdout, StringComparison.Ordinal);
        }

        if (command.StartsWith("graph", StringComparison.Ordinal))
        {
            Assert.Contains("evil end", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("validate")]
    public void AMessageQuotingADocumentStaysOneLine(string command)
    {
        var catalog = _files.Write("catalog.json", CatalogJson);
        var learner = _files.Write("waiving.json", WaivingLearnerJson);
        string[] args = command == "check"
            ? ["check", catalog, learner, "--target", "q", "--as-of", "2026-09-01"]
            : ["validate", catalog, "--learner", learner];

        var result = CliProcess.Run(args);

        Assertions.ExitCode(1, result);
        AssertSafe(result.Stderr, result);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("fake", StringComparison.Ordinal));
        Assert.Contains("STK016", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(@"\u000Afake", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private static void AssertSafe(string text, CliResult result)
    {
        var bad = text.Where(c => (char.IsControl(c) && c is not '\n' and not '\r') || c is '\u2028' or '\u2029' or '\u202E').ToList();
        Assert.True(bad.Count == 0, $"printed {string.Join(", ", bad.Select(c => $"U+{(int)c:X4}"))}:\n{result}");
    }
}
