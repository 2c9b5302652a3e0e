namespace Stacking.Planning;

/// <content>A search node: its closure, bounds, pruning, reduced-cost fixing and children.</content>
internal sealed partial class PlanSearch
{
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
            // signal (a cycle of hundreds of credentials with large pools takes seconds): stopped, the node is unexplored.
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
            // Polled like the root (a cycle of credentials with large pools): stopped, the node is unexplored.
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
}
