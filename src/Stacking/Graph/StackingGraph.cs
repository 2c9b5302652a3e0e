using System.Collections.Frozen;
using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Graph;

/// <summary>The dependency graph of a catalog: which credentials each credential's requirement can use.</summary>
/// <remarks>
/// <para>A node per credential (repeated ids count once); an edge <c>From → To</c> when <c>To</c>'s requirement can use
/// <c>From</c>: by a credential leaf (with its equivalents), by a selector, or as a skill source, labelled with a
/// <see cref="DependencyUsage"/>. One edge per pair of credentials, with the strongest usage. A <c>credits</c> or
/// <c>hours</c> pool uses only credentials with credits or hours above 0, and implicit selectors (tag, kind, issuer,
/// level, skill, any) never make a credential depend on itself; explicit self-references do.</para>
/// <para>Immutable and thread-safe. Every query answers in a deterministic order (ordinal by id unless said otherwise),
/// whatever the order of the catalog. Queries that name a credential throw <see cref="ArgumentException"/> when the
/// graph lacks it: check with <see cref="Contains"/> first.</para>
/// </remarks>
public sealed partial class StackingGraph
{
    private readonly FrozenDictionary<CredentialId, int> _indexOf;
    private readonly ImmutableArray<ImmutableArray<int>> _in;
    private readonly ImmutableArray<ImmutableArray<int>> _out;
    private readonly Lazy<(int[] ComponentOf, int Count)> _components;

    private StackingGraph(Catalog catalog, ImmutableArray<CredentialId> nodes, ImmutableArray<DependencyEdge> edges)
    {
        Catalog = catalog;
        Nodes = nodes;
        Edges = edges;
        var indexOf = new Dictionary<CredentialId, int>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
        {
            indexOf[nodes[i]] = i;
        }

        _indexOf = indexOf.ToFrozenDictionary();
        var incoming = new List<int>[nodes.Length];
        var outgoing = new List<int>[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            incoming[i] = [];
            outgoing[i] = [];
        }

        for (var e = 0; e < edges.Length; e++)
        {
            incoming[indexOf[edges[e].To]].Add(e);
            outgoing[indexOf[edges[e].From]].Add(e);
        }

        _in = [.. incoming.Select(list => list.ToImmutableArray())];
        _out = [.. outgoing.Select(list => list.ToImmutableArray())];
        _components = new Lazy<(int[], int)>(
            () => GraphAlgorithms.StronglyConnectedComponents(Nodes.Length, v => _in[v].Select(e => _indexOf[Edges[e].From])),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the catalog the graph was built from.</summary>
    public Catalog Catalog { get; }

    /// <summary>Gets the credentials of the graph, in ordinal order of their ids.</summary>
    public ImmutableArray<CredentialId> Nodes { get; }

    /// <summary>Gets the edges, ordered by <see cref="DependencyEdge.To"/> then <see cref="DependencyEdge.From"/> (ordinal).</summary>
    public ImmutableArray<DependencyEdge> Edges { get; }

    /// <summary>Builds the graph of a catalog.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The graph.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public static StackingGraph Build(Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Build(DependencyIndex.Build(catalog));
    }

    /// <summary>Builds the graph from a computed dependency index.</summary>
    internal static StackingGraph Build(DependencyIndex index)
    {
        var credentials = index.Matcher.Credentials;
        var order = Enumerable.Range(0, credentials.Length).OrderBy(i => credentials[i].Id).ToArray();
        var nodes = order.Select(i => credentials[i].Id).ToImmutableArray();
        var edges = ImmutableArray.CreateBuilder<DependencyEdge>();
        var best = new Dictionary<int, (DependencyUsage Usage, string Path)>();
        foreach (var target in order)
        {
            best.Clear();
            foreach (var reference in index.References[target])
            {
                foreach (var source in reference.Sources)
                {
                    if (!best.TryGetValue(source, out var known) || reference.Usage < known.Usage)
                    {
                        best[source] = (reference.Usage, reference.Path);
                    }
                }
            }

            var to = credentials[target].Id;
            foreach (var (source, (usage, path)) in best.OrderBy(pair => credentials[pair.Key].Id))
            {
                edges.Add(new DependencyEdge(credentials[source].Id, to, usage, path));
            }
        }

        return new StackingGraph(index.Matcher.Catalog, nodes, edges.ToImmutable());
    }

    /// <summary>Gets a value indicating whether the graph has a credential.</summary>
    /// <param name="id">The credential id.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(CredentialId id) => _indexOf.ContainsKey(id);

    private int IndexOf(CredentialId id, string paramName) =>
        _indexOf.TryGetValue(id, out var index)
            ? index
            : throw new ArgumentException($"The graph has no credential '{id}'.", paramName);
}
