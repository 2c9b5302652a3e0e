using System.Diagnostics;

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
internal sealed partial class PlanSearch
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
                // for another optimal plan, at up to seconds per round where large pools form a cycle, so only reverse delete.
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
        // A function of s alone (computed from the root's snapshot): remembered, so the moves tried again after an
        // improvement (against the new best plan) read it instead of recomputing it. The bounds' state stays the last
        // computed one's, which RestoreRootValues undoes. Stopped by the budget, it is 0 (a bound, which skips no move)
        // and not remembered; the moves then end at their next poll anyway.
        if (ReuseScratch && _boundsWithout.TryGetValue(s, out var known))
        {
            return known;
        }

        if (ComputeBoundWithout(s) is not { } bound)
        {
            return 0m;
        }

        if (ReuseScratch)
        {
            _boundsWithout[s] = bound;
        }

        return bound;
    }

    /// <summary><see cref="BoundWithout"/> computed: the root's values with s excluded, incrementally; null when the budget
    /// or a cancellation stopped it (where credentials with pools naming every course are items of each other's pools,
    /// one such computation takes seconds, so it polls like every bound).</summary>
    private decimal? ComputeBoundWithout(int s)
    {
        if (_rootSnapshot is null)
        {
            _rootSnapshot = new long[_p.Count];
            Bounds.Snapshot(_rootSnapshot);
        }

        var without = _p.NewSet();
        without.Add(s);
        _lastWithout = without;
        return Bounds.TryComputeFrom(_rootSnapshot, _p.NewSet(), without, without, StopRequested) ? Bounds.GoalBound(_p.Goal) : null;
    }

    /// <summary>Puts the root's values back after <see cref="BoundWithout"/> (the root node reuses them): they differ from
    /// the root's only where the last excluded credential reaches, which is what the incremental computation redoes.</summary>
    /// <remarks>It polls the budget too; stopped, the root's values are no longer there, so the root node would compute
    /// its own (it stops first, the stop being sticky).</remarks>
    private void RestoreRootValues()
    {
        if (_rootSnapshot is not null && _lastWithout is not null)
        {
            _rootValues &= Bounds.TryComputeFrom(_rootSnapshot, _p.NewSet(), _p.NewSet(), _lastWithout, StopRequested);
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

        // A bound that already meets the incumbent proves it optimal, so the cuts (and building their graph, up to seconds
        // on a catalog whose pools name every course) would add nothing; the cuts also stop once they reach the incumbent.
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
    /// goes to finding a plan first. Flattening the requirement trees (up to a second on a catalog whose pools name every
    /// item of a large cone) polls the stop signal per credential; stopped, the bound is weaker but valid, and the search stops anyway.</summary>
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
}
