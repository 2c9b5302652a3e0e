using System.Buffers;
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

    /// <summary>The characters <see cref="Printable"/> replaces.</summary>
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private static string EscapeMermaid(string text) =>
        Printable(text).Replace("#", "#35;", StringComparison.Ordinal)
            .Replace("&", "#38;", StringComparison.Ordinal)
            .Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal)
            .Replace(">", "#gt;", StringComparison.Ordinal);

    private static string EscapeDot(string text) =>
        Printable(text, keepLineFeed: true).Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// A label's text with every control character (C0, DEL, C1), U+2028/U+2029 and bidirectional override or isolate
    /// replaced by a space (a line feed kept when asked): a title from a catalog cannot break a line of the diagram's
    /// text, send a terminal that prints it an escape sequence, or reorder what a reader of the text sees.
    /// </summary>
    private static string Printable(string text, bool keepLineFeed = false)
    {
        if (!text.AsSpan().ContainsAny(Unprintable))
        {
            return text;
        }

        var chars = text.Replace("\r\n", "\n", StringComparison.Ordinal).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Unprintable.Contains(chars[i]) && !(keepLineFeed && chars[i] == '\n'))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

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
