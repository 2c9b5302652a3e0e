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
    private readonly int[] _from;
    private readonly int[] _to;

    /// <summary>Creates a graph from nodes in ordinal order and edges given with their endpoints' node numbers.</summary>
    private StackingGraph(Catalog catalog, ImmutableArray<CredentialId> nodes, ImmutableArray<DependencyEdge> edges, int[] from, int[] to)
    {
        Catalog = catalog;
        Nodes = nodes;
        Edges = edges;
        _from = from;
        _to = to;
        var indexOf = new Dictionary<CredentialId, int>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
        {
            indexOf[nodes[i]] = i;
        }

        _indexOf = indexOf.ToFrozenDictionary();
        _in = Group(nodes.Length, to);
        _out = Group(nodes.Length, from);
        _components = new Lazy<(int[], int)>(
            () => GraphAlgorithms.StronglyConnectedComponents(Nodes.Length, v => _in[v].Select(e => _from[e])),
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
        var n = credentials.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => credentials[i].Id).ToArray();
        var rank = new int[n];
        for (var r = 0; r < n; r++)
        {
            rank[order[r]] = r;
        }

        var nodes = order.Select(i => credentials[i].Id).ToImmutableArray();
        var edges = ImmutableArray.CreateBuilder<DependencyEdge>();
        var from = new List<int>();
        var to = new List<int>();

        // Per target: the strongest usage of each source, found with a stamp array instead of a dictionary.
        var stamp = new int[n];
        var usage = new DependencyUsage[n];
        var path = new string[n];
        var touched = new List<int>();
        for (var r = 0; r < n; r++)
        {
            var target = order[r];
            touched.Clear();
            foreach (var reference in index.References[target])
            {
                foreach (var source in reference.Sources)
                {
                    var s = rank[source];
                    if (stamp[s] != r + 1)
                    {
                        stamp[s] = r + 1;
                        usage[s] = reference.Usage;
                        path[s] = reference.Path;
                        touched.Add(s);
                    }
                    else if (reference.Usage < usage[s])
                    {
                        usage[s] = reference.Usage;
                        path[s] = reference.Path;
                    }
                }
            }

            touched.Sort();
            var id = nodes[r];
            foreach (var s in touched)
            {
                edges.Add(new DependencyEdge(nodes[s], id, usage[s], path[s]));
                from.Add(s);
                to.Add(r);
            }
        }

        return new StackingGraph(index.Matcher.Catalog, nodes, edges.ToImmutable(), [.. from], [.. to]);
    }

    private static ImmutableArray<ImmutableArray<int>> Group(int count, int[] endpoint)
    {
        var sizes = new int[count];
        foreach (var v in endpoint)
        {
            sizes[v]++;
        }

        var groups = new int[count][];
        for (var v = 0; v < count; v++)
        {
            groups[v] = new int[sizes[v]];
            sizes[v] = 0;
        }

        for (var e = 0; e < endpoint.Length; e++)
        {
            groups[endpoint[e]][sizes[endpoint[e]]++] = e;
        }

        return [.. groups.Select(ImmutableArray.Create)];
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
