using System.Globalization;
using System.Text;
using Stacking.Model;

namespace Stacking.Graph;

/// <content>The Mermaid and Graphviz DOT exports of a <see cref="StackingGraph"/>.</content>
public sealed partial class StackingGraph
{
    /// <summary>Renders the graph as a Mermaid flowchart (left to right, prerequisites on the left).</summary>
    /// <param name="options">What to show and highlight; null for the whole graph, nothing highlighted.</param>
    /// <returns>The Mermaid text, lines ending in <c>\n</c>.</returns>
    /// <remarks>
    /// Nodes are named <c>n0</c>, <c>n1</c>... in ordinal order of their ids. Edges: <c>--&gt;</c> required,
    /// <c>-.-&gt;</c> one of alternatives, <c>-. pool .-&gt;</c> pool member, <c>-. skill .-&gt;</c> skill source.
    /// Highlights are the classes <c>pathway</c>, <c>held</c>, <c>planned</c> and <c>target</c> (later ones win).
    /// The text depends only on the graph and the options, so it can be compared in tests.
    /// </remarks>
    /// <exception cref="ArgumentException">The options name a target the graph lacks.</exception>
    public string ToMermaid(GraphExportOptions? options = null)
    {
        var view = View.Of(this, options ?? new GraphExportOptions());
        var text = new StringBuilder("flowchart LR\n");
        for (var i = 0; i < view.Nodes.Count; i++)
        {
            text.Append("  n").Append(i).Append("[\"").Append(EscapeMermaid(view.Label(i))).Append("\"]\n");
        }

        for (var e = 0; e < view.Edges.Count; e++)
        {
            var edge = view.Edges[e];
            var arrow = edge.Usage switch
            {
                DependencyUsage.Required => " --> ",
                DependencyUsage.Alternative => " -.-> ",
                DependencyUsage.PoolMember => " -. pool .-> ",
                _ => " -. skill .-> ",
            };
            text.Append("  n").Append(view.Scope._from[e]).Append(arrow).Append('n').Append(view.Scope._to[e]).Append('\n');
        }

        foreach (var (name, style, members) in view.Classes())
        {
            text.Append("  classDef ").Append(name).Append(' ').Append(style).Append('\n');
            text.Append("  class ").Append(string.Join(",", members.Select(i => "n" + i.ToString(CultureInfo.InvariantCulture)))).Append(' ').Append(name).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Renders the graph in Graphviz DOT (left to right, prerequisites on the left).</summary>
    /// <param name="options">What to show and highlight; null for the whole graph, nothing highlighted.</param>
    /// <returns>The DOT text, lines ending in <c>\n</c>.</returns>
    /// <remarks>
    /// Nodes are named <c>n0</c>, <c>n1</c>... in ordinal order of their ids and labelled with the id. Edges: solid
    /// required, dashed one of alternatives, dotted and labelled <c>pool</c> or <c>skill</c> for pool members and
    /// skill sources. Highlights: the pathway has a blue border, held credentials are green, planned ones blue and
    /// the target amber (later ones win).
    /// </remarks>
    /// <exception cref="ArgumentException">The options name a target the graph lacks.</exception>
    public string ToDot(GraphExportOptions? options = null)
    {
        var view = View.Of(this, options ?? new GraphExportOptions());
        var text = new StringBuilder("digraph stacking {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        for (var i = 0; i < view.Nodes.Count; i++)
        {
            text.Append("  n").Append(i).Append(" [label=\"").Append(EscapeDot(view.Label(i))).Append('"');
            var id = view.Nodes[i];
            if (view.Pathway.Contains(id))
            {
                text.Append(", color=\"#1565c0\", penwidth=2");
            }

            var fill = view.Target is { } target && target.Equals(id) ? "#ffd54f"
                : view.PlanStep.ContainsKey(id) ? "#bbdefb"
                : view.Held.Contains(id) ? "#c8e6c9"
                : null;
            if (fill is not null)
            {
                text.Append(", style=\"rounded,filled\", fillcolor=\"").Append(fill).Append('"');
            }

            text.Append("];\n");
        }

        for (var e = 0; e < view.Edges.Count; e++)
        {
            var edge = view.Edges[e];
            text.Append("  n").Append(view.Scope._from[e]).Append(" -> n").Append(view.Scope._to[e]);
            text.Append(edge.Usage switch
            {
                DependencyUsage.Required => ";\n",
                DependencyUsage.Alternative => " [style=dashed];\n",
                DependencyUsage.PoolMember => " [style=dotted, label=\"pool\"];\n",
                _ => " [style=dotted, label=\"skill\"];\n",
            });
        }

        return text.Append("}\n").ToString();
    }

    private static string EscapeMermaid(string text) =>
        text.Replace("#", "#35;", StringComparison.Ordinal)
            .Replace("&", "#38;", StringComparison.Ordinal)
            .Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal)
            .Replace(">", "#gt;", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal);

    private static string EscapeDot(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal);

    /// <summary>What an export shows: the nodes and edges in scope and the highlight sets.</summary>
    private sealed class View
    {
        public required Catalog Catalog { get; init; }

        public required GraphExportOptions Options { get; init; }

        public required IReadOnlyList<CredentialId> Nodes { get; init; }

        public required IReadOnlyList<DependencyEdge> Edges { get; init; }

        public required StackingGraph Scope { get; init; }

        public required HashSet<CredentialId> Pathway { get; init; }

        public required HashSet<CredentialId> Held { get; init; }

        public required Dictionary<CredentialId, int> PlanStep { get; init; }

        public CredentialId? Target => Options.Target;

        public static View Of(StackingGraph graph, GraphExportOptions options)
        {
            var pathway = new HashSet<CredentialId>();
            var scope = graph;
            if (options.Target is { } target)
            {
                var sub = graph.Pathway(target);
                pathway.UnionWith(sub.Nodes);
                if (options.PathwayOnly)
                {
                    scope = sub;
                }
            }

            var held = new HashSet<CredentialId>();
            if (options.Learner is { } learner)
            {
                foreach (var holding in learner.Holdings)
                {
                    if (options.AsOf is not { } asOf || holding.IsValidAt(asOf, graph.Catalog.Find(holding.Credential)?.ValidFor))
                    {
                        held.Add(holding.Credential);
                    }
                }
            }

            var plan = new Dictionary<CredentialId, int>();
            for (var i = 0; i < options.Plan.Length; i++)
            {
                plan.TryAdd(options.Plan[i], i + 1);
            }

            return new View
            {
                Catalog = graph.Catalog,
                Options = options,
                Nodes = scope.Nodes,
                Edges = scope.Edges,
                Scope = scope,
                Pathway = pathway,
                Held = held,
                PlanStep = plan,
            };
        }

        public string Label(int i)
        {
            var id = Nodes[i];
            var label = id.Value;
            if (Options.IncludeTitles && Catalog.Find(id)?.Title is { Length: > 0 } title)
            {
                label += ": " + title;
            }

            if (PlanStep.TryGetValue(id, out var step))
            {
                label += " (step " + step.ToString(CultureInfo.InvariantCulture) + ")";
            }

            return label;
        }

        public IEnumerable<(string Name, string Style, List<int> Members)> Classes()
        {
            (string, string, Func<CredentialId, bool>)[] classes =
            [
                ("pathway", "stroke:#1565c0,stroke-width:2px", Pathway.Contains),
                ("held", "fill:#c8e6c9,stroke:#2e7d32", Held.Contains),
                ("planned", "fill:#bbdefb,stroke:#1565c0", PlanStep.ContainsKey),
                ("target", "fill:#ffd54f,stroke:#f57f17,stroke-width:3px", id => Target is { } t && t.Equals(id)),
            ];
            foreach (var (name, style, member) in classes)
            {
                var members = Enumerable.Range(0, Nodes.Count).Where(i => member(Nodes[i])).ToList();
                if (members.Count > 0)
                {
                    yield return (name, style, members);
                }
            }
        }
    }
}
