using FsCheck.Xunit;
using Stacking.Graph;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Graph;

/// <summary>Laws of the graph over catalogs generated from shrinkable int arrays.</summary>
public sealed class StackingGraphLaws
{
    /// <summary>Credential i references (|x| mod n) for each x of spec[i]: leaves under an anyOf, or an ids pool.</summary>
    internal static Catalog FromSpec(int[][] spec, bool acyclic)
    {
        var n = Math.Min(spec.Length, 8);
        var builder = new CatalogBuilder();
        for (var i = 0; i < n; i++)
        {
            var refs = (spec[i] ?? []).Take(4)
                .Select(x => acyclic ? (i == 0 ? -1 : (int)(Math.Abs((long)x) % i)) : (int)(Math.Abs((long)x) % n))
                .Where(r => r >= 0)
                .Distinct()
                .ToList();
            var index = i;
            builder.Credential($"c{i}", c => refs.Count == 0
                ? c
                : c with
                {
                    Requires = (spec[index]![0] & 1) == 0
                        ? Rule.AnyOf([.. refs.Select(r => (Requirement)Rule.Credential($"c{r}"))])
                        : Rule.Count(1, Select.Ids([.. refs.Select(r => new CredentialId($"c{r}"))])),
                });
        }

        return builder.Build();
    }

    private static bool HasCycleByBruteForce(StackingGraph graph)
    {
        var n = graph.Nodes.Length;
        var index = graph.Nodes.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var reach = new bool[n, n];
        foreach (var e in graph.Edges)
        {
            reach[index[e.From], index[e.To]] = true;
        }

        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    reach[i, j] |= reach[i, k] && reach[k, j];
                }
            }
        }

        return Enumerable.Range(0, n).Any(v => reach[v, v]);
    }

    [Property(MaxTest = 200)]
    public bool TheTopologicalOrderRespectsEveryEdge(int[][] spec)
    {
        var graph = StackingGraph.Build(FromSpec(spec ?? [], acyclic: true));
        if (!graph.TryGetTopologicalOrder(out var order))
        {
            return false;
        }

        var position = order.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return order.Length == graph.Nodes.Length && graph.Edges.All(e => position[e.From] < position[e.To]);
    }

    [Property(MaxTest = 200)]
    public bool ACatalogHasATopologicalOrderExactlyWhenItHasNoCycle(int[][] spec)
    {
        var graph = StackingGraph.Build(FromSpec(spec ?? [], acyclic: false));
        var hasOrder = graph.TryGetTopologicalOrder(out _);
        var cyclic = HasCycleByBruteForce(graph);
        return hasOrder == !cyclic && graph.HasCycle == cyclic && (graph.Cycles().Length > 0) == cyclic;
    }

    [Property(MaxTest = 200)]
    public bool DependenciesAndStackingAreInverse(int[][] spec)
    {
        var graph = StackingGraph.Build(FromSpec(spec ?? [], acyclic: false));
        return graph.Nodes.All(a => graph.TransitiveDependencies(a).All(b => graph.StacksInto(b).Contains(a)));
    }

    [Property(MaxTest = 100)]
    public bool TheGraphDoesNotDependOnCatalogOrder(int[][] spec)
    {
        var catalog = FromSpec(spec ?? [], acyclic: false);
        var reversed = new Catalog(catalog.Credentials.Reverse());
        var a = StackingGraph.Build(catalog);
        var b = StackingGraph.Build(reversed);
        return a.Edges.SequenceEqual(b.Edges) && a.ToMermaid() == b.ToMermaid() && a.ToDot() == b.ToDot();
    }
}
