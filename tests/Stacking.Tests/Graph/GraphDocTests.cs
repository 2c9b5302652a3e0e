using System.Text.RegularExpressions;
using Stacking.Graph;
using Stacking.Model;
using Stacking.Tests.Support;

namespace Stacking.Tests.Graph;

/// <summary>Keeps docs/graph.md true: its Mermaid example is what the code renders for <see cref="ExampleCatalogs.DataCareers"/>.</summary>
public sealed partial class GraphDocTests
{
    internal static GraphExportOptions DocOptions { get; } = new()
    {
        Target = "data-analyst-cert",
        Learner = new LearnerRecord("learner-42", [new Holding("intro-data", new DateOnly(2025, 1, 15))]),
        Plan = [new CredentialId("sql-foundations"), new CredentialId("python-data"), new CredentialId("viz-elective"), new CredentialId("data-analyst-cert")],
    };

    [Fact]
    public void TheMermaidExampleOfTheGraphDocIsWhatTheCodeRenders()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "graph.md"));
        var block = MermaidBlock().Match(doc);
        Assert.True(block.Success, "docs/graph.md has no ```mermaid block");

        var rendered = StackingGraph.Build(ExampleCatalogs.DataCareers()).ToMermaid(DocOptions);

        Assert.Equal(rendered, block.Groups[1].Value);
    }

    [GeneratedRegex("```mermaid\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();
}
