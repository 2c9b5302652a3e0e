using QuikGraph;
using QuikGraph.Algorithms;

namespace Stacking.Graph;

/// <summary>Graph algorithms over densely numbered vertices, run by QuikGraph; nothing of QuikGraph leaves this class.</summary>
internal static class GraphAlgorithms
{
    /// <summary>Gets the strongly connected components of a graph over 0..n-1.</summary>
    /// <param name="count">The number of vertices.</param>
    /// <param name="successors">The successors of a vertex.</param>
    /// <returns>For each vertex, the number of its component; and the number of components.</returns>
    public static (int[] ComponentOf, int Count) StronglyConnectedComponents(int count, Func<int, IEnumerable<int>> successors)
    {
        var graph = new AdjacencyGraph<int, SEdge<int>>(allowParallelEdges: true, vertexCapacity: count, edgeCapacity: -1);
        for (var v = 0; v < count; v++)
        {
            graph.AddVertex(v);
        }

        for (var v = 0; v < count; v++)
        {
            foreach (var w in successors(v))
            {
                graph.AddEdge(new SEdge<int>(v, w));
            }
        }

        var components = new Dictionary<int, int>(count);
        var componentCount = graph.StronglyConnectedComponents(components);
        var result = new int[count];
        for (var v = 0; v < count; v++)
        {
            result[v] = components[v];
        }

        return (result, componentCount);
    }

    /// <summary>Finds a shortest cycle through a vertex, staying inside an allowed set.</summary>
    /// <param name="start">The vertex.</param>
    /// <param name="successors">The successors of a vertex.</param>
    /// <param name="allowed">Whether a vertex may be on the cycle.</param>
    /// <returns>The cycle as start, v1, ..., vk (the edge vk → start closes it), or null when there is none.</returns>
    public static List<int>? ShortestCycleThrough(int start, Func<int, IEnumerable<int>> successors, Func<int, bool> allowed)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in successors(v))
            {
                if (w == start)
                {
                    var cycle = new List<int>();
                    for (var x = v; x != start; x = parent[x])
                    {
                        cycle.Add(x);
                    }

                    cycle.Add(start);
                    cycle.Reverse();
                    return cycle;
                }

                if (allowed(w) && !parent.ContainsKey(w))
                {
                    parent[w] = v;
                    queue.Enqueue(w);
                }
            }
        }

        return null;
    }
}
