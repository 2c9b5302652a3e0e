using System.Collections.Immutable;
using Stacking.Graph;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Graph;

public sealed class StackingGraphTests
{
    private static CredentialId[] Ids(params string[] ids) => [.. ids.Select(id => new CredentialId(id))];

    [Fact]
    public void EveryUsableCredentialHasAnEdgeLabelledWithHowItIsUsed()
    {
        var graph = StackingGraph.Build(ExampleCatalogs.DataCareers());

        Assert.Equal<DependencyEdge>(
            [
                new DependencyEdge("python-data", "data-analyst-cert", DependencyUsage.Required, "requires.allOf[1]"),
                new DependencyEdge("sql-foundations", "data-analyst-cert", DependencyUsage.Required, "requires.allOf[0]"),
                new DependencyEdge("stats-elective", "data-analyst-cert", DependencyUsage.PoolMember, "requires.allOf[2]"),
                new DependencyEdge("viz-elective", "data-analyst-cert", DependencyUsage.PoolMember, "requires.allOf[2]"),
                new DependencyEdge("intro-data", "python-data", DependencyUsage.Required, "requires"),
                new DependencyEdge("excel-basics", "sql-foundations", DependencyUsage.Alternative, "requires.anyOf[1]"),
                new DependencyEdge("intro-data", "sql-foundations", DependencyUsage.Alternative, "requires.anyOf[0]"),
            ],
            graph.Edges);
    }

    [Fact]
    public void DependenciesAndStackingAreTransitive()
    {
        var graph = StackingGraph.Build(ExampleCatalogs.DataCareers());

        Assert.Equal(Ids("excel-basics", "intro-data", "python-data", "sql-foundations", "stats-elective", "viz-elective"), graph.TransitiveDependencies("data-analyst-cert"));
        Assert.Equal(Ids("data-analyst-cert", "python-data", "sql-foundations"), graph.StacksInto("intro-data"));
        Assert.Empty(graph.StacksInto("data-analyst-cert"));
        Assert.Equal(Ids("excel-basics", "intro-data", "stats-elective", "viz-elective"), graph.EntryPoints());
    }

    [Fact]
    public void TheTopologicalOrderIsDeterministicAndPutsPrerequisitesFirst()
    {
        var graph = StackingGraph.Build(ExampleCatalogs.DataCareers());

        Assert.True(graph.TryGetTopologicalOrder(out var order));
        Assert.Equal(Ids("excel-basics", "intro-data", "python-data", "sql-foundations", "stats-elective", "viz-elective", "data-analyst-cert"), order);
        Assert.False(graph.HasCycle);
        Assert.Empty(graph.Cycles());
    }

    [Fact]
    public void ACycleHasNoTopologicalOrderAndIsOneComponent()
    {
        var catalog = new CatalogBuilder()
            .Credential("a", c => c with { Requires = Rule.AnyOf(Rule.Credential("b"), Rule.Credential("x")) })
            .Credential("b", c => c with { Requires = Rule.Credential("a") })
            .Credential("x")
            .Credential("self", c => c with { Requires = Rule.Credential("self") })
            .Build();
        var graph = StackingGraph.Build(catalog);

        Assert.True(graph.HasCycle);
        Assert.False(graph.TryGetTopologicalOrder(out _));
        Assert.Equal([Ids("a", "b"), Ids("self"), Ids("x")], graph.StronglyConnectedComponents().Select(c => c.ToArray()));
        Assert.Equal([Ids("a", "b"), Ids("self")], graph.Cycles().Select(c => c.ToArray()));
        Assert.Equal(Ids("a", "b", "x"), graph.TransitiveDependencies("a"));
    }

    [Fact]
    public void ImplicitSelectorsNeverMakeACredentialDependOnItselfButExplicitOnesDo()
    {
        var catalog = new CatalogBuilder()
            .Credential("a", c => c with { Tags = ["t"], Credits = 3, Requires = Rule.Credits(3, Select.Tag("t")) })
            .Credential("b", c => c with { Tags = ["t"], Credits = 3 })
            .Credential("z", c => c with { Tags = ["t"] })
            .Credential("c", c => c with { Requires = Rule.Count(1, Select.Ids("c", "b")) })
            .Build();
        var graph = StackingGraph.Build(catalog);

        Assert.Equal(Ids("b"), graph.EdgesInto("a").Select(e => e.From));
        Assert.Equal(Ids("b", "c"), graph.EdgesInto("c").Select(e => e.From));
    }

    [Fact]
    public void EquivalentsAndSkillSourcesAreEdges()
    {
        var catalog = new CatalogBuilder()
            .Credential("old", c => c with { EquivalentTo = [new CredentialId("new")] })
            .Credential("new", c => c with { Skills = new Dictionary<SkillId, int> { ["sql"] = 3 } })
            .Credential("weak", c => c with { Skills = new Dictionary<SkillId, int> { ["sql"] = 1 } })
            .Credential("q", c => c with { Requires = Rule.AllOf(Rule.Credential("old"), Rule.Skill("sql", 2)) })
            .Build();
        var graph = StackingGraph.Build(catalog);

        Assert.Equal<DependencyEdge>(
            [
                new DependencyEdge("new", "q", DependencyUsage.Required, "requires.allOf[0]"),
                new DependencyEdge("old", "q", DependencyUsage.Required, "requires.allOf[0]"),
            ],
            graph.EdgesInto("q"));
    }

    [Fact]
    public void ThePathwayOfATargetIsItsDependencySubGraph()
    {
        var graph = StackingGraph.Build(ExampleCatalogs.DataCareers());

        var pathway = graph.Pathway("python-data");

        Assert.Equal(Ids("intro-data", "python-data"), pathway.Nodes);
        Assert.Equal<DependencyEdge>([new DependencyEdge("intro-data", "python-data", DependencyUsage.Required, "requires")], pathway.Edges);
        Assert.Throws<ArgumentException>(() => graph.Pathway("nope"));
    }

    [Fact]
    public void TheDotExportHighlightsTheTargetHoldingsAndPlan()
    {
        var graph = StackingGraph.Build(ExampleCatalogs.DataCareers());
        var learner = new LearnerRecord("l", [new Holding("intro-data", new DateOnly(2025, 1, 1))]);

        var dot = graph.ToDot(new GraphExportOptions { Target = "python-data", PathwayOnly = true, Learner = learner, Plan = [new CredentialId("python-data")] });

        Assert.Equal(
            "digraph stacking {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
            + "  n0 [label=\"intro-data\", color=\"#1565c0\", penwidth=2, style=\"rounded,filled\", fillcolor=\"#c8e6c9\"];\n"
            + "  n1 [label=\"python-data (step 1)\", color=\"#1565c0\", penwidth=2, style=\"rounded,filled\", fillcolor=\"#ffd54f\"];\n"
            + "  n0 -> n1;\n}\n",
            dot);
    }

    [Fact]
    public void ExportLabelsAreEscaped()
    {
        var catalog = new CatalogBuilder().Credential("a\"b<c>#", c => c with { Title = "T\\x" }).Build();
        var graph = StackingGraph.Build(catalog);

        Assert.Contains("n0[\"a#quot;b#lt;c#gt;#35;: T\\x\"]", graph.ToMermaid(new GraphExportOptions { IncludeTitles = true }), StringComparison.Ordinal);
        Assert.Contains("label=\"a\\\"b<c>#\"", graph.ToDot(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAmpersandInALabelIsShownAsWrittenNotReadAsAnEntity()
    {
        // Mermaid and Graphviz both read "&amp;" in a label as an entity: a title that says "R&amp;D" literally would show "R&D".
        var catalog = new CatalogBuilder().Credential("rd", c => c with { Title = "R&amp;D & QA" }).Build();
        var graph = StackingGraph.Build(catalog);

        Assert.Contains("n0[\"rd: R#38;amp;D #38; QA\"]", graph.ToMermaid(new GraphExportOptions { IncludeTitles = true }), StringComparison.Ordinal);
        Assert.Contains("label=\"rd: R&amp;amp;D &amp; QA\"", graph.ToDot(new GraphExportOptions { IncludeTitles = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void AControlCharacterInATitleBecomesASpace()
    {
        // An escape sequence in a title reached the diagram's text, and a terminal that printed it.
        var catalog = new CatalogBuilder().Credential("a", c => c with { Title = "A\u001b[2J\u009b1m\u2028B\u202Ec\r\nd" }).Build();
        var graph = StackingGraph.Build(catalog);
        var options = new GraphExportOptions { IncludeTitles = true };

        Assert.Contains("n0[\"a: A [2J 1m B c d\"]", graph.ToMermaid(options), StringComparison.Ordinal);
        Assert.Contains("label=\"a: A [2J 1m B c\\nd\"", graph.ToDot(options), StringComparison.Ordinal);
    }
}
