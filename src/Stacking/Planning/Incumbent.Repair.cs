using Stacking.Rules;

namespace Stacking.Planning;

/// <content>Verification and repair of a constructed set: the root cause, the deepest failing node, the next-cheapest candidate, and acquiring a credential with its derivation.</content>
internal sealed partial class Incumbent
{
    /// <summary>Verifies the current set with the oracle and repairs it until it is a plan; null when stuck or stopped.</summary>
    /// <param name="maxRounds">The rounds allowed (default: one per cone credential, plus one).</param>
    /// <param name="start">An orderable subset of the current set, or null: the first closure starts from it (the greedy
    /// closure is the largest orderable subset, so the same set, asked fewer questions).</param>
    private BitSet? Repair(int? maxRounds = null, BitSet? start = null)
    {
        var rounds = maxRounds ?? _p.ConeList.Length + 1;
        var previous = start;
        for (var round = 0; round <= rounds; round++)
        {
            if (StopNow())
            {
                return null;
            }

            // A round only adds to the plan (Help acquires) or drops an open step, which is outside the previous round's
            // closure: that closure is an orderable subset of the plan, and the closure started from it is the same set
            // (the greedy closure is the largest orderable subset), asked fewer questions.
            if (_p.Closure(_plan, ReuseSettled ? previous : null, null, _stopNow) is not { } closed)
            {
                return null;
            }

            previous = closed;

            if (closed.Equals(_plan))
            {
                if (_p.GoalMet(closed))
                {
                    return closed;
                }

                if (!Help(_p.Goal, -1, closed))
                {
                    return null;
                }

                continue;
            }

            // The first step (ordinal) that cannot be ordered: help its requirement, or ban it when nothing can.
            var open = _plan.Clone();
            open.ExceptWith(closed);
            var s = RootCause(open);
            if (!Help(_p.Catalog.Requirements[s]!, s, closed))
            {
                _plan.Remove(s);
                _banned.Add(s);
            }
        }

        return null;
    }

    /// <summary>The first open step (ordinal) whose requirement can use no other open step: its failure is not inherited.</summary>
    private int RootCause(BitSet open)
    {
        foreach (var s in open.Members())
        {
            var support = _p.Catalog.Requirements[s]!.Support;
            var inherits = false;
            foreach (var t in open.Members())
            {
                if (t != s && support.Contains(t))
                {
                    inherits = true;
                    break;
                }
            }

            if (!inherits)
            {
                return s;
            }
        }

        return open.Members().First();
    }

    /// <summary>Adds the cheapest candidate (with a derivation) that the deepest failing node of a requirement can use.</summary>
    private bool Help(CompiledNode requirement, int owner, BitSet closed)
    {
        var node = Deepest(requirement, owner, closed);
        var x = Cheapest(ByWeight(node, support: false)) ?? Cheapest(Contended(node)) ?? Cheapest(ByWeight(node, support: true));
        if (x is null && !ReferenceEquals(node, requirement))
        {
            x = Cheapest(ByWeight(requirement, support: true));
        }

        if (x is not { } pick)
        {
            return false;
        }

        Acquire(pick);
        return true;
    }

    /// <summary>Descends through allOf (and atLeast-of-all) children that fail on their own, preferring the first.</summary>
    private CompiledNode Deepest(CompiledNode node, int owner, BitSet planned)
    {
        while (true)
        {
            var isAll = node.Kind == RequirementKind.AllOf
                || (node.Source is AtLeastRequirement atLeast && atLeast.Count == node.Children.Length);
            if (!isAll || _p.HasWaivers(owner))
            {
                return node;
            }

            CompiledNode? failing = null;
            foreach (var child in node.Children)
            {
                if (_p.CheckNode(child, planned) == OracleAnswer.No)
                {
                    failing = child;
                    break;
                }
            }

            if (failing is null)
            {
                return node;
            }

            node = failing;
        }
    }

    /// <summary>The cheapest usable credential not yet planned nor banned, by (cost given the plan, estimate, weight, index).</summary>
    /// <remarks>The cost given the plan is at least the weight, so scanning in weight order may stop at the first weight
    /// above the best cost found: large pools (a degree's "any course") cost a few lookaheads, not one per member.</remarks>
    private int? Cheapest(int[] byWeight)
    {
        int? best = null;
        var bestCost = LowerBounds.Infinity;
        foreach (var m in byWeight)
        {
            if (_p.Weight[m] > bestCost || StopNow())
            {
                // Stopped: the pick is never used unverified (every repair round and every caller checks Stopped).
                break;
            }

            if (best is { } leader && _p.Weight[m] == bestCost)
            {
                // The cost given the plan is at least the weight, so m can only tie, and a tie goes to the smaller estimate
                // (weight and index cannot favour m: the list ascends by both). Every estimate is at least its weight, so
                // once the leader's estimate is at most this weight nothing later can win: the same pick, with no
                // lookahead through a pool of thousands of equal-weight courses.
                if (_h[leader] <= _p.Weight[m])
                {
                    break;
                }

                if (_h[m] >= _h[leader])
                {
                    continue;
                }
            }

            if (_plan.Contains(m) || _banned.Contains(m) || !_p.Cone.Contains(m) || _h[m] == LowerBounds.Infinity)
            {
                continue;
            }

            var cost = Lookahead(m);
            if (best is not { } b || cost < bestCost || (cost == bestCost && Better(m, b)))
            {
                best = m;
                bestCost = cost;
            }
        }

        return best;
    }

    /// <summary>For an allOf that fails although no child fails on its own (an allocation conflict, spec §6): the members
    /// of its consuming children whose supports overlap a sibling's, in ascending weight, then index (cached). A shared
    /// child consumes nothing, so it takes part in no conflict: without this, a degree's shared "128 credits from any
    /// course" would offer every course, and repair would add unrelated courses one round at a time.</summary>
    private int[] Contended(CompiledNode node)
    {
        if (node.Kind != RequirementKind.AllOf && !(node.Source is AtLeastRequirement atLeast && atLeast.Count == node.Children.Length))
        {
            return [];
        }

        if (_contended.TryGetValue(node, out var sorted))
        {
            return sorted;
        }

        var consuming = node.Children.Where(c => !c.Source.Shared && !c.InShared).ToList();
        var union = _p.NewSet();
        for (var i = 0; i < consuming.Count; i++)
        {
            for (var j = 0; j < consuming.Count; j++)
            {
                if (i != j && consuming[i].Support.Overlaps(consuming[j].Support))
                {
                    union.UnionWith(consuming[i].Support);
                    break;
                }
            }
        }

        sorted = [.. union.Members().OrderBy(m => _p.Weight[m]).ThenBy(m => m)];
        _contended[node] = sorted;
        return sorted;
    }

    /// <summary>Members in ascending weight, then index (cached per member list).</summary>
    private int[] ByWeight(CompiledNode node, bool support)
    {
        var key = (node, support);
        if (!_byWeight.TryGetValue(key, out var sorted))
        {
            sorted = [.. (support ? (IEnumerable<int>)node.Support.Members() : node.Matches).OrderBy(m => _p.Weight[m]).ThenBy(m => m)];
            _byWeight[key] = sorted;
        }

        return sorted;
    }

    /// <summary>What taking m costs given the plan: its weight plus the estimate of its requirement, where planned and held items are free.</summary>
    private decimal Lookahead(int m) =>
        _p.Catalog.Requirements[m] is { } requirement && !WholeWaived(m)
            ? LowerBounds.Add(_p.Weight[m], Est(requirement, m))
            : _p.Weight[m];

    private bool Better(int m, int than) =>
        _h[m] < _h[than] || (_h[m] == _h[than] && (_p.Weight[m] < _p.Weight[than] || (_p.Weight[m] == _p.Weight[than] && m < than)));

    /// <summary>Marginal cost of using m now: nothing when planned or held, its estimate otherwise.</summary>
    private decimal Marginal(int m) =>
        _plan.Contains(m) || _p.IsHeld[m] ? 0m : _banned.Contains(m) || !_p.Cone.Contains(m) ? LowerBounds.Infinity : _h[m];

    /// <summary>What choosing m at a node costs now: nothing when planned or held, else its lookahead.</summary>
    private decimal Choice(int m) =>
        _plan.Contains(m) || _p.IsHeld[m] ? 0m : _banned.Contains(m) || !_p.Cone.Contains(m) || _h[m] == LowerBounds.Infinity ? LowerBounds.Infinity : Lookahead(m);

    private bool WholeWaived(int owner) => _p.Waivers.TryGetValue(owner, out var set) && set.Contains(null);

    /// <summary>Adds m to the plan and satisfies its requirement (a cycle back to m sees it planned, and the oracle judges).</summary>
    private void Acquire(int m)
    {
        if (_plan.Contains(m))
        {
            return;
        }

        _plan.Add(m);
        if (_p.Catalog.Requirements[m] is { } requirement && !WholeWaived(m))
        {
            var used = RentUsed();
            Satisfy(requirement, m, used, consuming: true);
            ReturnUsed(used);
        }
    }

    /// <summary>An empty set for one requirement's consumed classes: a cleared one from <see cref="_usedSets"/> (one per
    /// level of the recursion through <see cref="Acquire"/>, reused across steps), or a new one when
    /// <see cref="ReuseScratch"/> is off.</summary>
    private HashSet<int> RentUsed() => ReuseScratch && _usedSets.TryPop(out var set) ? set : new HashSet<int>();

    /// <summary>Gives back a set from <see cref="RentUsed"/> once its requirement is satisfied (nothing reads it later).</summary>
    private void ReturnUsed(HashSet<int> used)
    {
        if (ReuseScratch)
        {
            used.Clear();
            _usedSets.Push(used);
        }
    }

    /// <summary>Gets a value indicating whether the construction and repair reuse their scratch sets and lists (the sets of
    /// consumed classes per acquired step, the pool estimate's lists) instead of allocating them per use: the same plans.
    /// Tests switch it off to check that.</summary>
    internal bool ReuseScratch { get; init; } = true;
}
