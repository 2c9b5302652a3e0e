using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Graph;

/// <content>The queries of a <see cref="StackingGraph"/>.</content>
public sealed partial class StackingGraph
{
    /// <summary>Gets the credentials with no requirement: where every pathway starts.</summary>
    /// <returns>Their ids, ordinal order.</returns>
    public ImmutableArray<CredentialId> EntryPoints() =>
        [.. Nodes.Where(id => Catalog.Find(id)?.Requires is null)];

    /// <summary>Gets the edges into a credential: what its requirement can use.</summary>
    /// <param name="id">The credential.</param>
    /// <returns>The edges, ordered by <see cref="DependencyEdge.From"/> (ordinal).</returns>
    /// <exception cref="ArgumentException">The graph lacks <paramref name="id"/>.</exception>
    public ImmutableArray<DependencyEdge> EdgesInto(CredentialId id) =>
        [.. _in[IndexOf(id, nameof(id))].Select(e => Edges[e])];

    /// <summary>Gets the edges out of a credential: the requirements that can use it.</summary>
    /// <param name="id">The credential.</param>
    /// <returns>The edges, ordered by <see cref="DependencyEdge.To"/> (ordinal).</returns>
    /// <exception cref="ArgumentException">The graph lacks <paramref name="id"/>.</exception>
    public ImmutableArray<DependencyEdge> EdgesOutOf(CredentialId id) =>
        [.. _out[IndexOf(id, nameof(id))].Select(e => Edges[e])];

    /// <summary>Gets everything a credential depends on, transitively: every credential its requirement can use, theirs, and so on.</summary>
    /// <param name="id">The credential.</param>
    /// <returns>The ids, ordinal order; the credential itself only when it is on a cycle.</returns>
    /// <exception cref="ArgumentException">The graph lacks <paramref name="id"/>.</exception>
    public ImmutableArray<CredentialId> TransitiveDependencies(CredentialId id) =>
        Reach(IndexOf(id, nameof(id)), v => _in[v].Select(e => _from[e]));

    /// <summary>Gets every credential a credential can stack into, transitively: the requirements that can use it, those that can use them, and so on.</summary>
    /// <param name="id">The credential.</param>
    /// <returns>The ids, ordinal order; the credential itself only when it is on a cycle.</returns>
    /// <exception cref="ArgumentException">The graph lacks <paramref name="id"/>.</exception>
    public ImmutableArray<CredentialId> StacksInto(CredentialId id) =>
        Reach(IndexOf(id, nameof(id)), v => _out[v].Select(e => _to[e]));

    /// <summary>Gets a value indicating whether the graph has a cycle (a self-reference counts).</summary>
    public bool HasCycle => _components.Value.Count < Nodes.Length || Enumerable.Range(0, Nodes.Length).Any(HasSelfLoop);

    /// <summary>Gets a topological order: every credential after everything its requirement can use.</summary>
    /// <param name="order">The order, when there is one; among credentials free to come next, the ordinally smallest id comes first, so the order is deterministic.</param>
    /// <returns><see langword="true"/> when the graph has no cycle, so an order exists.</returns>
    public bool TryGetTopologicalOrder(out ImmutableArray<CredentialId> order)
    {
        var remaining = new int[Nodes.Length];
        var ready = new PriorityQueue<int, int>();
        for (var v = 0; v < Nodes.Length; v++)
        {
            remaining[v] = _in[v].Length;
            if (remaining[v] == 0)
            {
                // Nodes are numbered in ordinal order of their ids, so the number is the tie-break.
                ready.Enqueue(v, v);
            }
        }

        var result = ImmutableArray.CreateBuilder<CredentialId>(Nodes.Length);
        while (ready.TryDequeue(out var v, out _))
        {
            result.Add(Nodes[v]);
            foreach (var e in _out[v])
            {
                var to = _to[e];
                if (--remaining[to] == 0)
                {
                    ready.Enqueue(to, to);
                }
            }
        }

        if (result.Count < Nodes.Length)
        {
            order = ImmutableArray<CredentialId>.Empty;
            return false;
        }

        order = result.MoveToImmutable();
        return true;
    }

    /// <summary>Gets the strongly connected components: groups of credentials that each (transitively) depend on all the others.</summary>
    /// <returns>Every component, each in ordinal order, ordered by first member; singletons included.</returns>
    public ImmutableArray<ImmutableArray<CredentialId>> StronglyConnectedComponents()
    {
        var (componentOf, count) = _components.Value;
        var groups = new List<CredentialId>[count];
        for (var c = 0; c < count; c++)
        {
            groups[c] = [];
        }

        for (var v = 0; v < Nodes.Length; v++)
        {
            groups[componentOf[v]].Add(Nodes[v]);
        }

        return [.. groups.Where(g => g.Count > 0).Select(g => g.ToImmutableArray()).OrderBy(g => g[0])];
    }

    /// <summary>Gets the components that hold a cycle: those of two or more credentials, and single credentials that reference themselves.</summary>
    /// <returns>The components, as <see cref="StronglyConnectedComponents"/> orders them.</returns>
    public ImmutableArray<ImmutableArray<CredentialId>> Cycles() =>
        [.. StronglyConnectedComponents().Where(c => c.Length > 1 || HasSelfLoop(_indexOf[c[0]]))];

    /// <summary>Gets the sub-graph relevant to one target: the target, everything it transitively depends on, and the edges among them.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The sub-graph, over the same catalog.</returns>
    /// <exception cref="ArgumentException">The graph lacks <paramref name="target"/>.</exception>
    public StackingGraph Pathway(CredentialId target)
    {
        var t = IndexOf(target, nameof(target));
        var keep = new bool[Nodes.Length];
        keep[t] = true;
        foreach (var id in TransitiveDependencies(target))
        {
            keep[_indexOf[id]] = true;
        }

        var renumber = new int[Nodes.Length];
        var nodes = ImmutableArray.CreateBuilder<CredentialId>();
        for (var v = 0; v < Nodes.Length; v++)
        {
            if (keep[v])
            {
                renumber[v] = nodes.Count;
                nodes.Add(Nodes[v]);
            }
        }

        var edges = ImmutableArray.CreateBuilder<DependencyEdge>();
        var from = new List<int>();
        var to = new List<int>();
        for (var e = 0; e < Edges.Length; e++)
        {
            if (keep[_from[e]] && keep[_to[e]])
            {
                edges.Add(Edges[e]);
                from.Add(renumber[_from[e]]);
                to.Add(renumber[_to[e]]);
            }
        }

        return new StackingGraph(Catalog, nodes.ToImmutable(), edges.ToImmutable(), [.. from], [.. to]);
    }

    private bool HasSelfLoop(int v) => _in[v].Any(e => _from[e] == v);

    private ImmutableArray<CredentialId> Reach(int start, Func<int, IEnumerable<int>> next)
    {
        var seen = new bool[Nodes.Length];
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            foreach (var w in next(queue.Dequeue()))
            {
                if (!seen[w])
                {
                    seen[w] = true;
                    queue.Enqueue(w);
                }
            }
        }

        var result = ImmutableArray.CreateBuilder<CredentialId>();
        for (var v = 0; v < Nodes.Length; v++)
        {
            if (seen[v])
            {
                result.Add(Nodes[v]);
            }
        }

        return result.ToImmutable();
    }
}
