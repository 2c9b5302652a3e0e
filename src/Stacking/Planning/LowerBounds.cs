namespace Stacking.Planning;

/// <summary>Admissible lower bounds on the extra cost of satisfying requirements, computed without the eligibility
/// oracle from a relaxation that keeps prerequisite closure but ignores allocation conflicts across requirements.</summary>
/// <remarks>
/// <para>For every credential m, <c>a(m)</c> bounds the cost of any orderable set that contains m:
/// <c>a(m) = w'(m) + B(req m)</c>, where <c>w'(m)</c> is 0 for a credential already chosen and its weight otherwise,
/// and <c>B</c> bounds the cost of satisfying a requirement. Held classes (any holding, optimistically) cost nothing.</para>
/// <para>For each node B returns two bounds: <c>own</c>, a bound on the weights of the items the node's subtree
/// consumes (additive across an <c>allOf</c>: within one requirement no item serves two consuming nodes, spec §6;
/// 0 for shared and skill nodes, which consume nothing), and <c>bound</c>, a bound on the whole cost including
/// prerequisites (max across an <c>allOf</c>, min across an <c>anyOf</c>, the N-th smallest across an
/// <c>atLeast</c>/<c>count</c>). Pools use the N cheapest distinct classes, or a fractional knapsack for credits and
/// hours. The true cost vector T satisfies T ≥ F(T) for this monotone operator F, so the least fixpoint of F is ≤ T.</para>
/// <para>The least fixpoint is computed per strongly connected component of the cone's dependency graph ("m's
/// requirement can use m'"), components in topological order: a component without a cycle is one evaluation, whose
/// inputs are all final; a cyclic one runs Knuth's generalised Dijkstra (1977: every production is a superior
/// function) over its members. This is the same least fixpoint the whole-cone Dijkstra computes, at the cost of one
/// evaluation per credential on an acyclic cone. The requirement trees are flattened once per problem (waivers,
/// holdings, cone membership and pool values resolved), so an evaluation allocates nothing.</para>
/// </remarks>
internal sealed partial class LowerBounds
{
    public static readonly decimal Infinity = decimal.MaxValue;

    private readonly PlanningProblem _p;
    /// <summary>A bound in scaled integer units; <see cref="long.MaxValue"/> is "unreachable".</summary>
    private const long Unreachable = long.MaxValue;

    /// <summary>The largest scaled weight kept; larger weights are lowered to it (a lower weight only lowers the bound).</summary>
    private const long WeightCap = 1L << 32;

    private readonly long[] _w;
    private readonly decimal _scale;
    private readonly long[] _a;
    private readonly bool[] _final;
    private readonly BNode?[] _requirements;
    private readonly bool[] _wholeWaived;
    private readonly Dictionary<CompiledNode, BNode> _goals = new(ReferenceEqualityComparer.Instance);

    /// <summary>The cone's strongly connected components in topological order (prerequisites first).</summary>
    private readonly int[][] _components;
    private readonly bool[] _cyclic;

    /// <summary>Whether a credential is the single member of an acyclic component (its a-value is one evaluation).</summary>
    private readonly bool[] _acyclicSingle;

    /// <summary>For each cone credential, every credential some orderable set containing it may need: the supports of
    /// its requirement, theirs, and so on (a credential outside this set cannot help to earn it).</summary>
    private readonly BitSet[] _prerequisites;
    private readonly PriorityQueue<int, (long, int)> _queue = new();
    private readonly List<int> _dirty = [];
    private readonly bool[] _isDirty;
    private readonly bool[] _inComponent;
    private readonly bool[] _stale;
    private ScaledItem[] _scaledScratch = [];
    private Group?[]? _singleCredits;
    private Group?[]? _singleHours;
    private BitSet _chosen;
    private BitSet _excluded;

    private readonly bool _fastPaths;

    /// <summary>Whether every cone credential's value is final: true after a completed <see cref="TryCompute"/> or any
    /// <see cref="ComputeFrom"/> (a cyclic component's Dijkstra finalises all its members), so a child need not mark them again.</summary>
    private bool _allFinal;
    private Func<bool>? _stop;
    private bool _stopped;
    private int _polls;

    /// <summary>Flattens the problem's requirement trees for the bounds under <paramref name="weights"/>, after the cone's
    /// components and prerequisite cones.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="weights">The weights (the objective's, or a side constraint's).</param>
    /// <param name="fastPaths">Whether integral credits/hours pools run on longs and small count pools select instead of
    /// sorting; tests switch it off to check that both give the same bounds.</param>
    /// <param name="stop">Polled before each credential's requirement is flattened (up to a second where the cone holds hundreds of
    /// credentials whose pools name every course); when it says stop, the requirements not yet flattened count as none (a credential's
    /// bound is then its own weight), which only lowers every bound: still admissible, and <see cref="Stopped"/> is set.</param>
    public LowerBounds(PlanningProblem problem, decimal[] weights, bool fastPaths = true, Func<bool>? stop = null)
    {
        _p = problem;
        _fastPaths = fastPaths;
        (_w, _scale) = problem.Scaled(weights);
        // Unreachable outside the cone from the start (TryCompute fills them so again, and nothing else writes them).
        _a = new long[problem.Count];
        Array.Fill(_a, Unreachable);
        ConeCopies = problem.ConeList.Length * ConeCopyRatio < problem.Count;
        _final = new bool[problem.Count];
        _isDirty = new bool[problem.Count];
        _inComponent = new bool[problem.Count];
        _stale = new bool[problem.Count];
        _chosen = problem.NewSet();
        _excluded = problem.NewSet();
        _requirements = new BNode?[problem.Count];
        _wholeWaived = new bool[problem.Count];
        (_components, _cyclic) = DependencyComponents.Of(problem);
        _acyclicSingle = new bool[problem.Count];
        for (var k = 0; k < _components.Length; k++)
        {
            if (!_cyclic[k])
            {
                _acyclicSingle[_components[k][0]] = true;
            }
        }

        _prerequisites = PrerequisiteCones(problem, _components, _cyclic);
        foreach (var m in problem.ConeList)
        {
            _wholeWaived[m] = problem.Waivers.TryGetValue(m, out var set) && set.Contains(null);
            if (!Stopped && stop is not null && stop())
            {
                Stopped = true;
            }

            if (!Stopped && problem.Catalog.Requirements[m] is { } requirement)
            {
                _requirements[m] = Flatten(requirement, m, additive: true);
            }
        }
    }

    /// <summary>Gets a value indicating whether the construction was stopped: some requirements count as none (a weaker,
    /// still admissible bound).</summary>
    public bool Stopped { get; }

    /// <summary>Gets a(m) after <see cref="Compute"/>: a bound on the cost of any orderable set containing m.</summary>
    public decimal Acquire(int m) => ToDecimal(_a[m]);

    /// <summary>Gets a(m) in scaled units (<see cref="long.MaxValue"/>: unreachable): ordered exactly as
    /// <see cref="Acquire"/> (a division by the same positive scale), without the decimal division.</summary>
    public long AcquireUnits(int m) => _a[m];

    public static decimal Add(decimal x, decimal y) => x == Infinity || y == Infinity || x > Infinity - y ? Infinity : x + y;

    private static long Add(long x, long y) => x == Unreachable || y == Unreachable || x > Unreachable - y ? Unreachable : x + y;

    /// <summary>The least whole multiple of <paramref name="granule"/> that is not below <paramref name="bound"/> (the bound
    /// itself when the granule is 0 or the bound is infinite): a cost that is a whole multiple of the granule and at least
    /// the bound is at least this.</summary>
    internal static decimal RoundUp(decimal bound, decimal granule) =>
        granule <= 0m || bound >= Infinity - granule ? bound : decimal.Ceiling(bound / granule) * granule;

    /// <summary>The largest whole multiple of <paramref name="granule"/> (positive) strictly below <paramref name="value"/>:
    /// a cost that is a whole multiple of the granule and strictly below the value is at most this.</summary>
    internal static decimal Below(decimal value, decimal granule) => (decimal.Ceiling(value / granule) - 1m) * granule;

    private decimal ToDecimal(long value) => value == Unreachable ? Infinity : value / _scale;

    /// <summary>Weights as integers in units of 1/scale: the smallest scale 10^k that makes every cone weight integral,
    /// where k ≤ 6 and the largest weight stays within <see cref="WeightCap"/> units; otherwise the largest such scale,
    /// with each weight rounded down (and capped). Every bound below is monotone in the weights, so lowering a weight can
    /// only lower a bound: the integer bounds, divided by the scale, stay admissible. The cap keeps every sum of a
    /// requirement's weights far from overflow (a saturated sum would read as "unreachable", which is not a bound).</summary>
    internal static (long[] Weights, decimal Scale) Scale(PlanningProblem problem, decimal[] weights)
    {
        var (scaled, scale, _) = ScaleAndGranule(problem, weights);
        return (scaled, scale);
    }

    /// <summary><see cref="Scale"/>, and the granule of the cone's weights in the scaled units: the largest g such that
    /// every cone weight is a whole multiple of g, or 0 when there is none to use (some weight is negative, or not whole in
    /// the scale's unit: rounded down, or capped; or every weight is 0).</summary>
    /// <remarks>Found exactly, as the greatest common divisor of the scaled weights when none was rounded, in the pass that
    /// scales them. Every set of cone credentials then costs a whole multiple of g / scale (a sum of multiples), and the
    /// search only builds such sets (the optimum lies inside the cone, docs/planning.md item 2), so a bound b on such costs
    /// may be raised to the next multiple (<see cref="RoundUp"/>; <see cref="PlanningProblem.Granule"/>).</remarks>
    internal static (long[] Weights, decimal Scale, long GranuleUnits) ScaleAndGranule(PlanningProblem problem, decimal[] weights)
    {
        var max = 0m;
        foreach (var m in problem.ConeList)
        {
            max = Math.Max(max, weights[m]);
        }

        var scale = 1m;
        for (var k = 0; k < 6 && max * scale * 10m <= WeightCap; k++)
        {
            var integral = true;
            foreach (var m in problem.ConeList)
            {
                var x = Math.Max(0m, weights[m]) * scale;
                if (x != decimal.Truncate(x))
                {
                    integral = false;
                    break;
                }
            }

            if (integral)
            {
                break;
            }

            scale *= 10m;
        }

        var scaled = new long[weights.Length];
        var exact = true;
        var g = 0L;
        foreach (var m in problem.ConeList)
        {
            var x = Math.Max(0m, weights[m]);
            if (x >= WeightCap / scale)
            {
                scaled[m] = WeightCap;
                exact = false;
                continue;
            }

            var product = x * scale;
            var units = (long)decimal.Floor(product);
            scaled[m] = units;
            if (exact && (weights[m] < 0m || units != product))
            {
                exact = false;
            }

            // Euclid's algorithm on whole units: a few integer divisions per weight.
            while (units != 0L)
            {
                (g, units) = (units, g % units);
            }
        }

        return (scaled, scale, exact ? g : 0L);
    }

    /// <summary>Computes a(m) for every cone credential, with <paramref name="chosen"/> free and <paramref name="excluded"/> unavailable.</summary>
    public void Compute(BitSet chosen, BitSet excluded) => TryCompute(chosen, excluded, stop: null);

    /// <summary>Computes a(m) like <see cref="Compute"/>, polling <paramref name="stop"/> between components
    /// and inside the generalised Dijkstra; returns false when it stopped, and then no value may be read.</summary>
    /// <remarks>Used for the root bound, which on real catalogs (thousands of credentials, pools of thousands) can take
    /// seconds: a time budget or a cancellation must be honoured there too. The caller then falls back to the trivial
    /// bound 0.</remarks>
    public bool TryCompute(BitSet chosen, BitSet excluded, Func<bool>? stop)
    {
        _chosen = chosen;
        _excluded = excluded;
        _stop = stop;
        _stopped = false;
        _allFinal = false;
        Array.Fill(_a, Unreachable);
        Array.Fill(_final, false);
        for (var k = 0; k < _components.Length; k++)
        {
            if (stop is not null && (k & 31) == 0 && stop())
            {
                _stopped = true;
            }

            if (_stopped)
            {
                // Reset, so that a later Compute or ComputeFrom (which pass no stop signal) runs to its end.
                _stop = null;
                _stopped = false;
                return false;
            }

            var component = _components[k];
            if (!_cyclic[k])
            {
                var m = component[0];
                if (!excluded.Contains(m))
                {
                    _a[m] = Evaluate(m);
                }

                _final[m] = true;
                continue;
            }

            Dijkstra(component);
        }

        _stop = null;
        var completed = !_stopped;
        _stopped = false;
        _allFinal = completed;
        return completed;
    }

    /// <summary>Copies the a-values after <see cref="Compute"/> into <paramref name="values"/> (of the problem's size), for
    /// <see cref="ComputeFrom"/> at a child node.</summary>
    public void Snapshot(long[] values) => CopyValues(_a, values);

    /// <summary>Gets a value indicating whether the a-values are copied (by <see cref="Snapshot"/> and
    /// <see cref="ComputeFrom"/>) cone member by cone member instead of whole: by default when the cone holds fewer than
    /// 1/<see cref="ConeCopyRatio"/> of the catalog (a GT course's ~85 of 2 601), where the whole copy would move 40
    /// times more than the cone's values. Outside the cone the a-values are unreachable from construction on (no
    /// component holds them, and <see cref="TryCompute"/> fills them so again), so they are never read from a snapshot
    /// and both copies give the same values; tests set it to compare them.</summary>
    internal bool ConeCopies { get; init; }

    /// <summary>The cone's share of the catalog below which a-values are copied member by member (see <see cref="ConeCopies"/>).</summary>
    internal const int ConeCopyRatio = 8;

    private void CopyValues(long[] from, long[] to)
    {
        if (!ConeCopies)
        {
            Array.Copy(from, to, _a.Length);
            return;
        }

        foreach (var m in _p.ConeList)
        {
            to[m] = from[m];
        }
    }

    /// <summary>Computes the same a-values as <see cref="Compute"/> from those of a node that differs only on the
    /// credentials in <paramref name="changed"/> (chosen or excluded status).</summary>
    /// <remarks>A component's least fixpoint depends only on its members' status, the status of the credentials its
    /// requirements match, and the values of earlier components. So a component is recomputed only when one of its
    /// members changed status, matches a credential that did, or reads a value that changed; components are visited in
    /// topological order, so every value it reads is already the new one.</remarks>
    public void ComputeFrom(long[] parent, BitSet chosen, BitSet excluded, BitSet changed) => TryComputeFrom(parent, chosen, excluded, changed, stop: null);

    /// <summary>Computes the a-values as <see cref="ComputeFrom"/> does, polling <paramref name="stop"/> between components
    /// and inside the generalised Dijkstra as <see cref="TryCompute"/> does; returns false when it stopped, and then no
    /// value may be read.</summary>
    /// <remarks>A child search node on a catalog where hundreds of credentials are items of each other's large pools
    /// recomputes that cycle (seconds): the budget must be honoured there as at the root.</remarks>
    public bool TryComputeFrom(long[] parent, BitSet chosen, BitSet excluded, BitSet changed, Func<bool>? stop)
    {
        _chosen = chosen;
        _excluded = excluded;
        _stop = stop;
        _stopped = false;
        CopyValues(parent, _a);
        if (!_allFinal)
        {
            foreach (var m in _p.ConeList)
            {
                _final[m] = true;
            }

            _allFinal = true;
        }

        foreach (var m in changed.Members())
        {
            if (_p.Cone.Contains(m))
            {
                _stale[m] = true;
                foreach (var d in _p.Dependents[m])
                {
                    _stale[d] = true;
                }
            }
        }

        for (var k = 0; k < _components.Length; k++)
        {
            if (stop is not null && (k & 31) == 0 && stop())
            {
                _stopped = true;
            }

            if (_stopped)
            {
                // Abandoned: the caller discards every value; no stale mark may leak into the next computation.
                Array.Fill(_stale, false);
                _stop = null;
                _stopped = false;
                return false;
            }

            var component = _components[k];
            var stale = false;
            foreach (var m in component)
            {
                stale |= _stale[m];
                _stale[m] = false;
            }

            if (!stale)
            {
                continue;
            }

            var moved = false;
            if (!_cyclic[k])
            {
                var m = component[0];
                var value = excluded.Contains(m) ? Unreachable : Evaluate(m);
                moved = value != _a[m];
                _a[m] = value;
            }
            else
            {
                var before = new long[component.Length];
                for (var i = 0; i < component.Length; i++)
                {
                    var m = component[i];
                    before[i] = _a[m];
                    _a[m] = Unreachable;
                    _final[m] = false;
                }

                Dijkstra(component);
                for (var i = 0; i < component.Length; i++)
                {
                    moved |= before[i] != _a[component[i]];
                }
            }

            if (moved)
            {
                foreach (var m in component)
                {
                    foreach (var d in _p.Dependents[m])
                    {
                        _stale[d] = true;
                    }
                }
            }
        }

        _stop = null;
        if (_stopped)
        {
            // Stopped inside the last component's Dijkstra.
            Array.Fill(_stale, false);
            _stopped = false;
            return false;
        }

        return true;
    }

    /// <summary>Bound on the extra cost of satisfying a credential's requirement (0 when it has none).</summary>
    public decimal RequirementBound(int owner)
    {
        if (_requirements[owner] is { } node)
        {
            return _wholeWaived[owner] ? 0m : ToDecimal(Eval(node).Bound);
        }

        if (_p.Catalog.Requirements[owner] is { } requirement && !IsWholeWaived(owner))
        {
            // Outside the cone (never asked by the search, kept total): flatten on demand.
            _requirements[owner] = Flatten(requirement, owner, additive: true);
            return ToDecimal(Eval(_requirements[owner]!).Bound);
        }

        return 0m;
    }

    /// <summary>The same value as <see cref="RequirementBound"/> after <see cref="Compute"/> (or <see cref="ComputeFrom"/>),
    /// read from the a-values where they already hold it.</summary>
    /// <remarks>For a chosen credential that is not excluded and forms an acyclic component on its own, a(m) is one
    /// evaluation of <c>w'(m) + B(req m)</c> with w'(m) = 0, so it is exactly the requirement's bound (0 when the whole
    /// requirement is waived): no second evaluation of the tree. Anything else is evaluated.</remarks>
    public decimal ChosenRequirementBound(int owner) =>
        _acyclicSingle[owner] && _chosen.Contains(owner) && !_excluded.Contains(owner) && _requirements[owner] is not null
            ? ToDecimal(_a[owner])
            : RequirementBound(owner);

    /// <summary>Bound on the extra cost of satisfying a goal node.</summary>
    public decimal GoalBound(CompiledNode goal)
    {
        if (!_goals.TryGetValue(goal, out var node))
        {
            node = Flatten(goal, owner: -1, additive: true);
            _goals[goal] = node;
        }

        return ToDecimal(Eval(node).Bound);
    }

    private bool IsWholeWaived(int owner) => _p.Waivers.TryGetValue(owner, out var set) && set.Contains(null);

    private long Evaluate(int m) => Add(_chosen.Contains(m) ? 0L : _w[m], _wholeWaived[m] || _requirements[m] is null ? 0L : Eval(_requirements[m]!).Bound);

    /// <summary>Knuth's generalised Dijkstra over one cyclic component; every other component it reads is final.</summary>
    private void Dijkstra(int[] component)
    {
        var queue = _queue;
        queue.Clear();
        foreach (var m in component)
        {
            _inComponent[m] = true;
        }

        foreach (var m in component)
        {
            if (_excluded.Contains(m) || _stopped || Poll())
            {
                continue;
            }

            var value = Evaluate(m);
            if (value < Unreachable)
            {
                _a[m] = value;
                queue.Enqueue(m, (value, m));
            }
        }

        while (queue.TryDequeue(out var m, out var priority))
        {
            if (_final[m] || priority.Item1 != _a[m])
            {
                continue;
            }

            if (_stopped || Poll())
            {
                // Abandoned: the caller discards every value (TryCompute returns false).
                _stopped = true;
                queue.Clear();
                _dirty.Clear();
                break;
            }

            // Finalise every credential at the current minimum, then re-evaluate their dependents once.
            _final[m] = true;
            MarkDependents(m);
            while (queue.TryPeek(out var next, out var nextPriority) && nextPriority.Item1 == priority.Item1)
            {
                queue.Dequeue();
                if (!_final[next] && nextPriority.Item1 == _a[next])
                {
                    _final[next] = true;
                    MarkDependents(next);
                }
            }

            foreach (var d in _dirty)
            {
                _isDirty[d] = false;
                if (_final[d] || _excluded.Contains(d) || _stopped || Poll())
                {
                    // Once stopped, the rest is only unmarked; the caller discards every value.
                    continue;
                }

                var value = Evaluate(d);
                if (value < _a[d])
                {
                    _a[d] = value;
                    queue.Enqueue(d, (value, d));
                }
            }

            _dirty.Clear();
        }

        // Values never finalised were computed from unfinalised ones: no derivation exists for them.
        foreach (var m in component)
        {
            _inComponent[m] = false;
            if (!_final[m])
            {
                _a[m] = Unreachable;
                _final[m] = true;
            }
        }
    }

    /// <summary>Polls the stop signal of <see cref="TryCompute"/> every 16th evaluation inside a cycle (an evaluation of a
    /// credential whose pool names every course is about 0.1 ms, and a cycle of hundreds of such credentials, as NEU's 347
    /// degrees were before creditless classes left credits pools, re-evaluates tens of thousands of times); sets
    /// <c>_stopped</c>.</summary>
    private bool Poll()
    {
        if (_stop is not null && (++_polls & 15) == 0 && _stop())
        {
            _stopped = true;
        }

        return _stopped;
    }

    private void MarkDependents(int m)
    {
        // Only this component's members: later components are evaluated after it, from its final values.
        foreach (var d in _p.Dependents[m])
        {
            if (_inComponent[d] && !_isDirty[d])
            {
                _isDirty[d] = true;
                _dirty.Add(d);
            }
        }
    }

    /// <summary>Prerequisite cones, components in topological order: a component's cone is its members' supports and
    /// the cones of those outside it (inside a cycle every member can need every other).</summary>
    private static BitSet[] PrerequisiteCones(PlanningProblem p, int[][] components, bool[] cyclic)
    {
        var cones = new BitSet[p.Count];
        for (var k = 0; k < components.Length; k++)
        {
            var union = p.NewSet();
            foreach (var m in components[k])
            {
                if (p.Catalog.Requirements[m] is { } requirement)
                {
                    union.UnionWith(requirement.Support);
                }
            }

            union.IntersectWith(p.Cone);

            // The direct supports' cones, read off the requirements' supports (union changes while they are added, so it
            // is not enumerated itself): the same union as over a copy of the direct set, without the copy.
            foreach (var m in components[k])
            {
                if (p.Catalog.Requirements[m] is { } requirement)
                {
                    foreach (var d in requirement.Support.Members())
                    {
                        if (cones[d] is { } earlier && p.Cone.Contains(d))
                        {
                            union.UnionWith(earlier);
                        }
                    }
                }
            }

            foreach (var m in components[k])
            {
                cones[m] = union;
            }
        }

        return cones;
    }
}
