
namespace Stacking.Planning;

/// <summary>An admissible lower bound by landmark cuts (LM-cut, Helmert and Domshlak 2009) over the relaxation of a
/// planning request to an AND/OR graph: prerequisite costs add up across the steps that need them, where
/// <see cref="LowerBounds"/> combines them by max.</summary>
/// <remarks>
/// <para><b>The relaxation.</b> A node of the graph is a fact: "credential m is in the plan" (one per cone credential,
/// reached by the action "take m", of cost w'(m), whose precondition is m's requirement), a requirement node, or
/// <c>true</c>. Requirement nodes are flattened like <see cref="LowerBounds"/> does: waived nodes and nodes a holding
/// (any holding, optimistically, with substitutions) satisfies are <c>true</c>; a leaf or a skill is an OR over its
/// cone matches (equivalence classes included: any member serves); an <c>allOf</c> is an AND; an <c>anyOf</c> an OR;
/// an <c>atLeast k</c> a threshold "k of the children"; a <c>count k</c> pool a threshold "k of its classes" (after the
/// held classes, each class an OR over its members); a credits or hours pool a threshold "children whose values sum
/// to the amount" (each class with the largest value any member can give it). Allocation (an item serving only one
/// consuming node) is ignored, which only relaxes, except for what an <c>allOf</c>'s implied "distinct items" nodes say
/// (extra AND children that every plan satisfies: its single-item children that match a common class use distinct
/// items, see
/// <c>Builder.AddImplied</c>). Every plan P that completes a search node (chosen S ⊆ P, excluded E
/// ∩ P = ∅) makes the goal and every chosen step's requirement true in this graph, with each credential of P
/// "taken" after its requirement is true (P has a valid order, and satisfaction implies the relaxed satisfaction).</para>
/// <para><b>The bound.</b> h_max (the least fixpoint of max over AND, min over OR, the k-th smallest over a threshold,
/// the least prefix reaching an amount, w'(m) + h(requirement) for a credential) is computed: in topological order when
/// the graph is acyclic (then, after a cut, only what lies downstream of the cut is re-evaluated, and of that only the
/// parents a changed node can change, see <c>Moves</c>), else by a generalised Dijkstra.
/// Each node gets a <i>trigger</i>, the child whose key (h, rank) decides it (rank: topological position, or
/// Dijkstra's finalisation order). If the target is positive and finite, a <i>cut</i> is found: the justification
/// graph has an edge from a child to a node when the child's key is not below the trigger's (for an AND only the
/// trigger, its largest child; for an OR every child; for a threshold or an amount every child but those below the
/// trigger, which are fewer than k, or sum to less than the amount, so they cannot make it true alone), and from a
/// credential's requirement to the credential, at the credential's current cost. V* is what reaches the target by
/// zero-cost edges; the cut is every credential in V* whose requirement is finite and outside V* (see
/// <see cref="FindCut"/> for why every plan takes one). Its least cost c is added to the bound and subtracted from
/// each member's cost, and h_max is re-evaluated, until the target's h_max is 0. Each plan then pays at least c for
/// every cut (it contains a member, whose cost was lowered by c for it), so the sum of the c's is at most its cost:
/// admissible. Stopping early (the stop signal, a limit that already prunes) keeps a partial sum, still a bound.</para>
/// <para><b>Threshold cuts.</b> A plain cut is crossed once, so a pool that needs several children would be paid for
/// one. When a pool that every plan satisfies (<see cref="Necessary"/>) is as costly as the target, a threshold cut
/// (<see cref="ThresholdCut"/>) takes a plain cut per child and adds c × (children still needed), having lowered each
/// member's cost by c per landmark containing it (weighted by the child's value for an amount); a plain cut follows
/// when none is found.</para>
/// <para><b>Necessary choices first.</b> Before the cuts of a bound computed without a parent's state (the root), every
/// OR of credentials that every plan satisfies is charged as a plain cut at its least residual cost
/// (<see cref="ChargeNecessaryLandmarks"/>), so that no cut can merge it with an unrelated alternative and pay for the
/// two once; the nodes below keep these charges like any cut.</para>
/// <para>A search node starts from its parent's cuts (<see cref="CutState"/>; <see cref="Cut.Keep"/>: a plain cut
/// that contains a newly chosen credential is dropped, a threshold cut loses the children a chosen credential serves),
/// and finds new cuts on the residual costs only. Weights are the scaled integers of
/// <see cref="LowerBounds"/> (rounded down, so never above the true ones).</para>
/// </remarks>
internal sealed partial class LandmarkCut
{
    private const long Unreachable = long.MaxValue;

    // Pools up to this many children (an amount) or this need (a threshold) order their keys by insertion.
    private const int SmallPool = 24;

    private readonly PlanningProblem _p;
    private readonly long[] _w;
    private readonly decimal _scale;

    // The graph: node i < Count is credential i; then true; then requirement nodes.
    private readonly int _true;
    private readonly Kind[] _kind;
    private readonly int[][] _children;
    private readonly long[][] _values;
    private readonly long[] _need;
    private readonly int[] _pre;
    private readonly (int Node, int Position)[][] _parents;
    private readonly int _goal;
    // The implied "distinct items" nodes (see Builder.AddImplied).
    private readonly HashSet<int> _implied;

    // Per evaluation.
    private readonly long[] _cost;
    private readonly long[] _reduction;
    private readonly List<Cut> _kept = [];
    private readonly long[] _h;
    private readonly int[] _trigger;
    private readonly long[] _progress;
    private readonly bool[] _inGoalZone;
    private readonly int[] _zoneNodes;
    private readonly int[] _zoneStack;
    private readonly int[] _rank;
    private readonly int[] _topological;
    private readonly int[] _position;
    // The nodes to evaluate again, as bits over topological positions (acyclic graph only): a sweep takes them in
    // order, word by word, and a node marks its parents, which lie at later positions.
    private readonly ulong[] _dirty;

    // The first position of a sweep that a bound which reached its limit after a cut did not make (int.MaxValue: none):
    // its caller prunes and rarely reads the values, so they are only settled on demand.
    private int _owed = int.MaxValue;
    private readonly PriorityQueue<int, long> _queue = new();
    private (long H, int Rank, int Position)[] _scratch = new (long, int, int)[16];
    // A threshold's or an amount's least child keys in order (see Threshold and Amount), as parallel arrays.
    private long[] _keyH = new long[16];
    private int[] _keyRank = new int[16];
    private int[] _keyNode = new int[16];
    private long[] _keyValue = new long[16];
    private readonly List<int> _cut = [];
    private readonly List<int> _targets = [];

    // Threshold cuts (see ThresholdCut): the necessary pools below each target, and per-credential share units.
    private readonly Dictionary<int, int[]> _necessary = [];
    private readonly long[] _units;
    private readonly List<int> _touched = [];
    // A threshold cut's sets while it is built, end to end in _members (set i is _members[_setEnds[i - 1].._setEnds[i]]):
    // arrays are made only for a cut that is kept.
    private readonly List<int> _members = [];
    private readonly List<int> _setEnds = [];
    private readonly List<long> _setUnits = [];
    private int _firstDirty;
    private readonly HashSet<int> _failed = [];

    // Snapshots of h_max for the children of a search node (see State): free ones for reuse, and whether _h and
    // _trigger are h_max of the current _cost (acyclic graph, evaluation swept).
    private readonly Stack<Snapshot> _freeSnapshots = new();
    private bool _swept;
    private BitSet? _excludedNow;
    private BitSet? _chosenNow;

    // Necessary disjunctive landmarks (see ChargeNecessaryLandmarks), per target.
    private readonly Dictionary<int, (int[] Members, ulong[] Mask)[]> _necessaryLandmarks = [];
    private readonly bool _chargeNecessary;
    private bool[]? _poolMembers;

    /// <summary>Builds the AND/OR graph of a problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="weights">The weights to bound.</param>
    /// <param name="stop">Polled before each credential's requirement is flattened (up to a second on a large cone);
    /// when it says stop, the requirements not yet flattened and the goal become <c>true</c> (a relaxation: every bound
    /// is then smaller, still admissible).</param>
    /// <param name="necessaryLandmarks">Whether the necessary disjunctive landmarks are charged before the cuts (see
    /// <see cref="ChargeNecessaryLandmarks"/>); tests switch it off to compare with the cuts alone.</param>
    /// <param name="impliedNodes">Whether an <c>allOf</c> gets its implied "distinct items" nodes (see
    /// <c>Builder.AddImplied</c>); tests switch it off to compare.</param>
    public LandmarkCut(PlanningProblem problem, decimal[] weights, Func<bool>? stop = null, bool necessaryLandmarks = true, bool impliedNodes = true)
    {
        _p = problem;
        _chargeNecessary = necessaryLandmarks;
        (_w, _scale) = problem.Scaled(weights);
        var builder = new Builder(problem) { ImpliedNodes = impliedNodes };
        var stopped = false;
        _true = builder.True;
        for (var m = 0; m < problem.Count; m++)
        {
            builder.Pre[m] = -1;
        }

        foreach (var m in problem.ConeList)
        {
            if (problem.IsHeld[m])
            {
                // A held class is true already: no node refers to its members' facts.
                continue;
            }

            stopped = stopped || (stop is not null && stop());
            var wholeWaived = problem.Waivers.TryGetValue(m, out var set) && set.Contains(null);
            builder.Pre[m] = stopped || wholeWaived || problem.Catalog.Requirements[m] is not { } requirement
                ? _true
                : builder.Flatten(requirement, m);
        }

        _goal = stopped ? _true : builder.Flatten(problem.Goal, -1);
        var count = builder.Kinds.Count;
        _kind = [.. builder.Kinds];
        _children = [.. builder.Children];
        _values = [.. builder.Values];
        _need = [.. builder.Needs];
        _implied = builder.Implied;
        _pre = builder.Pre;
        // Each node's parents in the order of (parent, position): counted, then filled by the same walk. Only a cone
        // credential has a requirement (_pre is -1 for the others), so the walk visits the cone's credentials, ascending,
        // then the requirement nodes: the catalog's other credentials would add nothing.
        var parentCount = new int[count];
        foreach (var x in problem.ConeList)
        {
            if (_pre[x] >= 0)
            {
                parentCount[_pre[x]]++;
            }
        }

        for (var x = problem.Count; x < count; x++)
        {
            foreach (var child in _children[x])
            {
                parentCount[child]++;
            }
        }

        _parents = new (int, int)[count][];
        for (var x = 0; x < count; x++)
        {
            _parents[x] = parentCount[x] == 0 ? [] : new (int, int)[parentCount[x]];
            parentCount[x] = 0;
        }

        foreach (var x in problem.ConeList)
        {
            if (_pre[x] >= 0)
            {
                _parents[_pre[x]][parentCount[_pre[x]]++] = (x, 0);
            }
        }

        for (var x = problem.Count; x < count; x++)
        {
            for (var k = 0; k < _children[x].Length; k++)
            {
                var child = _children[x][k];
                _parents[child][parentCount[child]++] = (x, k);
            }
        }

        _cost = new long[count];
        _reduction = new long[count];
        _h = new long[count];
        _rank = new int[count];
        _trigger = new int[count];
        _dirty = new ulong[(count + 63) >> 6];
        _topological = Topological(count);
        _position = new int[count];
        // Ranks break ties between equal h_max: topological positions, except that the implied nodes come first (in
        // topological order), so that an AND's trigger is an implied node only when it is strictly dearer than the
        // requirement's own children (measured: n200-i0 56 search nodes instead of 93 with positions alone, with need-one nodes too).
        // Any strict order of keys makes a valid trigger choice; an implied node's only parent is its AND.
        var implied = _implied.Count == 0 ? 0 : _topological.Count(_implied.Contains);
        var early = 0;
        for (var k = 0; k < _topological.Length; k++)
        {
            var x = _topological[k];
            _position[x] = k;
            _rank[x] = implied == 0 ? k : _implied.Contains(x) ? early++ : implied + k - early;
        }

        _progress = new long[count];
        _inGoalZone = new bool[count];
        _zoneNodes = new int[count];
        _zoneStack = new int[count];
        _units = new long[problem.Count];
        ConeCopies = problem.ConeList.Length * LowerBounds.ConeCopyRatio < problem.Count;
    }

    /// <summary>Gets a value indicating whether every sweep evaluates every node (the plain computation of h_max after
    /// each cut, for the laws), instead of only what a changed node can change, and no sweep is owed.</summary>
    internal bool FullSweeps { get; init; }

    /// <summary>Gets the number of implied "distinct items" nodes of the graph (see <c>Builder.AddImplied</c>); for the laws.</summary>
    internal int ImpliedCount => _implied.Count;

    /// <summary>Gets the number of nodes of the graph (credentials, true, false, requirement nodes); for the laws.</summary>
    internal int NodeCount => _kind.Length;

    /// <summary>A node's children (a credential's: none; see <see cref="RequirementOf"/>); for the laws.</summary>
    internal int[] ChildrenOf(int x) => _children[x];

    /// <summary>A credential's requirement node, or -1 (outside the cone, or held); for the laws.</summary>
    internal int RequirementOf(int m) => _pre[m];

    /// <summary>A node's parents, as (parent, position among its children; 0 for a credential's requirement); for the laws.</summary>
    internal (int Node, int Position)[] ParentsOf(int x) => _parents[x];

    /// <summary>Gets the number of cuts the last <see cref="Bound"/> found.</summary>
    public int Cuts { get; private set; }

    /// <summary>Gets the number of necessary disjunctive landmarks the last <see cref="Bound"/> charged (see
    /// <see cref="ChargeNecessaryLandmarks"/>); not counted in <see cref="Cuts"/>.</summary>
    public int LandmarksCharged { get; private set; }

    /// <summary>After a <see cref="Bound"/> that returned below its limit: a bound on the residual cost (each cost lowered
    /// by its cuts' shares, the chosen credentials free) of any orderable set that contains credential
    /// <paramref name="m"/> and avoids the excluded ones; in the scaled units of <see cref="LowerBounds.Scale"/>,
    /// <see cref="long.MaxValue"/> when no such set exists.</summary>
    /// <remarks>m's h_max on the residual costs: every such return leaves h_max evaluated on the final costs, and
    /// residual costs are never negative. A member of a held class has no fact in the graph (it is true already), so its
    /// bound is only its own residual cost, which no cut lowered. A completion P of the node that contains m thus pays at
    /// least the returned sum of the cuts plus this value (see the remarks on <see cref="Bound"/>:
    /// c(P∖S) ≥ Σ cuts + (c − r)(P∖S)).</remarks>
    public long ResidualUnits(int m)
    {
        Settle();
        return _pre[m] < 0 ? _cost[m] : _h[m];
    }

    /// <summary>Gets a value indicating whether the last <see cref="Bound"/> was stopped by its stop signal (its value
    /// then sums only the cuts it completed).</summary>
    public bool Stopped { get; private set; }

    /// <summary>The kept cuts of the last <see cref="Bound"/>, for its search node's children, with a snapshot of its
    /// final h_max (when it was swept to the end on an acyclic graph), from which a child re-evaluates only what its
    /// changed costs and exclusions reach. Hand it back with <see cref="Release"/> once no child needs it.</summary>
    public CutState State()
    {
        Settle();
        Snapshot? snapshot = null;
        if (_swept)
        {
            snapshot = _freeSnapshots.Count > 0
                ? _freeSnapshots.Pop()
                : ConeCopies
                    ? new Snapshot(_p.ConeList.Length + _h.Length - _p.Count, _p.ConeList.Length, _p.NewSet(), _p.NewSet())
                    : new Snapshot(_h.Length, _p.Count, _p.NewSet(), _p.NewSet());
            SaveNodes(_h, snapshot.H);
            SaveNodes(_trigger, snapshot.Trigger);
            SaveCosts(_cost, snapshot.Cost);
            snapshot.Excluded.CopyFrom(_excludedNow!);
            snapshot.Chosen.CopyFrom(_chosenNow!);
        }

        return new([.. _kept], snapshot);
    }

    /// <summary>After a <see cref="Bound"/> that returned below its limit: excludes the credentials of
    /// <paramref name="excluded"/> (the excluded set it was given plus <paramref name="added"/>, cone credentials) and re-evaluates h_max on the same
    /// residual costs, so that <see cref="State"/> hands the children a snapshot with these exclusions already made.</summary>
    /// <remarks>Only on an acyclic graph swept to the end (else the children evaluate from scratch anyway). h_max is a
    /// function of the costs and the exclusions, so the snapshot stays exact; the kept cuts stay landmarks of every
    /// completion that avoids the larger set.</remarks>
    public void ExcludeMore(BitSet excluded, BitSet added)
    {
        Settle();
        if (!_swept || _excludedNow is null)
        {
            return;
        }

        var first = int.MaxValue;
        foreach (var m in added.Members())
        {
            MarkDirty(m);
            first = Math.Min(first, _position[m]);
        }

        _excludedNow = excluded;
        if (first != int.MaxValue)
        {
            Sweep(excluded, first, all: false);
        }
    }

    /// <summary>Gets a value indicating whether snapshots hold only the cone's credential nodes and the requirement nodes
    /// (<see cref="State"/>, and <see cref="Bound"/> from one), in compact arrays (the cone's credentials by their
    /// position in <see cref="PlanningProblem.ConeList"/>, then the requirement nodes), instead of every node: by
    /// default when the cone holds fewer than 1/<see cref="LowerBounds.ConeCopyRatio"/> of the catalog (a GT course's ~85
    /// of 2 601 credentials, with a few hundred requirement nodes). A credential outside the cone has no requirement in
    /// the graph and no parent: its h_max is unreachable and it has no trigger from its first evaluation on (every
    /// snapshot is taken after a full sweep), and its residual cost is 0 from the first <see cref="Bound"/> on (only cone
    /// credentials are costed, cut or chosen); so what a whole copy would write there is what is there already. Tests
    /// set it to compare both.</summary>
    internal bool ConeCopies { get; init; }

    /// <summary>Saves a per-node array (h_max or triggers) into a snapshot's: whole, or compact (<see cref="ConeCopies"/>).</summary>
    private void SaveNodes<T>(T[] from, T[] to)
    {
        if (!ConeCopies)
        {
            Array.Copy(from, to, from.Length);
            return;
        }

        var cone = _p.ConeList;
        for (var k = 0; k < cone.Length; k++)
        {
            to[k] = from[cone[k]];
        }

        Array.Copy(from, _p.Count, to, cone.Length, from.Length - _p.Count);
    }

    /// <summary>Loads a per-node array from a snapshot's (the inverse of <see cref="SaveNodes"/>).</summary>
    private void LoadNodes<T>(T[] from, T[] to)
    {
        if (!ConeCopies)
        {
            Array.Copy(from, to, to.Length);
            return;
        }

        var cone = _p.ConeList;
        for (var k = 0; k < cone.Length; k++)
        {
            to[cone[k]] = from[k];
        }

        Array.Copy(from, cone.Length, to, _p.Count, to.Length - _p.Count);
    }

    /// <summary>Saves the credentials' residual costs into a snapshot's: whole, or the cone's by position (<see cref="ConeCopies"/>).</summary>
    private void SaveCosts(long[] from, long[] to)
    {
        if (!ConeCopies)
        {
            Array.Copy(from, to, _p.Count);
            return;
        }

        var cone = _p.ConeList;
        for (var k = 0; k < cone.Length; k++)
        {
            to[k] = from[cone[k]];
        }
    }

    /// <summary>Loads the credentials' residual costs from a snapshot's (the inverse of <see cref="SaveCosts"/>).</summary>
    private void LoadCosts(long[] from, long[] to)
    {
        if (!ConeCopies)
        {
            Array.Copy(from, to, _p.Count);
            return;
        }

        var cone = _p.ConeList;
        for (var k = 0; k < cone.Length; k++)
        {
            to[cone[k]] = from[k];
        }
    }

    /// <summary>Takes back the snapshot of a <see cref="State"/> that no search node will read again, for reuse.</summary>
    public void Release(CutState state)
    {
        if (state.Snapshot is { } snapshot)
        {
            _freeSnapshots.Push(snapshot);
        }
    }

    /// <summary>A bound on the extra cost of any plan that contains <paramref name="chosen"/>, avoids
    /// <paramref name="excluded"/>, satisfies the goal unless <paramref name="goalMet"/> says the chosen set already
    /// does, and satisfies the requirement of every step in <paramref name="open"/> (chosen steps not yet orderable).</summary>
    /// <remarks>
    /// <para>The stop signal is polled between cuts; when it returns true the sum so far (still a bound) is returned.
    /// Once the sum reaches <paramref name="limit"/> it is returned too (the caller prunes).</para>
    /// <para>With <paramref name="parent"/> (the <see cref="State"/> of a search node whose completions include this
    /// node's), the parent's cuts are kept instead of found again: a cut is a landmark of every completion of the parent,
    /// so of this node's; one that contains a newly chosen credential is dropped (its member may be the only one the
    /// plan takes, and it is already paid), the others stay (no chosen credential is in them: chosen ones cost 0 and a
    /// cut's members cost more); a threshold cut keeps the sets no chosen credential hits, with a smaller need
    /// (<see cref="Cut.Keep"/>). With r(m) the sum of the kept cuts' shares of m (a cut's cost per set containing m) and c(m) − r(m) the
    /// residual, every completion P pays c(P∖S) ≥ Σ kept cuts + (c − r)(P∖S), so cuts found on the residual costs add
    /// to the kept ones (a dropped cut's cost is given back to its other members).</para>
    /// </remarks>
    public decimal Bound(BitSet chosen, BitSet excluded, BitSet open, bool goalMet, Func<bool>? stop = null, CutState? parent = null, decimal limit = decimal.MaxValue)
    {
        _targets.Clear();
        if (!goalMet)
        {
            _targets.Add(_goal);
        }

        foreach (var s in open.Members())
        {
            if (_pre[s] >= 0)
            {
                _targets.Add(_pre[s]);
            }
        }

        var total = 0L;
        _kept.Clear();
        _swept = false;
        Stopped = false;
        if (_owed != int.MaxValue)
        {
            // The last bound's owed sweep is not needed any more: its marks go.
            _owed = int.MaxValue;
            Array.Clear(_dirty);
        }

        _excludedNow = excluded;
        _chosenNow = chosen;

        // From a snapshot of a node whose chosen set this one contains, the residual costs are the snapshot's (w minus
        // every snapshot cut's shares) with the dropped sets' shares given back and the chosen credentials at 0: the same
        // values as w minus the kept shares, found by touching only the dropped sets.
        var snapshot = parent?.Snapshot is { } given && given.Chosen.IsSubsetOf(chosen) ? given : null;
        if (snapshot is not null)
        {
            LoadCosts(snapshot.Cost, _cost);
        }
        else
        {
            Array.Clear(_reduction);
        }

        if (parent is not null)
        {
            foreach (var parentCut in parent.Cuts)
            {
                var cut = parentCut.Keep(chosen);
                if (snapshot is not null && !ReferenceEquals(cut, parentCut))
                {
                    for (var i = 0; i < parentCut.Sets.Length; i++)
                    {
                        // A dropped cut gives back all its sets' shares, a kept one those of the sets it lost.
                        if (cut is null || Cut.Hits(parentCut.Masks[i], chosen))
                        {
                            var share = parentCut.Cost * parentCut.Units[i];
                            foreach (var m in parentCut.Sets[i])
                            {
                                _cost[m] += share;
                            }
                        }
                    }
                }

                if (cut is null)
                {
                    continue;
                }

                _kept.Add(cut);
                total += cut.Need * cut.Cost;
                if (snapshot is null)
                {
                    for (var i = 0; i < cut.Sets.Length; i++)
                    {
                        var share = cut.Cost * cut.Units[i];
                        foreach (var m in cut.Sets[i])
                        {
                            _reduction[m] += share;
                        }
                    }
                }
            }
        }

        if (snapshot is not null)
        {
            foreach (var m in chosen.Members())
            {
                _cost[m] = 0L;
            }
        }
        else
        {
            Array.Clear(_cost);
            foreach (var m in _p.ConeList)
            {
                _cost[m] = chosen.Contains(m) ? 0L : _w[m] - _reduction[m];
            }
        }

        LandmarksCharged = 0;

        // Before the cuts of a bound computed from scratch (the root): every necessary choice among credentials (an OR
        // whose children are all credentials and that every plan satisfies) is paid at its cheapest residual member, so
        // that no cut can merge it with an unrelated alternative and pay for the two together. A node given its parent's
        // state keeps those charges as cuts and only finds new cuts: charging again at every node (measured) explored
        // as many nodes or more, at a higher cost per node.
        total += _chargeNecessary && parent is null ? ChargeNecessaryLandmarks(excluded) : 0L;

        var limitUnits = limit >= decimal.MaxValue / (_scale * 2m) ? Unreachable : (long)Math.Min(decimal.Ceiling(limit * _scale), long.MaxValue / 2);
        Cuts = 0;
        if (total >= limitUnits)
        {
            // The kept cuts alone prune.
            return total / _scale;
        }

        var acyclic = _topological.Length == _h.Length;
        if (acyclic && snapshot is not null)
        {
            // h_max is a function of the costs and the exclusions: from the parent's final values, only what a changed
            // credential reaches is evaluated again (the same values a full sweep gives, in less time).
            LoadNodes(snapshot.H, _h);
            LoadNodes(snapshot.Trigger, _trigger);
            var first = int.MaxValue;
            var cone = _p.ConeList;
            for (var k = 0; k < cone.Length; k++)
            {
                var m = cone[k];
                if (_cost[m] != snapshot.Cost[ConeCopies ? k : m] || excluded.Contains(m) != snapshot.Excluded.Contains(m))
                {
                    MarkDirty(m);
                    first = Math.Min(first, _position[m]);
                }
            }

            if (first != int.MaxValue)
            {
                Sweep(excluded, first, all: false);
            }
        }
        else if (acyclic)
        {
            Sweep(excluded, 0, all: true);
        }
        else
        {
            HMax(excluded);
        }

        _swept = acyclic;

        var fresh = true;
        _failed.Clear();
        while (true)
        {
            if (!acyclic && !fresh)
            {
                HMax(excluded);
            }

            fresh = false;
            var target = -1;
            var worst = 0L;
            foreach (var t in _targets)
            {
                if (_h[t] == Unreachable)
                {
                    return LowerBounds.Infinity;
                }

                if (_h[t] > worst)
                {
                    worst = _h[t];
                    target = t;
                }
            }

            if (target < 0 || total >= limitUnits)
            {
                return total / _scale;
            }

            if (stop is not null && stop())
            {
                Stopped = true;
                return total / _scale;
            }

            // A pool that every plan must satisfy and that is as costly as the target is cut by a threshold cut (several
            // of its members), when one is found; otherwise, and for everything else, by a plain cut.
            var pool = CriticalPool(worst);
            var gain = pool >= 0 ? ThresholdCut(pool, stop) : 0L;
            if (gain < 0L)
            {
                // Stopped inside the threshold cut, which then changed nothing: the cuts completed so far are the bound.
                Stopped = true;
                return total / _scale;
            }

            if (pool >= 0 && gain <= 0L)
            {
                // Not again in this evaluation: the plain cuts it falls back to lower only what it would have needed.
                _failed.Add(pool);
            }

            if (gain > 0L)
            {
                total += gain;
                Cuts++;
                if (acyclic)
                {
                    if (total >= limitUnits && !FullSweeps)
                    {
                        // See below: the caller prunes, the sweep is owed.
                        _owed = _firstDirty;
                        return total / _scale;
                    }

                    Sweep(excluded, _firstDirty, all: false);
                }

                continue;
            }

            var least = FindCut(target);
            if (least <= 0L || least == Unreachable)
            {
                // Unreachable while the reasoning above holds; kept so that a slip can only weaken the bound.
                return total / _scale;
            }

            total += least;
            Cuts++;
            var first = int.MaxValue;
            _kept.Add(new Cut([[.. _cut]], [Mask(_cut)], [1L], 1L, least));
            foreach (var m in _cut)
            {
                _cost[m] -= least;
                MarkDirty(m);
                first = Math.Min(first, _position[m]);
            }

            if (acyclic)
            {
                if (total >= limitUnits && !FullSweeps)
                {
                    // The bound returned next anyway (lowered costs keep every target reachable): the caller prunes, so
                    // the sweep is only owed, made if State, ExcludeMore or ResidualUnits asks for the values.
                    _owed = first;
                    return total / _scale;
                }

                // Lowered costs lower only what lies downstream of the cut, in topological order.
                Sweep(excluded, first, all: false);
            }
        }
    }
}
