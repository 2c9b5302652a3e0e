using System.Diagnostics;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>Exact branch and bound over the cone (see docs/planning.md).</summary>
/// <remarks>
/// <para>A search node is a set S of chosen steps and a set E of excluded credentials. Its closure C (the orderable part
/// of S) is a plan as soon as the goal holds on it; then every completion costs at least as much, so the node is done.
/// Otherwise some completion must add a credential from a <i>disjunction</i>: when a requirement R (the goal, a sub-node of
/// it, or a chosen step's requirement) is not satisfied by the learner plus S, every plan that extends S adds a credential
/// that R can use, because credentials that match none of R's nodes cannot change R's answer (monotonicity, spec §7).
/// Branch i takes the i-th member of such a disjunction and excludes the ones before it, so the children partition the
/// completions and no set is visited twice. Reduced-cost fixing excludes, for a node's whole subtree, every credential
/// that no completion cheaper than the incumbent can contain (<see cref="Hopeless"/>), and the disjunction branched on is
/// the one with the fewest members left (<see cref="Branching"/>).</para>
/// <para>Bounds come from <see cref="LowerBounds"/>; satisfaction only from the oracle. Ties are broken by value, then by
/// fewer steps, then by the ordinal ids, and every loop runs in ordinal order, so nothing depends on input order,
/// hashing or timing. A time budget or a cancellation can change only a run it stops, and such a run is never
/// <see cref="PlanStatus.Optimal"/>: which of several optimal plans an Optimal answer holds must not depend on timing
/// (spec §8), so a stopped run whose bound meets its plan is Feasible with that bound. The node limit is a deterministic
/// work budget: a run it stops may still be Optimal when its bound meets its plan.</para>
/// </remarks>
internal sealed class PlanSearch
{
    private readonly PlanningProblem _p;
    private LowerBounds? _lowerBounds;
    private LandmarkCut? _landmarkCut;
    private readonly SearchConstraint[] _constraints;
    private readonly long _nodeLimit;
    private readonly long _timeLimitTicks;
    private readonly long _startTicks;
    private readonly CancellationToken _cancellationToken;
    private bool _aborted;

    /// <summary>Whether <see cref="Bounds"/> holds the values of a completed root computation (nothing chosen, nothing
    /// excluded), which the root node reuses instead of computing them again.</summary>
    private bool _rootValues;

    // The root's landmark-cut bound computed by RootBound, whose state the cuts still hold, for the root node (once).
    private decimal? _rootCut;

    /// <summary>The root's a-values, once <see cref="BoundWithout"/> needed them, and the credential it excluded last.</summary>
    private long[]? _rootSnapshot;
    private BitSet? _lastWithout;

    /// <summary>The granule of the cone's weights (<see cref="PlanningProblem.Granule"/>), once needed: every set the
    /// search builds costs a whole multiple of it, so its bounds are rounded up to one (0: no rounding).</summary>
    private (decimal Granule, decimal Unit)? _granule;

    /// <summary>Free arrays for the a-values a node hands to its children (one per level of the current path is in use).</summary>
    private readonly Stack<long[]> _snapshots = new();

    /// <summary>Whether the stop signal (time budget or cancellation) was ever seen; sticky.</summary>
    private bool _stopSeen;

    /// <summary>The values of <see cref="BoundWithout"/> computed so far, by credential.</summary>
    private readonly Dictionary<int, decimal> _boundsWithout = [];

    /// <summary>Polls of <see cref="StopRequested"/> so far (with a time budget): the clock is read at every
    /// <see cref="ClockEvery"/>-th.</summary>
    private long _polls;

    /// <summary>How often a poll reads the clock: every fourth poll.</summary>
    private const int ClockEvery = 4;
    private decimal _frontier = LowerBounds.Infinity;
    private BitSet? _best;
    private decimal _bestValue = LowerBounds.Infinity;
    private int _bestCount;

    public PlanSearch(PlanningProblem problem, long nodeLimit, TimeSpan? timeLimit, CancellationToken cancellationToken, IEnumerable<SearchConstraint>? constraints = null, long? startTicks = null)
    {
        _p = problem;
        _nodeLimit = nodeLimit;
        _timeLimitTicks = timeLimit is { } limit ? (long)(limit.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        // The clock starts when the request did (startTicks), so that the time budget also covers the problem's setup.
        _startTicks = startTicks ?? Stopwatch.GetTimestamp();
        _cancellationToken = cancellationToken;
        _constraints = constraints?.ToArray() ?? [];
        foreach (var constraint in _constraints)
        {
            // Stopped, a constraint's bound is weaker but still a bound; the search then stops at its first node anyway.
            constraint.Bounds = new LowerBounds(problem, constraint.Weights, stop: StopRequested);
        }
    }

    /// <summary>Gets or sets a value indicating whether the search starts from the reverse-delete of everything obtainable (tests switch it off to exercise branch and bound alone).</summary>
    public bool GreedyIncumbent { get; set; } = true;

    public long Nodes { get; private set; }

    /// <summary>Gets an extra stop signal polled with the budget and the cancellation (tests stop at a chosen poll with it,
    /// deterministically).</summary>
    internal Func<bool>? Stop { get; init; }

    /// <summary>Gets a value indicating whether a stop came inside a node's landmark cuts (that node then counts as
    /// unexplored, with the bound of the cuts it completed).</summary>
    internal bool StoppedInsideCuts { get; private set; }

    /// <summary>Gets how many credentials reduced-cost fixing excluded (summed over the nodes that fixed them; see
    /// <see cref="Hopeless"/>); the laws count it to make sure their cases exercise the rule.</summary>
    public long Fixed { get; private set; }

    /// <summary>Credentials added without a node of their own: the only member left of a failing node's disjunction
    /// (see <see cref="Visit"/>).</summary>
    public long Forced { get; private set; }

    /// <summary>Whether a node whose smallest disjunction has one member left is replaced by the node with it chosen
    /// (default); off in tests, to compare against the search without it.</summary>
    public bool ForceSingletons { get; set; } = true;

    /// <summary>Gets a value indicating whether a node's branching reuses the disjunctions its forced-credential test
    /// computed (default) instead of descending the failing requirements again; tests switch it off to check that the
    /// search is the same.</summary>
    internal bool ReuseDisjunctions { get; init; } = true;

    /// <summary>Gets a value indicating whether <see cref="Branching"/> filters the disjunctions into reused scratch sets,
    /// <see cref="Disjunctions"/> reuses one set for each open step's rest of the set (instead of a new set each), and
    /// <see cref="BoundWithout"/> remembers its values, and the root node reads the root bound's landmark cuts instead of
    /// computing them again: the same nodes and plans. Tests switch it off to check that.</summary>
    internal bool ReuseScratch { get; init; } = true;

    public SearchOutcome Run(BitSet? warmStart = null)
    {
        var empty = _p.NewSet();
        if (_p.GoalMet(empty) && Admissible(empty))
        {
            return new SearchOutcome(PlanStatus.Optimal, empty, 0m, null, null);
        }

        decimal? rootBound = null;
        if (GreedyIncumbent && _constraints.Length == 0 && warmStart is null)
        {
            // The constructive incumbent (Incumbent.cs): a valid plan without closing the whole cone, then the root bound,
            // then its improvement in what is left of the budget. With a plan in hand the goal is feasible, so the cone's
            // closure (many full oracle calls) is skipped: unobtainable credentials then stay unexcluded, which only
            // weakens bounds (branching skips credentials whose bound is infinite). Stopped before a plan: Unknown.
            var incumbent = new Incumbent(_p, StopRequested);
            var constructed = incumbent.Construct();
            var constructedValue = constructed is null ? LowerBounds.Infinity : constructed.Members().Sum(m => _p.Weight[m]);
            rootBound = RootBound(constructedValue);
            if (constructed is not null)
            {
                // A constructed plan whose value the root bound meets is optimal: ruin-and-recreate could only trade it
                // for another optimal plan, at seconds per round on pools that name every course, so only reverse delete.
                // The same when the bound is within RuinGap (5%) of it: the search closes such a gap in few nodes, which cost
                // less than the moves. Otherwise the moves are screened by the root's bound without the dropped step
                // (same result, fewer oracle questions), and the root's values are put back for the root node. The deep moves
                // (a branch of the plan with its prerequisites) follow the same rule: skipped once the best plan is within
                // RuinGap of the root bound.
                var improved = incumbent.Improve(
                    constructed,
                    reverseDeleteOnly: constructedValue - rootBound.Value <= rootBound.Value * RuinGap,
                    boundWithout: ScreenRuinMoves && _rootValues ? BoundWithout : null,
                    proven: rootBound.Value,
                    deepAbove: rootBound.Value + (rootBound.Value * RuinGap));
                RestoreRootValues();
                Offer(improved, alreadyReduced: true);
                return Search(_p.NewSet(), null, rootBound.Value);
            }

            if (incumbent.Stopped)
            {
                return new SearchOutcome(PlanStatus.Unknown, null, rootBound.Value, null, null);
            }
        }

        // The largest orderable subset of the cone: the goal fails on it exactly when no plan exists.
        var obtainable = _p.Closure(_p.Cone);
        if (!_p.GoalMet(obtainable))
        {
            if (_p.Inexact)
            {
                return new SearchOutcome(PlanStatus.Unknown, null, 0m, null, null);
            }

            var (reason, node) = new InfeasibilityDiagnosis(_p, obtainable).Explain();
            return new SearchOutcome(PlanStatus.Infeasible, null, LowerBounds.Infinity, reason, node);
        }

        var excluded = _p.Cone.Clone();
        excluded.ExceptWith(obtainable);
        if (warmStart is not null && _p.Closure(warmStart).Equals(warmStart) && _p.GoalMet(warmStart))
        {
            Offer(warmStart);
        }

        if (GreedyIncumbent && obtainable.Count() <= 300)
        {
            Offer(obtainable);
        }

        return Search(excluded, obtainable, rootBound ?? RootBound(LowerBounds.Infinity));
    }

    /// <summary>Gets a value indicating whether a node's plain landmark cuts are branching candidates besides its failing
    /// requirements' disjunctions (default; see <see cref="Branching"/>); tests switch it off to compare.</summary>
    internal bool CutBranching { get; init; } = true;

    /// <summary>Gets how many nodes branched on one of their landmark cuts (see <see cref="Branching"/>); the laws count it
    /// to make sure their cases exercise the rule.</summary>
    public long CutBranches { get; private set; }

    /// <summary>The default relative gap between the constructed plan's value and the root bound at or below which ruin and
    /// recreate is skipped (only reverse delete runs): 5%.</summary>
    /// <remarks>Measured on the benchmark instances (wall time per request, same binary, gaps 0, 5% and 15%): below 5%
    /// the moves never saved the search more nodes than they cost; between 5% and 15% they did on GT ME 4182 (root bound
    /// 2 880 with the necessary-choice charges, constructed plan 3 060: with the moves the root is pruned, 1.6 ms;
    /// without them reverse delete leaves 2 970 and the search needs 284 nodes, 5.9 ms) and cost 0.1–1.1 ms where they
    /// found nothing better (GT ME 4056 1.07 → 1.46 ms, n200-i1 10.9 → 12.0 ms, n200-i3 5.0 → 5.4 ms); the sum over the
    /// 15 exact cases is lowest at 5% (217 ms against 226 ms at 15% and 229 ms at 0). Above 15% (GT ME 4182 at 19%
    /// before the charges) they pay for themselves. A value comparison only, so the choice is deterministic and
    /// independent of input order.</remarks>
    internal const decimal DefaultRuinGap = 0.05m;

    /// <summary>Gets or sets the gap of <see cref="DefaultRuinGap"/> (tests set 0 and larger values to check that only
    /// which optimal plan is found can change).</summary>
    public decimal RuinGap { get; set; } = DefaultRuinGap;

    /// <summary>Gets or sets a value indicating whether ruin and recreate skips the moves that the root's bound without
    /// the dropped step shows cannot be accepted (tests switch it off to check that the plans are the same).</summary>
    public bool ScreenRuinMoves { get; set; } = true;

    /// <summary>A lower bound on the value of every plan without <paramref name="s"/>, for ruin and recreate's moves: the
    /// root's goal bound with s excluded (a search node's bound, so admissible), computed incrementally from the root's
    /// values (about one node's work instead of a recreate's oracle questions). Only after a completed root computation.</summary>
    private decimal BoundWithout(int s)
    {
        // A function of s alone (computed from the root's snapshot, no stop polled): remembered, so the moves tried again
        // after an improvement (against the new best plan) read it instead of recomputing it. The bounds' state stays the
        // last computed one's, which RestoreRootValues undoes.
        if (ReuseScratch && _boundsWithout.TryGetValue(s, out var known))
        {
            return known;
        }

        var bound = ComputeBoundWithout(s);
        if (ReuseScratch)
        {
            _boundsWithout[s] = bound;
        }

        return bound;
    }

    /// <summary><see cref="BoundWithout"/> computed: the root's values with s excluded, incrementally.</summary>
    private decimal ComputeBoundWithout(int s)
    {
        if (_rootSnapshot is null)
        {
            _rootSnapshot = new long[_p.Count];
            Bounds.Snapshot(_rootSnapshot);
        }

        var without = _p.NewSet();
        without.Add(s);
        Bounds.ComputeFrom(_rootSnapshot, _p.NewSet(), without, without);
        _lastWithout = without;
        return Bounds.GoalBound(_p.Goal);
    }

    /// <summary>Puts the root's values back after <see cref="BoundWithout"/> (the root node reuses them): they differ from
    /// the root's only where the last excluded credential reaches, which is what the incremental computation redoes.</summary>
    private void RestoreRootValues()
    {
        if (_rootSnapshot is not null && _lastWithout is not null)
        {
            Bounds.ComputeFrom(_rootSnapshot, _p.NewSet(), _p.NewSet(), _lastWithout);
            _lastWithout = null;
        }
    }

    /// <summary>The oracle-free root bound (the larger of the h_max-style bound and the landmark cuts): valid even if some
    /// oracle answer was undetermined.</summary>
    /// <remarks>Stopped by the budget or a cancellation, the first is the trivial bound 0 and the second the cuts found
    /// so far (still a bound): then the search's first node stops too. The cuts are skipped when the first bound already
    /// meets the incumbent, and stop once they reach it: either way the root is pruned and the incumbent is optimal.</remarks>
    /// <param name="incumbentValue">The value of a plan known but not yet offered (the constructed incumbent), or infinity.</param>
    private decimal RootBound(decimal incumbentValue)
    {
        var best = Math.Min(_bestValue, incumbentValue);
        var empty = _p.NewSet();
        if (StopRequested())
        {
            return 0m;
        }

        _rootValues = Bounds.TryCompute(empty, empty, StopRequested);
        var bound = _rootValues ? RoundUp(Bounds.GoalBound(_p.Goal)) : 0m;

        // A bound that already meets the incumbent proves it optimal, so the cuts (and building their graph, seconds on a
        // catalog whose pools name every course) would add nothing; the cuts also stop once they reach the incumbent.
        if (StopRequested() || bound >= best)
        {
            return bound;
        }

        var limit = best == LowerBounds.Infinity ? decimal.MaxValue : PruningLimit(best, 0m);
        var cutBound = Cuts.Bound(empty, empty, empty, goalMet: false, StopRequested, limit: limit);

        // The root node asks the same question (nothing chosen or excluded, no parent) with a limit at most this one (the
        // incumbent only improves meanwhile, and nothing else uses the cuts): below this limit the cuts ran to their end,
        // so the root reads this value and the cuts' state as they are; at or above it the root is pruned either way.
        _rootCut = ReuseScratch && !Cuts.Stopped ? cutBound : null;
        return Math.Max(bound, RoundUp(cutBound));
    }

    /// <summary>The granule of the cone's weights (<see cref="PlanningProblem.Granule"/>; 0: none).</summary>
    private decimal Granule => (_granule ??= _p.Granule(_p.Weight)).Granule;

    /// <summary>A bound on the cost of a set of cone credentials, raised to the next whole multiple of the granule (such a
    /// set costs a whole multiple of it: a sum of multiples).</summary>
    private decimal RoundUp(decimal bound) => LowerBounds.RoundUp(bound, Granule);

    /// <summary>The least extra cost beyond <paramref name="cost"/> (a whole multiple of the granule: the chosen set's cost)
    /// at which a node is pruned against a plan of value <paramref name="best"/>: <c>best − cost</c>, or with a granule g
    /// one unit of the weights (10^-k, in which g is whole) above <c>Below(best) − cost</c>: a completion that costs more
    /// than the largest multiple of g strictly below best costs, being a multiple of g, at least best. Any positive
    /// amount above <c>Below(best) − cost</c> would be sound; the unit is the least that every bound in scaled units can
    /// reach (the bounds' scale is that unit's inverse, or smaller when the weights are capped).</summary>
    private decimal PruningLimit(decimal best, decimal cost) =>
        Granule <= 0m ? best - cost : LowerBounds.Below(best, Granule) - cost + _granule!.Value.Unit;

    /// <summary>Branch and bound from the root; <paramref name="obtainable"/> is null when the incumbent made the cone's closure unnecessary.</summary>
    private SearchOutcome Search(BitSet excluded, BitSet? obtainable, decimal rootBound)
    {
        Visit(_p.NewSet(), excluded, 0m, rootBound, _p.NewSet(), null, null);

        // Optimal only when the deterministic search ran to its end (or to its node limit): a stop signal seen anywhere
        // (the incumbent's loops, the root bound, a node) may have changed which plan was found.
        var exact = !_aborted && !_p.Inexact && !_stopSeen;
        if (_best is null && obtainable is not null && _constraints.Length == 0 && (!_aborted || obtainable.Count() <= 300))
        {
            // After a budget stop: the reverse-delete of everything obtainable is a plan, just not a proven one. Without a
            // stop this is unreachable while the bounds are admissible for the oracle's semantics; it is kept so that a
            // disagreement can only cost the proof, never the plan.
            Offer(obtainable);
            exact = false;
        }

        if (_best is null)
        {
            return exact
                ? new SearchOutcome(PlanStatus.Infeasible, null, LowerBounds.Infinity, "No plan satisfies the constraints.", null)
                : new SearchOutcome(PlanStatus.Unknown, null, _p.Inexact ? rootBound : Math.Max(rootBound, _frontier), null, null);
        }

        if (exact)
        {
            return new SearchOutcome(PlanStatus.Optimal, _best, _bestValue, null, null);
        }

        var bound = _p.Inexact ? rootBound : Math.Max(rootBound, Math.Min(_frontier, _bestValue));
        if (bound >= _bestValue)
        {
            // Stopped, but the proven bound already meets the plan (common on real degrees, whose bound is the credit
            // total): no plan is cheaper. After the node limit alone the run is deterministic, so this is Optimal. After
            // a time budget or a cancellation, which of several optimal plans was found may depend on where it stopped,
            // and spec §8 forbids that for an optimal answer: Feasible, with the bound equal to the plan's value.
            return _stopSeen
                ? new SearchOutcome(PlanStatus.Feasible, _best, _bestValue, null, null)
                : new SearchOutcome(PlanStatus.Optimal, _best, _bestValue, null, null);
        }

        return new SearchOutcome(PlanStatus.Feasible, _best, bound, null, null);
    }

    /// <summary>The h_max-style bound, built on first use: after the incumbent's construction, so that a tight time budget
    /// goes to finding a plan first. Flattening the requirement trees (about a second on a catalog whose pools name every
    /// course) polls the stop signal per credential; stopped, the bound is weaker but valid, and the search stops anyway.</summary>
    private LowerBounds Bounds => _lowerBounds ??= new LowerBounds(_p, _p.Weight, stop: StopRequested);

    /// <summary>The landmark-cut bound, built on first use: after the incumbent's construction, so that a tight time
    /// budget goes to finding a plan first. Building the graph polls the stop signal per credential, like
    /// <see cref="Bounds"/>.</summary>
    private LandmarkCut Cuts => _landmarkCut ??= new LandmarkCut(_p, _p.Weight, StopRequested);

    private bool OutOfBudget() => Nodes > _nodeLimit || StopRequested();

    /// <summary>The time budget or the cancellation (the incumbent's stop signal; the node limit counts search nodes only).</summary>
    /// <remarks>Sticky: once seen, every later poll says stop, so that each piece of work after the first stop ends at
    /// once, and the answer knows that a stop (not only the node limit) shaped it.</remarks>
    private bool StopRequested()
    {
        // The clock is read at every ClockEvery-th poll only (the first included), the token and the extra signal at
        // every poll: a clock read costs about as much as a poll's work in the fine-grained loops (a cut, a member, a
        // memo hit), and a budget that ends is then seen at most ClockEvery - 1 polls late. Polls never change what is
        // computed, so without a stop the nodes and plans are the same.
        if (!_stopSeen
            && (_cancellationToken.IsCancellationRequested
                || (_timeLimitTicks != long.MaxValue && _polls++ % ClockEvery == 0 && Stopwatch.GetTimestamp() - _startTicks > _timeLimitTicks)
                || (Stop is not null && Stop())))
        {
            _stopSeen = true;
        }

        return _stopSeen;
    }

    /// <summary>Visits a search node; <paramref name="changed"/> holds the credentials whose status differs from the
    /// parent's (the branched one, now chosen, and its earlier siblings, now excluded), null at the root.</summary>
    private void Visit(BitSet chosen, BitSet excluded, decimal cost, decimal parentBound, BitSet parentClosed, ParentBounds? parent, BitSet? changed)
    {
        Nodes++;
        if (OutOfBudget())
        {
            _aborted = true;
            _frontier = Math.Min(_frontier, parentBound);
            return;
        }

        // The parent's closure is an orderable subset of this node's set: the closure only extends it.
        var closed = _p.Closure(chosen, parentClosed);
        if (_p.GoalMet(closed))
        {
            // Every completion of this node costs at least `cost` ≥ the value of `closed`.
            Offer(closed);
            return;
        }

        var goalMet = !closed.Equals(chosen) && _p.GoalMet(chosen);
        var open = chosen.Clone();
        open.ExceptWith(closed);

        if (parent is null || changed is null)
        {
            // The root reuses the root bound's values when its sets are the same; else it computes them, polling the stop
            // signal (a NEU degree's cycle of 347 degrees takes seconds): stopped, the node is unexplored.
            if (!(parent is null && _rootValues && chosen.IsEmpty() && excluded.IsEmpty()) && !Bounds.TryCompute(chosen, excluded, StopRequested))
            {
                _aborted = true;
                _frontier = Math.Min(_frontier, parentBound);
                return;
            }
        }
        else
        {
            // A child differs from its parent only on the branched credential and the siblings excluded before it.
            // Polled like the root (a NEU degree's cycle of 347 degrees): stopped, the node is unexplored.
            if (!Bounds.TryComputeFrom(parent.Values, chosen, excluded, changed, StopRequested))
            {
                _aborted = true;
                _frontier = Math.Min(_frontier, parentBound);
                return;
            }
        }

        var bound = Math.Max(parentBound, RoundUp(LowerBounds.Add(cost, NodeBound(Bounds, computed: true, chosen, excluded, open, goalMet))));
        if (bound >= _bestValue || bound == LowerBounds.Infinity)
        {
            return;
        }

        // A forced credential: a failing node's disjunction with a single member neither chosen nor excluded is in every
        // completion of this node, so the node's completions are exactly those of the node with it chosen; that node is
        // visited in place of this one (bounds, cuts, fixing and branching once, not twice). An empty one has no
        // completion. Tested once the first bound did not prune (before the costlier cuts), not at the root (whose values
        // the root bound computed). The forced node's completions are this node's, so it may start from this node's
        // bound, and its incremental state from this node's parent (the changed credentials include the forced one).
        List<BitSet>? disjunctions = null;
        if (ForceSingletons && parent is not null && Branching(disjunctions = Disjunctions(chosen, open, goalMet), chosen, excluded, null, out _, weighted: false) is { } disjunction)
        {
            var count = disjunction.Count();
            if (count == 0)
            {
                return;
            }

            if (count == 1)
            {
                var x = -1;
                foreach (var m in disjunction.Members())
                {
                    x = m;
                }

                Forced++;
                var forcedCost = cost + _p.Weight[x];
                if (forcedCost >= _bestValue)
                {
                    return;
                }

                var forcedSet = chosen.Clone();
                forcedSet.Add(x);
                BitSet? forcedChanged = null;
                if (changed is not null)
                {
                    forcedChanged = changed.Clone();
                    forcedChanged.Add(x);
                }

                Nodes--;
                Visit(forcedSet, excluded, forcedCost, bound, closed, parent, forcedChanged);
                return;
            }
        }

        // The landmark-cut bound sums prerequisite costs that the bound above combines by max (LandmarkCut.cs).
        // From the parent's cuts, which stay landmarks here; it stops early once it prunes.
        var limit = _bestValue == LowerBounds.Infinity ? decimal.MaxValue : PruningLimit(_bestValue, cost);
        var cutBound = parent is null && _rootCut is { } rootCut && chosen.IsEmpty() && excluded.IsEmpty() && open.IsEmpty() && !goalMet
            ? rootCut
            : Cuts.Bound(chosen, excluded, open, goalMet, StopRequested, parent?.Cuts, limit);
        _rootCut = null;
        bound = Math.Max(bound, RoundUp(LowerBounds.Add(cost, cutBound)));
        if (bound >= _bestValue || bound == LowerBounds.Infinity)
        {
            return;
        }

        if (Cuts.Stopped)
        {
            // Stopped inside the cuts: the node is unexplored, and its bound is what it proved before the stop (the cuts it
            // completed, each a landmark: still a bound on its completions); branching would only stop at once.
            _aborted = true;
            StoppedInsideCuts = true;
            _frontier = Math.Min(_frontier, bound);
            return;
        }

        // Reduced-cost fixing: the credentials that no completion cheaper than the incumbent contains are excluded in the
        // whole subtree, which raises the children's bounds and keeps them out of every branching (see Hopeless).
        var hopeless = Hopeless(chosen, excluded, cost, cutBound);
        var siblingsExcluded = excluded.Clone();
        siblingsExcluded.UnionWith(hopeless);
        Cuts.ExcludeMore(siblingsExcluded.Clone(), hopeless);

        var cuts = Cuts.State();

        foreach (var constraint in _constraints)
        {
            var used = chosen.Members().Sum(m => constraint.Weights[m]);
            var least = LowerBounds.Add(used, NodeBound(constraint.Bounds!, computed: false, chosen, excluded, open, goalMet));
            if (constraint.Violated(least))
            {
                return;
            }
        }

        var candidates = ReuseDisjunctions && disjunctions is not null ? disjunctions : Disjunctions(chosen, open, goalMet);
        var branches = Branching(candidates, chosen, excluded, hopeless, out var onCut, cuts: CutBranching ? cuts.Cuts : null, closedOut: siblingsExcluded);
        if (branches is null)
        {
            return;
        }

        // Cheapest to acquire first, then lighter, then by ordinal id: a total order, so the search is deterministic; on a
        // landmark cut the reverse, dearest first. Child i excludes the members before it. A cut's members are the
        // alternatives through which every plan enters the costly part of the relaxation (its least residual cost is the
        // same for all), so the last children, the cheap members the bounds prune least, get the most exclusions (which
        // raise their bounds) while the dear ones are mostly pruned at once; a failing requirement's disjunction keeps the
        // cheapest first, which reaches good plans early (measured on the 15 exact benchmark cases: dearest first
        // everywhere explored fewer nodes on some but more, and took 5–7% longer, on n200-i1 and GT ME 4056).
        // (An empty disjunction, all of whose members are hopeless, prunes the node.)
        var order = new List<int>();
        foreach (var x in branches.Members())
        {
            order.Add(x);
        }

        var sign = onCut ? -1 : 1;
        order.Sort((x, y) =>
        {
            var c = Bounds.AcquireUnits(x).CompareTo(Bounds.AcquireUnits(y));
            if (c == 0)
            {
                c = _p.Weight[x].CompareTo(_p.Weight[y]);
            }

            return sign * (c != 0 ? c : x.CompareTo(y));
        });
        // The a-values go to an array of the pool, returned once the children are done (they only read it at their start).
        var values = _snapshots.Count > 0 ? _snapshots.Pop() : new long[_p.Count];
        Bounds.Snapshot(values);
        var inherited = new ParentBounds(values, cuts);

        // The credentials whose status differs between this node and the next child: the hopeless ones (excluded in
        // every child) and the ones branched on so far.
        var delta = hopeless;
        foreach (var x in order)
        {
            if (_aborted)
            {
                _frontier = Math.Min(_frontier, bound);
                break;
            }

            delta.Add(x);
            var childCost = cost + _p.Weight[x];
            if (childCost < _bestValue)
            {
                var child = chosen.Clone();
                child.Add(x);
                Visit(child, siblingsExcluded.Clone(), childCost, bound, closed, inherited, delta);
            }

            siblingsExcluded.Add(x);
        }

        _snapshots.Push(values);
        Cuts.Release(cuts);
    }

    /// <summary>The credentials, neither chosen nor excluded, that no completion of the node cheaper than the incumbent
    /// contains (reduced-cost fixing): those that cannot be earned here (a(y) infinite), and, once a plan is known, those
    /// y with cost + max(a(y), cuts + r(y)) ≥ its value, where r(y) is y's h_max on the cuts' residual costs.</summary>
    /// <remarks>Valid right after this node's <see cref="LandmarkCut.Bound"/> returned <paramref name="cutBound"/> below
    /// its limit. A completion P that contains y has an orderable prefix that contains y, so P pays at least a(y) beyond
    /// the chosen set, and it pays at least the cuts' sum plus r(y) (<see cref="LandmarkCut.ResidualUnits"/>). The search
    /// only looks for plans strictly cheaper than the incumbent (it prunes at bound ≥ incumbent), so excluding y in the
    /// node's subtree loses none of them; the incumbent can only get cheaper meanwhile, which keeps the test true. The
    /// test reads only the node's own values, so the search stays deterministic. Counted in <see cref="Fixed"/>.</remarks>
    private BitSet Hopeless(BitSet chosen, BitSet excluded, decimal cost, decimal cutBound)
    {
        var hopeless = _p.NewSet();
        var fix = _bestValue != LowerBounds.Infinity;

        // In the bounds' scaled integer units (both bounds use the problem's Scaled of the objective's weights): for an
        // integer a, cost + a / scale ≥ the incumbent's value exactly when a ≥ need; with a granule g, cost + a / scale
        // exceeds the largest multiple of g below the incumbent's value exactly when a ≥ need, and a completion that costs
        // that much costs, being a multiple of g, at least the incumbent's value (PruningLimit). The node was not pruned,
        // so the cuts' sum (exact in units: a whole number of units divided by a power of ten) is below need.
        var scale = _p.Scaled(_p.Weight).Scale;
        var need = fix ? (long)Math.Min(decimal.Ceiling(PruningLimit(_bestValue, cost) * scale), long.MaxValue) : long.MaxValue;
        var cutUnits = fix ? (long)(cutBound * scale) : 0L;
        var free = _p.Cone.Clone();
        free.ExceptWith(chosen);
        free.ExceptWith(excluded);
        foreach (var y in free.Members())
        {
            var a = Bounds.AcquireUnits(y);
            if (a == long.MaxValue || (fix && (a >= need || Cuts.ResidualUnits(y) >= need - cutUnits)))
            {
                hopeless.Add(y);
                if (a != long.MaxValue)
                {
                    Fixed++;
                }
            }
        }

        return hopeless;
    }

    /// <summary>Bound on the extra cost: the goal (unless it already holds on the chosen set) and every chosen step not yet orderable.</summary>
    private decimal NodeBound(LowerBounds bounds, bool computed, BitSet chosen, BitSet excluded, BitSet open, bool goalMet)
    {
        if (!computed)
        {
            bounds.Compute(chosen, excluded);
        }

        var extra = goalMet ? 0m : bounds.GoalBound(_p.Goal);
        foreach (var s in open.Members())
        {
            extra = Math.Max(extra, bounds.ChosenRequirementBound(s));
        }

        return extra;
    }

    /// <summary>A valid disjunction with the fewest live members: credentials of which every plan extending
    /// <paramref name="chosen"/> must add one; live means neither chosen, excluded nor <paramref name="hopeless"/>.</summary>
    /// <remarks>Every requirement that fails (the goal unless it holds on the chosen set, each open step's requirement on
    /// the rest of the chosen set) offers the supports of its deepest failing nodes (<see cref="Descend"/>,
    /// <see cref="Disjunctions"/>); after them, with <paramref name="cuts"/>, every plain landmark cut of the node (a set
    /// of credentials, none chosen, of which every completion takes one: <see cref="LandmarkCut.Bound"/>; a threshold
    /// cut's sets are landmarks of a pool's children only, so they are not candidates). Among those
    /// with the fewest live members the one whose members' a-values sum highest wins (its children are the likeliest to be
    /// pruned), then the first in the order goal, open steps by ordinal id, nodes in document order: deterministic.
    /// Only live members become children: a chosen member cannot help, and no completion cheaper than the incumbent
    /// contains an excluded or hopeless one.</remarks>
    /// <param name="disjunctions">The node's candidate disjunctions (<see cref="Disjunctions"/>), in their order.</param>
    /// <param name="chosen">The node's chosen set.</param>
    /// <param name="excluded">The node's excluded set.</param>
    /// <param name="hopeless">The credentials reduced-cost fixing excluded at the node, or null.</param>
    /// <param name="onCut">Whether the disjunction returned is one of the landmark cuts.</param>
    /// <param name="weighted">Whether ties in size go to the larger sum of a-values (else to the first).</param>
    /// <param name="cuts">The node's kept landmark cuts (<see cref="LandmarkCut.State"/>), whose plain cuts are candidates
    /// after the disjunctions, or null.</param>
    /// <param name="closedOut">With <paramref name="cuts"/>: the excluded and the hopeless credentials together (one test
    /// per member instead of two).</param>
    private BitSet? Branching(List<BitSet> disjunctions, BitSet chosen, BitSet excluded, BitSet? hopeless, out bool onCut, bool weighted = true, Cut[]? cuts = null, BitSet? closedOut = null)
    {
        BitSet? best = null;
        var bestSize = int.MaxValue;
        var bestWeight = long.MinValue;

        // Each disjunction is filtered into a scratch set; one that becomes the best keeps it and the old best becomes the
        // scratch (nothing else holds either): at most two sets per node instead of one per disjunction.
        BitSet? scratch = null;
        var fromCut = false;
        void Consider(BitSet candidates)
        {
            var d = (ReuseScratch ? scratch : null) ?? _p.NewSet();
            scratch = d;
            d.CopyFrom(candidates);
            d.IntersectWith(_p.Cone);
            d.ExceptWith(chosen);
            d.ExceptWith(excluded);
            if (hopeless is not null)
            {
                d.ExceptWith(hopeless);
            }

            var size = d.Count();
            if (size > bestSize || (!weighted && size == bestSize))
            {
                return;
            }

            // Live members have finite a-values below need; their sum stays far from overflow (WeightCap in LowerBounds).
            var weight = 0L;
            if (weighted)
            {
                foreach (var x in d.Members())
                {
                    weight += Bounds.AcquireUnits(x);
                }
            }

            if (size < bestSize || weight > bestWeight)
            {
                scratch = best;
                best = d;
                bestSize = size;
                bestWeight = weight;
                fromCut = false;
            }
        }

        foreach (var candidates in disjunctions)
        {
            Consider(candidates);
        }

        if (cuts is not null)
        {
            // The node's plain landmark cuts (LandmarkCut.State: the kept ones and the new ones): every completion takes a
            // member of each, so each is a disjunction too. Counted member by member (a cut has a handful), and only one
            // that wins is written into a set.
            foreach (var cut in cuts)
            {
                if (cut.Sets.Length != 1 || cut.Need != 1L)
                {
                    continue;
                }

                // Counted until it is larger than the best so far (then it cannot win). A kept state holds no cut with a
                // chosen member (Cut.Keep drops those, and a new cut has none: chosen credentials cost 0); one would be
                // no disjunction of the completions' new steps, so it is skipped all the same.
                var size = 0;
                var weight = 0L;
                var usable = true;
                foreach (var m in cut.Sets[0])
                {
                    if (chosen.Contains(m))
                    {
                        usable = false;
                        break;
                    }

                    if (Live(m))
                    {
                        if (++size > bestSize)
                        {
                            usable = false;
                            break;
                        }

                        weight += Bounds.AcquireUnits(m);
                    }
                }

                if (!usable)
                {
                    continue;
                }

                if (size < bestSize || (weighted && size == bestSize && weight > bestWeight))
                {
                    var d = (ReuseScratch ? scratch : null) ?? _p.NewSet();
                    d.Clear();
                    foreach (var m in cut.Sets[0])
                    {
                        if (Live(m))
                        {
                            d.Add(m);
                        }
                    }

                    scratch = best;
                    best = d;
                    bestSize = size;
                    bestWeight = weight;
                    fromCut = true;
                }
            }
        }

        onCut = fromCut;
        if (fromCut)
        {
            CutBranches++;
        }

        return best;

        // A member of a cut that can become a child: neither excluded nor hopeless (a cut's members are cone credentials:
        // only they have a requirement in the cut graph; a chosen one hits the cut).
        bool Live(int m) => closedOut is not null ? !closedOut.Contains(m) : !excluded.Contains(m) && (hopeless is null || !hopeless.Contains(m));
    }

    /// <summary>The node's candidate disjunctions for <see cref="Branching"/>, in its order: the supports of the deepest
    /// failing nodes of the goal (unless <paramref name="goalMet"/>) and of each open step's requirement, or the union of
    /// the open steps' supports. They depend only on the chosen and open sets and the oracle's answers, so a node
    /// computes them once for its forced-credential test and its branching (its exclusions, fixed ones included, only
    /// filter their members).</summary>
    private List<BitSet> Disjunctions(BitSet chosen, BitSet open, bool goalMet)
    {
        var disjunctions = new List<BitSet>();
        var consider = disjunctions.Add;
        if (!goalMet)
        {
            Descend(_p.Goal, chosen, consider);
        }

        // One scratch set for every open step's "the rest of the set" (the oracle's memo copies what it keeps).
        var direct = false;
        BitSet? without = null;
        foreach (var s in open.Members())
        {
            without = (ReuseScratch ? without : null) ?? _p.NewSet();
            without.CopyFrom(chosen);
            without.Remove(s);
            if (_p.Check(s, without) == OracleAnswer.No)
            {
                direct = true;
                var requirement = _p.Catalog.Requirements[s]!;
                if (_p.HasWaivers(s))
                {
                    disjunctions.Add(requirement.Support);
                }
                else
                {
                    Descend(requirement, without, consider);
                }
            }
        }

        if (goalMet && !direct)
        {
            // Every open step's requirement holds on the rest of the set, but no order exists (a mutual dependency):
            // the first open step of any valid completion needs a credential outside the chosen set.
            var union = _p.NewSet();
            foreach (var s in open.Members())
            {
                union.UnionWith(_p.Catalog.Requirements[s]!.Support);
            }

            disjunctions.Add(union);
        }

        return disjunctions;
    }

    /// <summary>Refines a disjunction: a child of an allOf (or of an atLeast of all its children) that fails on its own
    /// must be helped, so its support suffices; every such deepest failing node's support is offered to
    /// <paramref name="consider"/>, and the node's own support when no child fails on its own.</summary>
    private void Descend(CompiledNode node, BitSet planned, Action<BitSet> consider)
    {
        var isAll = node.Kind == RequirementKind.AllOf
            || (node.Source is AtLeastRequirement atLeast && atLeast.Count == node.Children.Length);
        if (isAll)
        {
            var failing = false;
            foreach (var child in node.Children)
            {
                if (_p.CheckNode(child, planned) == OracleAnswer.No)
                {
                    failing = true;
                    Descend(child, planned, consider);
                }
            }

            if (failing)
            {
                return;
            }
        }

        consider(node.Support);
    }

    private bool Admissible(BitSet plan)
    {
        foreach (var constraint in _constraints)
        {
            if (constraint.Violated(plan.Members().Sum(m => constraint.Weights[m])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Offers a valid plan: drops redundant steps, then keeps it if it beats the incumbent.</summary>
    private void Offer(BitSet plan, bool alreadyReduced = false)
    {
        var reduced = alreadyReduced ? plan : Reduce(plan);
        if (!Admissible(reduced))
        {
            return;
        }

        var value = reduced.Members().Sum(m => _p.Weight[m]);
        var count = reduced.Count();
        if (_best is null || value < _bestValue || (value == _bestValue && (count < _bestCount || (count == _bestCount && LexLess(reduced, _best)))))
        {
            _best = reduced;
            _bestValue = value;
            _bestCount = count;
        }
    }

    private static bool LexLess(BitSet a, BitSet b)
    {
        using var x = a.Members().GetEnumerator();
        using var y = b.Members().GetEnumerator();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return !hasX && hasY;
            }

            if (x.Current != y.Current)
            {
                return x.Current < y.Current;
            }
        }
    }

    /// <summary>Reverse delete: remove steps, costliest first, while the rest stays a plan.</summary>
    private BitSet Reduce(BitSet plan)
    {
        var current = plan.Clone();
        foreach (var c in plan.Members().OrderByDescending(m => _p.Weight[m]).ThenByDescending(m => m).ToList())
        {
            var trial = current.Clone();
            trial.Remove(c);
            if (_p.GoalMet(trial) && _p.Closure(trial).Equals(trial))
            {
                current = trial;
            }
        }

        return current;
    }
}

/// <summary>A side constraint of a search: Σ weights over the plan below (or at most) a limit; used by the Pareto front.</summary>
internal sealed class SearchConstraint(decimal[] weights, decimal limit, bool strict)
{
    public decimal[] Weights { get; } = weights;

    public LowerBounds? Bounds { get; set; }

    public bool Violated(decimal least) => strict ? least >= limit : least > limit;
}

/// <summary>A node's a-values and its kept cuts, from which its children compute theirs incrementally.</summary>
internal sealed record ParentBounds(long[] Values, CutState Cuts);

/// <summary>What a search proved.</summary>
internal sealed record SearchOutcome(PlanStatus Status, BitSet? Plan, decimal LowerBound, string? Reason, RequirementRef? Blocking);
