using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stacking.Model;
using Stacking.Rules;

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
internal sealed class LandmarkCut
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
    /// <param name="stop">Polled before each credential's requirement is flattened (most of a second on an NEU degree);
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
    /// of ~3 500 credentials, with a few hundred requirement nodes). A credential outside the cone has no requirement in
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

    /// <summary>The graph's nodes in topological order (children before parents), or fewer than all when it has a cycle.</summary>
    private int[] Topological(int count)
    {
        var missing = new int[count];
        for (var x = 0; x < count; x++)
        {
            foreach (var (p, _) in _parents[x])
            {
                missing[p]++;
            }
        }

        var order = new List<int>(count);
        for (var x = 0; x < count; x++)
        {
            if (missing[x] == 0)
            {
                order.Add(x);
            }
        }

        for (var k = 0; k < order.Count; k++)
        {
            foreach (var (p, _) in _parents[order[k]])
            {
                if (--missing[p] == 0)
                {
                    order.Add(p);
                }
            }
        }

        return [.. order];
    }

    /// <summary>h_max on an acyclic graph: every node evaluated from its children in topological order (all of them, or
    /// from <paramref name="from"/> on only the dirty ones, whose change marks the parents it can change dirty).</summary>
    /// <remarks>A changed node marks only the parents whose value or trigger it can change (<see cref="Moves"/>); the
    /// others would evaluate to what they hold. <see cref="FullSweeps"/> evaluates every node instead (the plain
    /// computation, for the laws).</remarks>
    private void Sweep(BitSet excluded, int from, bool all)
    {
        var order = _topological;
        if (all || FullSweeps)
        {
            Array.Clear(_dirty);
            for (var k = all ? from : 0; k < order.Length; k++)
            {
                Evaluate(order[k], excluded);
            }

            return;
        }

        var dirty = _dirty;
        for (var w = from >> 6; w < dirty.Length; w++)
        {
            // Re-read after each node: its parents may lie in this word, at later positions.
            while (dirty[w] != 0UL)
            {
                var bits = dirty[w];
                dirty[w] = bits & (bits - 1UL);
                var x = order[(w << 6) + BitOperations.TrailingZeroCount(bits)];
                var before = _h[x];
                Evaluate(x, excluded);
                if (_h[x] == before)
                {
                    continue;
                }

                foreach (var (p, _) in _parents[x])
                {
                    if (Moves(x, before, p))
                    {
                        MarkDirty(p);
                    }
                }
            }
        }
    }

    /// <summary>Makes the sweep a bound that reached its limit owes (see <see cref="_owed"/>), if any.</summary>
    private void Settle()
    {
        if (_owed != int.MaxValue)
        {
            var from = _owed;
            _owed = int.MaxValue;
            Sweep(_excludedNow!, from, all: false);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkDirty(int x) => _dirty[_position[x] >> 6] |= 1UL << _position[x];

    /// <summary>Whether child <paramref name="x"/>, whose h_max moved from <paramref name="before"/> to its current
    /// value, can change parent <paramref name="p"/>'s value or trigger.</summary>
    /// <remarks>Every kind of node is decided by its trigger t and the set B of reachable children whose keys (h, rank)
    /// lie below t's: an AND is unreachable or t is its largest key (B the others), an OR's t is its least (B empty), a
    /// threshold's t is its k-th least (|B| = k − 1), an amount's t the first key whose prefix reaches the amount (the
    /// values are positive, so B sums to less and no earlier key reaches it). The unreachable children take no part,
    /// as if their key were infinite. So while t's key stays and B keeps its members, p's value and trigger stay: only t
    /// itself, or a child whose key crosses t's (from below to above, or back), can change p. t's key is compared as it
    /// is now: if t has already changed in this sweep, it marked p itself; if not, its key is the one that decided p.
    /// An unreachable p (no trigger) becomes reachable only when a child does (its reachable children's values do not
    /// decide whether it is reachable).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Moves(int x, long before, int p)
    {
        var t = _trigger[p];
        if (t == x)
        {
            return true;
        }

        if (t < 0)
        {
            return before == Unreachable;
        }

        var ht = _h[t];
        var rt = _rank[t];
        var rx = _rank[x];
        var h = _h[x];
        var wasBelow = before < ht || (before == ht && rx < rt);
        var isBelow = h < ht || (h == ht && rx < rt);
        return wasBelow != isBelow;
    }

    /// <summary>A node's h_max from its children's, and its trigger: the child whose key (h, rank) decides it. The
    /// children whose key is not below the trigger's can each make the node true in the justification graph: the
    /// ones below it are fewer than a threshold needs, or sum to less than an amount.</summary>
    private void Evaluate(int x, BitSet excluded)
    {
        var h = Unreachable;
        var trigger = -1;
        switch (_kind[x])
        {
            case Kind.True:
                h = 0L;
                break;
            case Kind.Credential:
                if (_pre[x] >= 0 && !excluded.Contains(x) && _h[_pre[x]] != Unreachable)
                {
                    trigger = _pre[x];
                    h = _h[trigger] + _cost[x];
                }

                break;
            case Kind.And:
                {
                    // The largest key (h, rank), kept in locals.
                    h = 0L;
                    var rank = -1;
                    foreach (var y in _children[x])
                    {
                        var hy = _h[y];
                        if (hy == Unreachable)
                        {
                            h = Unreachable;
                            trigger = -1;
                            break;
                        }

                        if (trigger < 0 || hy > h || (hy == h && _rank[y] > rank))
                        {
                            trigger = y;
                            h = hy;
                            rank = _rank[y];
                        }
                    }

                    break;
                }

            case Kind.Or:
                {
                    // The least key (h, rank) among the reachable children, kept in locals.
                    var rank = int.MaxValue;
                    foreach (var y in _children[x])
                    {
                        var hy = _h[y];
                        if (hy != Unreachable && (hy < h || (hy == h && _rank[y] < rank)))
                        {
                            trigger = y;
                            h = hy;
                            rank = _rank[y];
                        }
                    }

                    break;
                }
            case Kind.Threshold:
                (h, trigger) = Threshold(x);
                break;
            case Kind.Amount:
                (h, trigger) = Amount(x);
                break;
        }

        _h[x] = h;
        _trigger[x] = trigger;
    }

    /// <summary>A threshold's value and trigger: its k-th least child key (h, rank), k = its need.</summary>
    /// <remarks>The k least keys are kept in order by insertion (a pool's need is small; a larger need sorts all the
    /// keys); a child listed twice has equal keys at both places, which decide the same value and trigger whichever
    /// comes first.</remarks>
    private (long H, int Trigger) Threshold(int x)
    {
        var children = _children[x];
        var need = (int)_need[x];
        if (need > SmallPool)
        {
            var sorted = SortedKeys(children);
            return sorted.Length >= need ? (sorted[need - 1].H, children[sorted[need - 1].Position]) : (Unreachable, -1);
        }

        EnsureKeys(need);
        var keyH = _keyH;
        var keyRank = _keyRank;
        var keyNode = _keyNode;
        var kept = 0;
        foreach (var y in children)
        {
            var hy = _h[y];
            if (hy == Unreachable)
            {
                continue;
            }

            var ry = _rank[y];
            int j;
            if (kept < need)
            {
                j = kept++;
            }
            else if (hy < keyH[need - 1] || (hy == keyH[need - 1] && ry < keyRank[need - 1]))
            {
                j = need - 1;
            }
            else
            {
                continue;
            }

            while (j > 0 && (hy < keyH[j - 1] || (hy == keyH[j - 1] && ry < keyRank[j - 1])))
            {
                keyH[j] = keyH[j - 1];
                keyRank[j] = keyRank[j - 1];
                keyNode[j] = keyNode[j - 1];
                j--;
            }

            keyH[j] = hy;
            keyRank[j] = ry;
            keyNode[j] = y;
        }

        return kept == need ? (keyH[need - 1], keyNode[need - 1]) : (Unreachable, -1);
    }

    /// <summary>An amount's value and trigger: the first child key (h, rank), in ascending order, whose prefix of values
    /// reaches the amount.</summary>
    /// <remarks>A handful of children are ordered by insertion, more by the general sort; equal keys (a child listed
    /// twice) decide the same value and trigger whichever comes first.</remarks>
    private (long H, int Trigger) Amount(int x)
    {
        var children = _children[x];
        var values = _values[x];
        var need = _need[x];
        if (children.Length > SmallPool)
        {
            var total = 0L;
            foreach (var key in SortedKeys(children))
            {
                total += values[key.Position];
                if (total >= need)
                {
                    return (key.H, children[key.Position]);
                }
            }

            return (Unreachable, -1);
        }

        EnsureKeys(children.Length);
        var keyH = _keyH;
        var keyRank = _keyRank;
        var keyNode = _keyNode;
        var keyValue = _keyValue;
        var kept = 0;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            var hy = _h[y];
            if (hy == Unreachable)
            {
                continue;
            }

            var ry = _rank[y];
            var j = kept++;
            while (j > 0 && (hy < keyH[j - 1] || (hy == keyH[j - 1] && ry < keyRank[j - 1])))
            {
                keyH[j] = keyH[j - 1];
                keyRank[j] = keyRank[j - 1];
                keyNode[j] = keyNode[j - 1];
                keyValue[j] = keyValue[j - 1];
                j--;
            }

            keyH[j] = hy;
            keyRank[j] = ry;
            keyNode[j] = y;
            keyValue[j] = values[k];
        }

        var sum = 0L;
        for (var j = 0; j < kept; j++)
        {
            sum += keyValue[j];
            if (sum >= need)
            {
                return (keyH[j], keyNode[j]);
            }
        }

        return (Unreachable, -1);
    }

    /// <summary>The keys (h, rank, position) of the reachable children, sorted: for the pools too large to order by
    /// insertion.</summary>
    private Span<(long H, int Rank, int Position)> SortedKeys(int[] children)
    {
        if (_scratch.Length < children.Length)
        {
            _scratch = new (long, int, int)[Math.Max(children.Length, 2 * _scratch.Length)];
        }

        var found = 0;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            if (_h[y] != Unreachable)
            {
                _scratch[found++] = (_h[y], _rank[y], k);
            }
        }

        var keys = _scratch.AsSpan(0, found);
        keys.Sort();
        return keys;
    }

    private void EnsureKeys(int length)
    {
        if (_keyH.Length < length)
        {
            var size = Math.Max(length, 2 * _keyH.Length);
            _keyH = new long[size];
            _keyRank = new int[size];
            _keyNode = new int[size];
            _keyValue = new long[size];
        }
    }

    /// <summary>h_max with the current costs on a graph with a cycle: a generalised Dijkstra, recording each node's
    /// finalisation index (its rank) and the child that made it true (its trigger); ranks then order keys like h does.</summary>
    private void HMax(BitSet excluded)
    {
        Array.Fill(_h, Unreachable);
        Array.Fill(_rank, -1);
        Array.Fill(_trigger, -1);
        Array.Clear(_progress);
        var queue = _queue;
        queue.Clear();
        _h[_true] = 0L;
        queue.Enqueue(_true, 0L);
        var order = 0;
        while (queue.TryDequeue(out var x, out var value))
        {
            if (_rank[x] >= 0 || value != _h[x])
            {
                continue;
            }

            _rank[x] = order++;
            foreach (var (p, position) in _parents[x])
            {
                if (_rank[p] >= 0)
                {
                    continue;
                }

                long next;
                switch (_kind[p])
                {
                    case Kind.Credential:
                        if (excluded.Contains(p))
                        {
                            continue;
                        }

                        next = value + _cost[p];
                        break;
                    case Kind.Or:
                        next = value;
                        break;
                    case Kind.And:
                    case Kind.Threshold:
                        if (++_progress[p] < _need[p])
                        {
                            continue;
                        }

                        next = value;
                        break;
                    case Kind.Amount:
                        if (_progress[p] >= _need[p])
                        {
                            continue;
                        }

                        _progress[p] += _values[p][position];
                        if (_progress[p] < _need[p])
                        {
                            continue;
                        }

                        next = value;
                        break;
                    default:
                        continue;
                }

                if (next < _h[p])
                {
                    _h[p] = next;
                    _trigger[p] = x;
                    queue.Enqueue(p, next);
                }
            }
        }
    }

    /// <summary>The necessary pool of the current targets whose h_max is <paramref name="worst"/> (the largest), or -1.</summary>
    private int CriticalPool(long worst)
    {
        foreach (var t in _targets)
        {
            foreach (var x in Necessary(t))
            {
                if (_h[x] == worst && !_failed.Contains(x))
                {
                    return x;
                }
            }
        }

        return -1;
    }

    /// <summary>The threshold and amount nodes that every plan satisfying <paramref name="target"/> satisfies too and that
    /// need two children or more (cached per target).</summary>
    /// <remarks>Necessary are the target, every child of a necessary AND or of a necessary threshold that needs all its
    /// children, and the requirement of a necessary credential (a plan takes it after its requirement holds).</remarks>
    private int[] Necessary(int target)
    {
        if (_necessary.TryGetValue(target, out var known))
        {
            return known;
        }

        var found = new List<int>();
        foreach (var x in NecessaryNodes(target))
        {
            if ((_kind[x] == Kind.Threshold && _need[x] >= 2) || _kind[x] == Kind.Amount)
            {
                found.Add(x);
            }
        }

        known = [.. found];
        _necessary[target] = known;
        return known;
    }

    /// <summary>Every node that every plan satisfying <paramref name="target"/> satisfies too, in the order of one
    /// depth-first walk: the target, every child of a necessary AND or of a necessary threshold that needs all its
    /// children, and the requirement of a necessary credential (a plan takes it after its requirement holds). An OR's or
    /// an amount's children are not necessary, so the walk stops there.</summary>
    private List<int> NecessaryNodes(int target)
    {
        var found = new List<int>();
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(target);
        while (stack.TryPop(out var x))
        {
            if (!seen.Add(x))
            {
                continue;
            }

            found.Add(x);
            switch (_kind[x])
            {
                case Kind.Credential:
                    if (_pre[x] >= 0)
                    {
                        stack.Push(_pre[x]);
                    }

                    break;
                case Kind.And:
                    foreach (var y in _children[x])
                    {
                        stack.Push(y);
                    }

                    break;
                case Kind.Threshold:
                    if (_need[x] == _children[x].Length)
                    {
                        foreach (var y in _children[x])
                        {
                            stack.Push(y);
                        }
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>Charges the necessary disjunctive landmarks of the current targets on the residual costs: lowers the
    /// costs, records each as a kept cut, and returns the sum of their costs.</summary>
    /// <remarks>
    /// <para>A necessary OR node (<see cref="NecessaryLandmarks"/>) whose children are all credentials is true in every
    /// plan P that completes the node, so P takes one of those credentials: with the excluded ones removed (P avoids
    /// them) they are a landmark L. With c the least residual cost in L, lowering every member's cost by c and adding c is
    /// a cost partitioning, exactly like a plain cut: P pays at least c, in the lowered part, for the member of L it
    /// takes. A chosen member costs 0, so its landmark adds nothing. Landmarks are taken in a fixed order, each on the costs
    /// the earlier ones left: cheapest least weight first (a dear choice charged first would lower a cheap member it shares
    /// with a cheaper choice, which then pays less), then fewest members, then node order.</para>
    /// <para>Why: LM-cut's cut is what the zero-cost part of the justification graph reaches, which after a few cuts spreads
    /// through tied alternatives (an <c>anyOf</c> of two credentials whose requirements differ) and can merge two
    /// landmarks that every plan pays for separately into one cut, paid once. On GT's ME 4182 (optimum 2 880 hours) three
    /// such merges left the root bound at 2 565; with the necessary choices paid first it is 2 880.</para>
    /// </remarks>
    private long ChargeNecessaryLandmarks(BitSet excluded)
    {
        var total = 0L;
        foreach (var t in _targets)
        {
            foreach (var (set, mask) in NecessaryLandmarks(t))
            {
                var least = Unreachable;
                var anyExcluded = false;
                foreach (var m in set)
                {
                    if (excluded.Contains(m))
                    {
                        anyExcluded = true;
                    }
                    else if ((least = Math.Min(least, _cost[m])) == 0L)
                    {
                        // Paid already (a chosen member, or an earlier landmark that shares the cheapest member).
                        break;
                    }
                }

                if (least <= 0L || least == Unreachable)
                {
                    // Paid already (a chosen member, or kept cuts), or out of reach (h_max then says so).
                    continue;
                }

                var members = anyExcluded ? Array.FindAll(set, m => !excluded.Contains(m)) : set;
                foreach (var m in members)
                {
                    _cost[m] -= least;
                }

                total += least;
                LandmarksCharged++;
                _kept.Add(new Cut([members], [anyExcluded ? Mask(members) : mask], [1L], 1L, least));
            }
        }

        return total;
    }

    /// <summary>The OR nodes of two credentials or more, none of them a pool's member (their credentials, in charging
    /// order), that every plan satisfying <paramref name="target"/> satisfies too (cached per target).</summary>
    /// <remarks>Necessary are the target, every child of a necessary AND or of a necessary threshold that needs all its
    /// children, and the requirement of a necessary credential (a plan takes it after its requirement holds), as in
    /// <see cref="Necessary"/>; an OR's children are not necessary, so the walk stops there. A necessary credential alone
    /// is not charged here: paying it first made the searches of generated pool goals larger (measured: n50-i3 480 → 576
    /// nodes). Nor is a choice with a member that a pool also counts: that member's cost is the threshold cuts' to share
    /// among the pool's children, and charged first it made them succeed more often at more work per node without
    /// saving as much (measured: n200-i2 7 695 → 7 443 nodes, 5% more time).</remarks>
    private (int[] Members, ulong[] Mask)[] NecessaryLandmarks(int target)
    {
        if (_necessaryLandmarks.TryGetValue(target, out var known))
        {
            return known;
        }

        var found = new List<(int Node, int[] Members)>();
        foreach (var x in NecessaryNodes(target))
        {
            if (_kind[x] == Kind.Or && Array.TrueForAll(_children[x], y => y < _p.Count))
            {
                int[] members = [.. _children[x].Distinct().Order()];
                if (members.Length >= 2 && !Array.Exists(members, m => PoolMembers()[m]))
                {
                    found.Add((x, members));
                }
            }
        }

        known = [.. found.OrderBy(f => f.Members.Min(m => _w[m])).ThenBy(f => f.Members.Length).ThenBy(f => f.Node).Select(f => (f.Members, Mask(f.Members)))];
        _necessaryLandmarks[target] = known;
        return known;
    }

    /// <summary>Whether each credential is a child of a pool (a threshold or an amount node), directly or as a member of
    /// one of its classes (computed on first use).</summary>
    private bool[] PoolMembers()
    {
        if (_poolMembers is not null)
        {
            return _poolMembers;
        }

        var members = new bool[_p.Count];
        for (var x = 0; x < _kind.Length; x++)
        {
            if (_kind[x] is not (Kind.Threshold or Kind.Amount))
            {
                continue;
            }

            foreach (var y in _children[x])
            {
                if (y < _p.Count)
                {
                    members[y] = true;
                }
                else if (_kind[y] == Kind.Or)
                {
                    foreach (var z in _children[y])
                    {
                        if (z < _p.Count)
                        {
                            members[z] = true;
                        }
                    }
                }
            }
        }

        return _poolMembers = members;
    }

    /// <summary>One threshold cut on the necessary pool <paramref name="x"/>: lowers the costs and returns the gain (0 when
    /// none is found, -1 when <paramref name="stop"/> said stop before it was complete; the costs then unchanged).</summary>
    /// <remarks>
    /// <para>Every plan P that completes the node makes x true, so it makes true a set T of x's children whose values
    /// (1 each for a threshold) sum to the need. Children whose h_max is 0 (free) sum to F, those whose h_max is infinite
    /// are never true in P; so the positive, finite ones in T sum to at least R = need − F. For each such child y_i the
    /// plain cut L_i of <see cref="FindCut"/> is a landmark of y_i (every plan that makes y_i true takes a member), so P
    /// hits the L_i of every child in T, and with u_i = min(v_i, R): Σ over the L_i that P hits of u_i ≥ R (one term is
    /// R, or they are the values themselves). The L_i may overlap (classes sharing members, shared prerequisites, a
    /// child listed twice): with U(m) = Σ of u_i over the L_i containing m and c = min over members of ⌊cost(m) / U(m)⌋,
    /// lowering every member's cost by c·U(m) and adding c·R is a cost partitioning: P pays, in the lowered part,
    /// Σ_{m∈P} c·U(m) = c·Σ_i u_i·|P ∩ L_i| ≥ c·Σ_{L_i hit} u_i ≥ c·R. (The values and R are divided by their common
    /// divisor first, so that credits of 2–4 against 9 give c its full size.)</para>
    /// <para>Nothing is gained when a single child could reach R (then the plain cut is at least as good) or when c is
    /// 0. Allocation is ignored (two pools may count one item), which only relaxes.</para>
    /// </remarks>
    private long ThresholdCut(int x, Func<bool>? stop)
    {
        if (_h[x] == 0L || _h[x] == Unreachable)
        {
            return 0L;
        }

        var children = _children[x];
        var amount = _kind[x] == Kind.Amount;
        var rest = _need[x];
        var largest = 0L;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            var value = amount ? _values[x][k] : 1L;
            if (_h[y] == 0L)
            {
                rest -= value;
            }
            else if (_h[y] != Unreachable)
            {
                largest = Math.Max(largest, value);
            }
        }

        if (rest <= 0L || largest >= rest)
        {
            return 0L;
        }

        var divisor = rest;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            if (_h[y] != 0L && _h[y] != Unreachable)
            {
                divisor = Gcd(divisor, amount ? Math.Min(_values[x][k], rest) : 1L);
            }
        }

        _members.Clear();
        _setEnds.Clear();
        _setUnits.Clear();
        _touched.Clear();
        var valid = true;
        var stopped = false;
        for (var k = 0; k < children.Length && valid; k++)
        {
            var y = children[k];
            if (_h[y] == 0L || _h[y] == Unreachable)
            {
                continue;
            }

            // A pool of a thousand children takes a plain cut per child: the stop signal is polled before each.
            if (stop is not null && stop())
            {
                stopped = true;
                valid = false;
                break;
            }

            var least = FindCut(y);
            if (least <= 0L || least == Unreachable)
            {
                // Unreachable while the reasoning of FindCut holds; kept so that a slip can only weaken the bound.
                valid = false;
                break;
            }

            var units = (amount ? Math.Min(_values[x][k], rest) : 1L) / divisor;
            _members.AddRange(_cut);
            _setEnds.Add(_members.Count);
            _setUnits.Add(units);
            foreach (var m in _cut)
            {
                if (_units[m] == 0L)
                {
                    _touched.Add(m);
                }

                _units[m] += units;
            }
        }

        var share = valid ? Unreachable : 0L;
        foreach (var m in _touched)
        {
            share = Math.Min(share, _cost[m] / _units[m]);
        }

        var gain = 0L;
        if (share > 0L && share != Unreachable)
        {
            var need = rest / divisor;
            gain = share * need;
            _firstDirty = int.MaxValue;
            foreach (var m in _touched)
            {
                _cost[m] -= share * _units[m];
                MarkDirty(m);
                _firstDirty = Math.Min(_firstDirty, _position[m]);
            }

            var sets = new int[_setEnds.Count][];
            var masks = new ulong[sets.Length][];
            for (var i = 0; i < sets.Length; i++)
            {
                var start = i == 0 ? 0 : _setEnds[i - 1];
                sets[i] = CollectionsMarshal.AsSpan(_members).Slice(start, _setEnds[i] - start).ToArray();
                masks[i] = Mask(sets[i]);
            }

            _kept.Add(new Cut(sets, masks, [.. _setUnits], need, share));
        }

        foreach (var m in _touched)
        {
            _units[m] = 0L;
        }

        return stopped ? -1L : gain;
    }

    /// <summary>The bitset words of a cut's set, for <see cref="Cut.Hits"/>.</summary>
    private ulong[] Mask(IEnumerable<int> set)
    {
        var mask = new ulong[(_p.Count + 63) >> 6];
        foreach (var m in set)
        {
            mask[m >> 6] |= 1UL << (m & 63);
        }

        return mask;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0L)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Finds the cut for <paramref name="target"/> into <see cref="_cut"/> and returns its least cost.</summary>
    /// <remarks>V* is what reaches the target by zero-cost edges of the justification graph; the cut is every
    /// credential in V* whose requirement is reachable (finite h) and outside V*. This contains the textbook cut (whose
    /// requirements must also be reachable from <c>true</c> outside V*), so it is a landmark too, and it needs no
    /// forward search: take any plan, and the first fact of V* it makes true (in the order of a valid sequence, a
    /// requirement node becoming true with the credential that completes it). A requirement node of V* cannot be first:
    /// among the children that made it true one can make it true in the justification graph (fewer than a threshold's
    /// k, or less than an amount, lie below its trigger), that edge costs nothing, so that child is in V* and was true
    /// before. So the first is a credential p, whose requirement held before it: outside V*, and reachable.</remarks>
    private long FindCut(int target)
    {
        // V*: the nodes that reach the target by zero-cost edges, in the order they joined (to clear the marks after),
        // found depth first (both plain arrays: a node joins once).
        var zone = _zoneNodes;
        var zoneCount = 0;
        var stack = _zoneStack;
        var top = 0;
        _cut.Clear();
        _inGoalZone[target] = true;
        zone[zoneCount++] = target;
        stack[top++] = target;
        while (top > 0)
        {
            var x = stack[--top];
            if (x < _p.Count)
            {
                var pre = _pre[x];
                if (pre >= 0 && _h[pre] != Unreachable && !_inGoalZone[pre])
                {
                    if (_cost[x] == 0L)
                    {
                        _inGoalZone[pre] = true;
                        zone[zoneCount++] = pre;
                        stack[top++] = pre;
                    }
                    else
                    {
                        _cut.Add(x);
                    }
                }

                continue;
            }

            // The justification graph has an edge from a child into a formula node when both are reachable and the
            // child's key is not below the trigger's.
            var t = _trigger[x];
            if (t < 0)
            {
                continue;
            }

            var ht = _h[t];
            var rt = _rank[t];
            foreach (var y in _children[x])
            {
                var hy = _h[y];
                if (!_inGoalZone[y] && hy != Unreachable && (hy > ht || (hy == ht && _rank[y] >= rt)))
                {
                    _inGoalZone[y] = true;
                    zone[zoneCount++] = y;
                    stack[top++] = y;
                }
            }
        }

        // A candidate whose requirement joined V* after it was seen is not in the cut.
        var least = Unreachable;
        var kept = 0;
        for (var k = 0; k < _cut.Count; k++)
        {
            var m = _cut[k];
            if (!_inGoalZone[_pre[m]])
            {
                _cut[kept++] = m;
                least = Math.Min(least, _cost[m]);
            }
        }

        _cut.RemoveRange(kept, _cut.Count - kept);
        for (var k = 0; k < zoneCount; k++)
        {
            _inGoalZone[zone[k]] = false;
        }

        return least;
    }

    /// <summary>A search node's final h_max and triggers, with the costs and exclusions they were computed for (per node
    /// and credential, or compact: see <see cref="ConeCopies"/>).</summary>
    internal sealed class Snapshot(int nodes, int credentials, BitSet excluded, BitSet chosen)
    {
        public long[] H { get; } = new long[nodes];

        public int[] Trigger { get; } = new int[nodes];

        public long[] Cost { get; } = new long[credentials];

        public BitSet Excluded { get; } = excluded;

        public BitSet Chosen { get; } = chosen;
    }

    private enum Kind : byte
    {
        Credential,
        True,
        False,
        And,
        Or,

        /// <summary>At least Need of the children (an atLeast, or a count pool over classes).</summary>
        Threshold,

        /// <summary>Children whose values (credits or hours, scaled) sum to at least Need.</summary>
        Amount,
    }

    /// <summary>Flattens requirement trees into graph nodes, resolving waivers, holdings and cone membership.</summary>
    private sealed class Builder
    {
        private readonly PlanningProblem _p;

        // Scratch of AddImplied (one allOf at a time): its single-item children, their union-find, and per class the first
        // of them that matches it.
        private readonly List<CompiledNode> _single = [];
        private readonly Dictionary<int, int> _firstOf = [];
        private int[] _component = new int[8];

        public Builder(PlanningProblem problem)
        {
            _p = problem;
            Pre = new int[problem.Count];

            // A node per catalog credential, then the requirement nodes: room for both, so the lists grow rarely.
            var capacity = problem.Count + 2 + (4 * problem.ConeList.Length);
            Kinds = new List<Kind>(capacity);
            Children = new List<int[]>(capacity);
            Values = new List<long[]>(capacity);
            Needs = new List<long>(capacity);
            // The credential nodes at once (no children, no values, need 0): the lists are new, so their arrays are zeroed
            // and Kind.Credential is 0.
            CollectionsMarshal.SetCount(Kinds, problem.Count);
            CollectionsMarshal.SetCount(Children, problem.Count);
            CollectionsMarshal.AsSpan(Children).Fill([]);
            CollectionsMarshal.SetCount(Values, problem.Count);
            CollectionsMarshal.AsSpan(Values).Fill([]);
            CollectionsMarshal.SetCount(Needs, problem.Count);
            True = Add(Kind.True, [], [], 0);
            False = Add(Kind.False, [], [], 0);
        }

        public int True { get; }

        public int False { get; }

        public int[] Pre { get; }

        public List<Kind> Kinds { get; }

        public List<int[]> Children { get; }

        public List<long[]> Values { get; }

        public List<long> Needs { get; }

        /// <summary>Gets a value indicating whether an <c>allOf</c> gets its implied "distinct items" nodes (see
        /// <see cref="AddImplied(CompiledNode, int, List{int})"/>); tests switch it off to compare.</summary>
        public bool ImpliedNodes { get; init; } = true;

        /// <summary>Gets the implied nodes added (see <see cref="AddImplied(CompiledNode, int, List{int})"/>).</summary>
        public HashSet<int> Implied { get; } = [];

        /// <summary>The node of requirement <paramref name="n"/> of <paramref name="owner"/>'s requirement (-1: the goal);
        /// <paramref name="shared"/>: n is below a shared node (spec §6: nothing there consumes).</summary>
        public int Flatten(CompiledNode n, int owner, bool shared = false)
        {
            if (_p.IsWaived(owner, n))
            {
                return True;
            }

            shared |= n.Source.Shared;

            switch (n.Source)
            {
                case CredentialRequirement:
                    return AnyHeld(n.Matches) ? True : Or(n.Matches);
                case SkillRequirement skill:
                    return skill.Level < 1 || AnyHeld(n.Matches) ? True : Or(n.Matches);
                case CountRequirement count:
                    return Pool(n, count.Count, null);
                case CreditsRequirement credits:
                    return Pool(n, 0, credits.Credits);
                case HoursRequirement hours:
                    return Pool(n, 0, hours.Hours);
                case AllOfRequirement:
                    {
                        var children = n.Children.Select(c => Flatten(c, owner, shared)).Where(c => c != True).ToList();
                        if (ImpliedNodes && !shared && !children.Contains(False))
                        {
                            AddImplied(n, owner, children);
                        }

                        return children.Count == 0 ? True : children.Contains(False) ? False : Add(Kind.And, [.. children], [], children.Count);
                    }

                case AnyOfRequirement:
                    {
                        if (n.Children.Length == 0)
                        {
                            return True;
                        }

                        var children = n.Children.Select(c => Flatten(c, owner, shared)).ToArray();
                        return children.Contains(True) ? True : Add(Kind.Or, children, [], 1);
                    }

                case AtLeastRequirement atLeast:
                    {
                        if (atLeast.Count <= 0)
                        {
                            return True;
                        }

                        if (atLeast.Count > n.Children.Length)
                        {
                            return False;
                        }

                        var children = n.Children.Select(c => Flatten(c, owner, shared)).ToList();
                        var need = atLeast.Count - children.RemoveAll(c => c == True);
                        return need <= 0 ? True : Add(Kind.Threshold, [.. children], [], need);
                    }

                default:
                    return True;
            }
        }

        private int Pool(CompiledNode n, int needCount, decimal? amount)
        {
            var isCount = amount is null;
            var isHours = n.Source is HoursRequirement;
            var remainingCount = needCount;
            var remainingAmount = amount ?? 0m;
            var children = new List<int>();
            var values = new List<decimal>();
            foreach (var group in n.MatchGroups)
            {
                var value = _p.GroupValue(group, isHours);

                if (_p.GroupHeldItems(group) is var held and > 0)
                {
                    // Optimistically the held items count (the class's and every substitute's used as a member, spec §5),
                    // each with the largest value any member could give it.
                    remainingCount -= held;
                    remainingAmount -= value * held;
                    continue;
                }

                if (!isCount && value <= 0m)
                {
                    continue;
                }

                var node = Or(group);
                if (node != False)
                {
                    children.Add(node);
                    values.Add(value);
                }
            }

            if (isCount)
            {
                return remainingCount <= 0 ? True : children.Count < remainingCount ? False : Add(Kind.Threshold, [.. children], [], remainingCount);
            }

            if (remainingAmount <= 0m)
            {
                return True;
            }

            if (values.Sum() < remainingAmount)
            {
                return False;
            }

            // Values and the amount in one integer unit: the amount rounded down and each value rounded up can only
            // make the threshold easier to reach, which only relaxes.
            var scale = 1m;
            while (scale < 1_000_000m && (remainingAmount * scale != decimal.Truncate(remainingAmount * scale) || values.Any(v => v * scale != decimal.Truncate(v * scale))))
            {
                scale *= 10m;
            }

            var need = (long)decimal.Floor(Math.Min(remainingAmount * scale, long.MaxValue / 4));
            long[] scaled = [.. values.Select(v => (long)decimal.Ceiling(Math.Min(v * scale, long.MaxValue / 4 / Math.Max(1, values.Count))))];
            return need <= 0 ? True : Add(Kind.Amount, [.. children], scaled, need);
        }

        /// <summary>Adds to <paramref name="and"/> (the children of <paramref name="n"/>, an <c>allOf</c> that consumes)
        /// the implied "distinct items" node of each group of its single-item children whose classes overlap.</summary>
        /// <remarks>
        /// <para>Spec §6: within one requirement each item is used by at most one consuming node, so in every plan the items
        /// the children of an <c>allOf</c> consume are pairwise distinct. A <i>single-item</i> child (<see cref="SingleItem"/>)
        /// uses one item of one of its classes. For such children S whose classes overlap, every plan therefore has at least
        /// |S| distinct items among the union U of their classes: held ones or planned ones (a member of a class of U that a
        /// child of S matches, in the plan). A class holds at most one item of the learner's (spec §5: holdings grouped by
        /// class), plus one per substitution into it (the substitute's item, used as the class's credential); counting each
        /// class that any holding or substitution touches that many times (optimistically: expired ones too) only lowers
        /// the need. That is a threshold "|S| − (held items of U) of U's classes", each class an OR over the members the
        /// children of S match (a superset of what a child can use only makes U larger, which weakens it). Every plan
        /// satisfies it, so the AND with it is still a relaxation, in which h_max and the cuts see the allocation the
        /// children alone ignore (one leaf's credential is not another leaf's, nor an overlapping choice's, alternative).</para>
        /// <para>S is each connected component (of two children or more) of "can use a common item" (a common class); only a
        /// node that needs two items or more is made (one child alone may need one). Pools that need several items (counts above one,
        /// credits, hours) are left out: their implied nodes ("Σ n_i of U's classes", "U's classes worth Σ v_i") are
        /// admissible too, but with the search's cut branching they cost more cuts than they save (docs/planning.md).</para>
        /// </remarks>
        private void AddImplied(CompiledNode n, int owner, List<int> and)
        {
            // Components of "can use a common item" (a common class) among the single-item children, by a union-find over
            // their classes (most allOfs have none): each class joins the children that match it. Scratch lists, no LINQ:
            // every allOf of the cone comes here.
            _single.Clear();
            foreach (var c in n.Children)
            {
                if (SingleItem(c, owner))
                {
                    _single.Add(c);
                }
            }

            if (_single.Count < 2)
            {
                return;
            }

            if (_component.Length < _single.Count)
            {
                _component = new int[_single.Count * 2];
            }

            _firstOf.Clear();
            var joined = false;
            for (var i = 0; i < _single.Count; i++)
            {
                _component[i] = i;
                var c = _single[i];
                if (c.Source is AnyOfRequirement)
                {
                    foreach (var x in c.Children)
                    {
                        joined |= Join(x.MatchGroups, i);
                    }
                }
                else
                {
                    joined |= Join(c.MatchGroups, i);
                }
            }

            if (!joined)
            {
                return;
            }

            var candidates = _single.ToArray();
            var s = new List<CompiledNode>();
            for (var root = 0; root < candidates.Length; root++)
            {
                s.Clear();
                for (var i = 0; i < candidates.Length; i++)
                {
                    if (Find(i) == root)
                    {
                        s.Add(candidates[i]);
                    }
                }

                if (s.Count >= 2)
                {
                    AddNode(s, and);
                }
            }
        }

        /// <summary>Joins child <paramref name="i"/> of the union-find to the first child that matches a class of
        /// <paramref name="groups"/>; whether two components were joined.</summary>
        private bool Join(int[][] groups, int i)
        {
            var joined = false;
            foreach (var g in groups)
            {
                var k = _p.Catalog.ClassOf[g[0]];
                if (!_firstOf.TryAdd(k, i) && Find(_firstOf[k]) is var first && Find(i) is var own && first != own)
                {
                    _component[own] = first;
                    joined = true;
                }
            }

            return joined;
        }

        /// <summary>The root of child <paramref name="i"/>'s component in the union-find.</summary>
        private int Find(int i)
        {
            while (_component[i] != i)
            {
                i = _component[i] = _component[_component[i]];
            }

            return i;
        }

        /// <summary>Adds to <paramref name="and"/> the implied node of <paramref name="s"/>, single-item children whose
        /// classes overlap, when it needs two items or more (see <see cref="AddImplied(CompiledNode, int, List{int})"/>).</summary>
        private void AddNode(List<CompiledNode> s, List<int> and)
        {
            // U: each class with the members any child of s matches, in class order, members ascending.
            var pairs = new List<(int Class, int Member)>();
            foreach (var c in s)
            {
                foreach (var g in Groups(c))
                {
                    var k = _p.Catalog.ClassOf[g[0]];
                    foreach (var m in g)
                    {
                        pairs.Add((k, m));
                    }
                }
            }

            pairs.Sort();

            // Held items of U: per held class, its own and each substitution into it backed by a holding (HeldItems).
            long need = s.Count;
            var children = new List<int>();
            var members = new List<int>();
            for (var start = 0; start < pairs.Count;)
            {
                var k = pairs[start].Class;
                members.Clear();
                var end = start;
                for (; end < pairs.Count && pairs[end].Class == k; end++)
                {
                    if (members.Count == 0 || members[^1] != pairs[end].Member)
                    {
                        members.Add(pairs[end].Member);
                    }
                }

                start = end;
                if (_p.HeldClass[k])
                {
                    need -= _p.HeldItems[k];
                }
                else if (Or([.. members]) is var node && node != False)
                {
                    children.Add(node);
                }
            }

            // Only a need of two or more: a child none of whose classes is held needs one unheld class of U alone, and a
            // need of one where every child has a held class (an OR over U's classes) cost more search nodes than it saved
            // (n200-i1 148 -> 157, for n50-i1 5 -> 1).
            if (need >= 2)
            {
                and.Add(children.Count < need ? False : Add(Kind.Threshold, [.. children], [], need));
                Implied.Add(and[^1]);
            }
        }

        /// <summary>The match groups of a single-item child (<see cref="SingleItem"/>): an <c>anyOf</c>'s leaves' groups.</summary>
        private static IEnumerable<int[]> Groups(CompiledNode c) => c.Source is AnyOfRequirement ? c.Children.SelectMany(x => x.MatchGroups) : c.MatchGroups;

        /// <summary>Whether <paramref name="c"/>, a child of an <c>allOf</c> that consumes, uses exactly one item when it
        /// is met: a credential leaf, an <c>anyOf</c> of credential leaves, or a count of one; neither shared nor waived
        /// (nor, for an <c>anyOf</c>, any of its leaves). Anything else is left out, which only weakens the implied nodes.</summary>
        private bool SingleItem(CompiledNode c, int owner) =>
            !c.Source.Shared && !_p.IsWaived(owner, c) && c.Source switch
            {
                CredentialRequirement => true,
                AnyOfRequirement => c.Children.Length > 0
                    && Array.TrueForAll(c.Children, x => x.Source is CredentialRequirement && !x.Source.Shared && !_p.IsWaived(owner, x)),
                CountRequirement count => count.Count == 1,
                _ => false,
            };

        /// <summary>An OR over the cone members of <paramref name="matches"/> (a single member is its own fact).</summary>
        private int Or(int[] matches)
        {
            // Counted first, then copied in order: the members of matches.Where(Cone.Contains), without the iterator.
            var count = 0;
            var first = -1;
            foreach (var m in matches)
            {
                if (_p.Cone.Contains(m))
                {
                    first = count++ == 0 ? m : first;
                }
            }

            if (count <= 1)
            {
                return count == 0 ? False : first;
            }

            var members = new int[count];
            var k = 0;
            foreach (var m in matches)
            {
                if (_p.Cone.Contains(m))
                {
                    members[k++] = m;
                }
            }

            return Add(Kind.Or, members, [], 1);
        }

        private bool AnyHeld(int[] matches)
        {
            foreach (var m in matches)
            {
                if (_p.IsHeld[m])
                {
                    return true;
                }
            }

            return false;
        }

        private int Add(Kind kind, int[] children, long[] values, long need)
        {
            Kinds.Add(kind);
            Children.Add(children);
            Values.Add(values);
            Needs.Add(need);
            return Kinds.Count - 1;
        }
    }
}

/// <summary>The cuts a search node kept: each a set of credentials every completion takes one of, and its cost; and
/// the node's final h_max, when it has one (see <see cref="LandmarkCut.State"/>).</summary>
internal sealed record CutState(Cut[] Cuts, LandmarkCut.Snapshot? Snapshot = null);

/// <summary>A landmark cut: every plan completing the node hits sets of <paramref name="Sets"/> (takes a member of each)
/// whose <paramref name="Units"/> sum to at least <paramref name="Need"/>; worth Need × <paramref name="Cost"/> (scaled),
/// having lowered each member's cost by Cost × the units of the sets that contain it. <paramref name="Masks"/> are the
/// sets as bitset words (whether a chosen set hits one is a few word operations).</summary>
/// <remarks>A plain cut is one set, one unit, need 1; a threshold cut (<c>LandmarkCut.ThresholdCut</c>) has a set per
/// child of a pool.</remarks>
internal sealed record Cut(int[][] Sets, ulong[][] Masks, long[] Units, long Need, long Cost)
{
    /// <summary>This cut for a descendant search node that has also chosen <paramref name="chosen"/>, or null when it is
    /// worth nothing there.</summary>
    /// <remarks>The sets a chosen credential hits are dropped and their units taken from the need: every completion P
    /// hits sets worth Need in all, the chosen ones (in P) hit exactly the dropped ones, so P∖chosen hits the kept ones
    /// for at least the rest; the kept members' lowered costs stay lowered (each unit at least as large as the new need
    /// asks), the dropped sets' are given back.</remarks>
    public Cut? Keep(BitSet chosen)
    {
        // Allocates only for a threshold cut that loses some sets but not its worth.
        var hitUnits = 0L;
        var hits = 0;
        for (var i = 0; i < Sets.Length; i++)
        {
            if (Hits(Masks[i], chosen))
            {
                hitUnits += Units[i];
                hits++;
            }
        }

        if (hits == 0)
        {
            return this;
        }

        if (hitUnits >= Need)
        {
            return null;
        }

        var sets = new int[Sets.Length - hits][];
        var masks = new ulong[sets.Length][];
        var units = new long[sets.Length];
        var kept = 0;
        for (var i = 0; i < Sets.Length; i++)
        {
            if (!Hits(Masks[i], chosen))
            {
                sets[kept] = Sets[i];
                masks[kept] = Masks[i];
                units[kept++] = Units[i];
            }
        }

        return new Cut(sets, masks, units, Need - hitUnits, Cost);
    }

    /// <summary>Whether <paramref name="chosen"/> has a member of the set whose words are <paramref name="mask"/>.</summary>
    public static bool Hits(ulong[] mask, BitSet chosen)
    {
        var words = chosen.Words;
        for (var k = 0; k < mask.Length; k++)
        {
            if ((mask[k] & words[k]) != 0UL)
            {
                return true;
            }
        }

        return false;
    }
}
