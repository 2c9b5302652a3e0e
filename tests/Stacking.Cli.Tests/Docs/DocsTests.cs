using System.Text.Json;
using System.Text.RegularExpressions;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;

namespace Stacking.Cli.Tests.Docs;

/// <summary>Keeps the examples in docs/ true: JSON is read by the library, C# is compiled here.</summary>
public sealed partial class DocsTests
{
    /// <summary>The pages whose C# blocks this project compiles (the other pages' owners test theirs).</summary>
    private static readonly string[] CompiledPages = ["index.md", "getting-started.md", "concepts.md", "rules.md", "cli.md"];

    private static string DocsDir => Path.Combine(CliProcess.RepoRoot, "docs");

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var page in Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(page));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryJsonBlockIsAValidDocumentOrRequirementFragment(string page)
    {
        foreach (var block in Blocks(page, "json"))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(block);
            }
            catch (JsonException) when (!CompiledPages.Contains(page))
            {
                // Other pages' owners test their own examples; here only their requirement fragments are checked.
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                // The CLI-owned pages show only valid examples, read strictly. Other pages may show faulty documents on
                // purpose (to illustrate a finding), so there the lenient reader must accept them: it throws only for
                // malformed JSON, a wrong format or limits, and turns structural faults into findings.
                var strict = CompiledPages.Contains(page);
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var format))
                {
                    var learner = format.GetString() == LearnerRecord.Format;
                    object read = (learner, strict) switch
                    {
                        (true, true) => LearnerJson.Read(block),
                        (true, false) => LearnerJson.ReadWithFindings(block),
                        (false, true) => CatalogJson.Read(block),
                        (false, false) => CatalogJson.ReadWithFindings(block),
                    };
                    Assert.NotNull(read);
                }
                else if (IsRequirement(root))
                {
                    Assert.NotNull(ReadRequirement(block, strict));
                }
                else
                {
                    Assert.False(CompiledPages.Contains(page), $"{page}: a JSON block that is neither a document nor a requirement:\n{block}");
                }
            }
        }
    }

    [Fact]
    public void EveryRulesExampleInJsonEqualsTheCSharpBesideIt()
    {
        var text = Read("rules.md");
        var pairs = PairRegex().Matches(text);
        Assert.True(pairs.Count >= 15, $"only {pairs.Count} JSON/C# pairs found in rules.md");
        var compiled = DocExamples.Rules.ToDictionary(e => Normalize(e.Source), e => e.Rule);
        foreach (Match pair in pairs)
        {
            var json = pair.Groups["json"].Value;
            var source = Normalize(pair.Groups["expr"].Value);
            Assert.True(compiled.TryGetValue(source, out var expected), $"rules.md shows C# that DocExamples does not compile:\n{pair.Groups["expr"].Value}");
            Assert.Equal(expected, ReadRequirement(json));
        }

        Assert.Equal(compiled.Count, pairs.Count);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryCSharpBlockOfTheCliOwnedPagesIsCompiledCode(string page)
    {
        if (!CompiledPages.Contains(page))
        {
            return;
        }

        var sources = string.Join(
            "\n",
            Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "tests", "Stacking.Cli.Tests"), "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "samples"), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(File.ReadAllText));
        var normalizedSources = Normalize(sources);
        foreach (var block in Blocks(page, "csharp"))
        {
            var code = block.StartsWith("var rule = ", StringComparison.Ordinal)
                ? block["var rule = ".Length..].TrimEnd().TrimEnd(';')
                : block;
            Assert.True(normalizedSources.Contains(Normalize(code), StringComparison.Ordinal), $"{page} shows C# that no compiled file holds:\n{block}");
        }
    }

    [Fact]
    public void TheGettingStartedExampleRuns()
    {
        var plan = DocExamples.GettingStartedInCode();

        Assert.Equal(Stacking.Planning.PlanStatus.Optimal, plan.Status);
        Assert.Equal(100m, plan.Hours);
    }

    [Fact]
    public void TheGettingStartedFileExampleReadsTheDemo()
    {
        var (catalog, learner) = DocExamples.GettingStartedFromFiles(CliProcess.Demo("catalog.json"), CliProcess.Demo("learner-maya.json"));

        Assert.Equal(49, catalog.Credentials.Length);
        Assert.Equal("maya-career-changer", learner.Id);
    }

    private static Requirement ReadRequirement(string fragment, bool strict = true)
    {
        var document = $$"""{ "format": "stacking/catalog@1", "credentials": [ { "id": "fragment", "requires": {{fragment}} } ] }""";
        var catalog = strict ? CatalogJson.Read(document) : CatalogJson.ReadWithFindings(document).Value;
        return catalog.Credentials[0].Requires!;
    }

    private static bool IsRequirement(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && new[] { "credential", "allOf", "anyOf", "atLeast", "count", "credits", "hours", "skill" }.Any(k => element.TryGetProperty(k, out _))
        && !element.TryGetProperty("earned", out _);

    private static string Read(string page) => File.ReadAllText(Path.Combine(DocsDir, page)).ReplaceLineEndings("\n");

    private static IEnumerable<string> Blocks(string page, string language) =>
        Regex.Matches(Read(page), $"```{language}\\n(?<body>.*?)```", RegexOptions.Singleline).Select(m => m.Groups["body"].Value);

    private static string Normalize(string code) => WhitespaceRegex().Replace(code, " ").Trim();

    [GeneratedRegex(@"```json\n(?<json>.*?)```\s*```csharp\nvar rule = (?<expr>.*?);\n```", RegexOptions.Singleline)]
    private static partial Regex PairRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
