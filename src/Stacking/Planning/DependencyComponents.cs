namespace Stacking.Planning;

/// <summary>The strongly connected components of a planning problem's cone under "m's requirement can use m'", shared
/// by <see cref="LowerBounds"/> (a fixpoint per component) and <see cref="Incumbent"/> (its cost estimate).</summary>
internal static class DependencyComponents
{
    /// <summary>Tarjan's algorithm over the cone's dependency graph; components come out prerequisites first, each
    /// sorted ascending, roots taken in ordinal order (deterministic).</summary>
    /// <returns>The components, and for each whether it is cyclic (several members, or one that can use itself).</returns>
    /// <remarks>Computed once per problem (the incumbent and every bound of a request share it; at most milliseconds on
    /// a NEU degree, whose cone is every course and whose whole request takes about 10 ms); callers only read the arrays.</remarks>
    public static (int[][] Components, bool[] Cyclic) Of(PlanningProblem p)
    {
        if (p.DependencyComponents is not { } known)
        {
            known = Compute(p);
            p.DependencyComponents = known;
        }

        return known;
    }

    private static (int[][] Components, bool[] Cyclic) Compute(PlanningProblem p)
    {
        var n = p.Count;
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<int[]>();
        var cyclic = new List<bool>();
        var counter = 0;

        // Edges m → m' for every m' that m's requirement can use: a component is emitted after everything it reads.
        // (ascending, read off the support without an intersected copy of it).
        int[] Successors(int m)
        {
            if (p.Catalog.Requirements[m] is not { } r)
            {
                return [];
            }

            var list = new List<int>();
            foreach (var x in r.Support.Members())
            {
                if (p.Cone.Contains(x))
                {
                    list.Add(x);
                }
            }

            return [.. list];
        }

        var successors = new int[n][];
        foreach (var m in p.ConeList)
        {
            successors[m] = Successors(m);
        }

        // Iterative Tarjan: the call stack holds (vertex, next successor position).
        var calls = new Stack<(int V, int Next)>();
        foreach (var root in p.ConeList)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            calls.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (calls.Count > 0)
            {
                var (v, next) = calls.Pop();
                var succ = successors[v];
                if (next < succ.Length)
                {
                    calls.Push((v, next + 1));
                    var w = succ[next];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        calls.Push((w, 0));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (calls.Count > 0)
                {
                    var parent = calls.Peek().V;
                    low[parent] = Math.Min(low[parent], low[v]);
                }

                if (low[v] == index[v])
                {
                    var members = new List<int>();
                    int x;
                    do
                    {
                        x = stack.Pop();
                        onStack[x] = false;
                        members.Add(x);
                    }
                    while (x != v);

                    members.Sort();
                    components.Add([.. members]);
                    cyclic.Add(members.Count > 1 || Array.IndexOf(successors[v], v) >= 0);
                }
            }
        }

        return ([.. components], [.. cyclic]);
    }
}
