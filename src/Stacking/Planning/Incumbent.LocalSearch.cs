namespace Stacking.Planning;

/// <summary>Cheap improvement of a valid plan: reverse delete, then ruin and recreate, single and deep moves (see <see cref="Incumbent"/>).</summary>
/// <remarks>
/// <para><b>Reverse delete</b> drops steps, costliest first (then highest index), while the goal still holds and the rest
/// keeps a valid order, to a fixpoint. The order of the plan is kept as a list: removing c can only break the steps after
/// c whose requirement can use c, so only those are re-checked with the oracle (on their predecessors without c); when
/// one fails, c stays (a different order might exist, but keeping c is always safe).</para>
/// <para><b>Ruin and recreate</b>: for each step s, costliest first, remove s, ban it, repair the rest into a plan with the
/// same construction as the first one, reverse delete, and keep the result when it is strictly better (value, then
/// fewer steps, then ordinal ids). Every candidate is checked by the oracle, so the incumbent is always a plan.</para>
/// <para><b>Deep moves</b>, after the single moves reach their fixpoint: one pass over the plan's branches (steps that
/// no other step of positive weight can use), costliest first, each dropped with every plan step its requirement can use,
/// transitively (<see cref="Prerequisites"/>), then banned, recreated and kept on the same terms; the pass ends at its
/// first improvement, and the single moves run again on the new plan. A single move leaves the step's prerequisites in
/// the plan, where the repair counts them free, so it keeps choosing replacements that reuse them; a deep move prices
/// them again. The caller skips them once the best plan is within its ruin gap of the root bound.</para>
/// <para>Two skips spare a move's oracle questions without changing the result. A move is a function of the current
/// best plan and s only (the bans are restored after each move, the estimates are fixed), so a move already tried
/// against the same best plan, which was not accepted then, would not be now. And the recreated plan avoids s, so
/// when a lower bound on every plan without s (the caller's, <c>boundWithout</c>) exceeds the best value, the move
/// cannot be accepted.</para>
/// </remarks>
internal sealed partial class Incumbent
{
    /// <summary>Gets the number of improving moves accepted by ruin and recreate.</summary>
    public int Improvements { get; private set; }

    /// <summary>Gets a value indicating whether ruin and recreate skips a move already tried against the same best plan;
    /// tests switch it off to check that the plans are the same.</summary>
    internal bool SkipRepeatedMoves { get; init; } = true;

    /// <summary>Gets the number of reverse delete's trials skipped because an earlier pass showed the step must stay (see
    /// <see cref="Incumbent.ReuseSettled"/>); the laws count it to make sure their cases exercise the skip.</summary>
    public int SettledSkips { get; private set; }

    /// <summary>Gets the number of moves skipped by the caller's bound (<c>boundWithout</c> of <see cref="Improve"/>).</summary>
    public int Screened { get; private set; }

    /// <summary>Gets whether the moves ended (or never started) because the best plan reached the caller's proven bound
    /// (<c>proven</c> of <see cref="Improve"/>).</summary>
    public bool EndedAtProvenBound { get; private set; }

    /// <summary>The cached comparison of <see cref="Costliest"/>; null until first needed.</summary>
    private Comparison<int>? _costlierFirst;

    /// <summary>The cone's ranks in the order of <see cref="Costliest"/> (<see cref="ConeRank"/>); null until first needed.</summary>
    private int[]? _coneRank;

    /// <summary>Repair rounds a recreate may take: a good replacement needs few; a long repair is not an improvement.</summary>
    private const int RuinRounds = 8;

    /// <summary>Improves a valid plan; the result is a valid plan no worse (value, then steps, then ids), also when stopped early.</summary>
    /// <param name="plan">A valid plan.</param>
    /// <param name="reverseDeleteOnly">Only drop steps (the caller knows the plan's value is already optimal).</param>
    /// <param name="boundWithout">A lower bound on the value of every plan without the given credential (infinity when
    /// none exists), or null: a move whose bound exceeds the best value is skipped, since it could not be accepted.</param>
    /// <param name="proven">A proven lower bound on every plan's value (the root bound), or null: once the best plan
    /// reaches it, the moves end, since they could only trade it for another optimal plan.</param>
    /// <param name="deepAbove">The value at or below which the deep moves are skipped (the caller's: within its ruin gap of
    /// the root bound, where the search closes the gap for less than the moves cost), or null: they always run.</param>
    public BitSet Improve(BitSet plan, bool reverseDeleteOnly = false, Func<int, decimal>? boundWithout = null, decimal? proven = null, decimal? deepAbove = null)
    {
        var bestOrder = new List<int>();
        var best = ReverseDelete(plan, bestOrder);
        if (Stopped || reverseDeleteOnly)
        {
            return best;
        }

        var bestValue = Value(best);
        if (bestValue <= proven)
        {
            EndedAtProvenBound = true;
            return best;
        }

        // Single moves first, to their fixpoint (or three passes); then one pass of deep moves, which ends at the first
        // improvement, and then the single moves again on the new plan.
        if (Moves(ref best, ref bestOrder, ref bestValue, deep: false, boundWithout, proven) is not null
            && DeepMoves
            && !(bestValue <= deepAbove) // null: no gap rule
            && Moves(ref best, ref bestOrder, ref bestValue, deep: true, boundWithout, proven) is true)
        {
            Moves(ref best, ref bestOrder, ref bestValue, deep: false, boundWithout, proven);
        }

        return best;
    }

    /// <summary>Gets a value indicating whether ruin and recreate also tries deep moves (a step with its prerequisites);
    /// tests switch it off to compare.</summary>
    internal bool DeepMoves { get; init; } = true;

    /// <summary>Gets the number of deep moves tried (past the skips, before the caller's bound screens them).</summary>
    public int DeepTried { get; private set; }

    /// <summary>Gets the number of improving deep moves (a step with its prerequisites) accepted.</summary>
    public int DeepImprovements { get; private set; }

    /// <summary>Up to three passes of one kind of move over the best plan's steps, costliest first, to a fixpoint: true
    /// when a move improved the plan, false when none did, null when the work ended (stop signal or proven bound).</summary>
    private bool? Moves(ref BitSet best, ref List<int> bestOrder, ref decimal bestValue, bool deep, Func<int, decimal>? boundWithout, decimal? proven)
    {
        // The moves tried against the current best plan: they would give the same rejected candidates again.
        var tried = _p.NewSet();
        var improved = true;
        var any = false;
        for (var pass = 0; improved && pass < 3; pass++)
        {
            improved = false;
            foreach (var s in Costliest(best))
            {
                if (StopNow())
                {
                    return null;
                }

                if (!best.Contains(s) || _p.Weight[s] == 0m || (SkipRepeatedMoves && tried.Contains(s)))
                {
                    continue;
                }

                tried.Add(s);
                // A deep move ruins a branch of the plan (a step that only the goal and free steps read) with its
                // prerequisites; one without prerequisites in the plan is the single move.
                var ruined = deep ? (IsBranch(best, s) ? Prerequisites(best, s) : null) : null;
                if (deep && (ruined is null || ruined.Count() == 1))
                {
                    continue;
                }

                if (deep)
                {
                    DeepTried++;
                }

                if (boundWithout is not null && boundWithout(s) > bestValue)
                {
                    Screened++;
                    continue;
                }

                var savedBans = _banned.Clone();
                _plan = best.Clone();
                if (ruined is null)
                {
                    _plan.Remove(s);
                }
                else
                {
                    _plan.ExceptWith(ruined);
                }

                _banned.Add(s);
                var repaired = Repair(RuinRounds, ReuseSettled && !_p.Inexact ? Unaffected(bestOrder, ruined ?? Single(s)) : null);
                _banned.IntersectWith(savedBans);
                if (repaired is null)
                {
                    if (Stopped)
                    {
                        return null;
                    }

                    continue;
                }

                var candidateOrder = new List<int>();
                var candidate = ReverseDelete(repaired, candidateOrder);
                var value = Value(candidate);

                if (value < bestValue || (value == bestValue && Preferred(candidate, best)))
                {
                    best = candidate;
                    bestOrder = candidateOrder;
                    bestValue = value;
                    improved = true;
                    any = true;
                    Improvements++;
                    if (deep)
                    {
                        DeepImprovements++;
                    }

                    tried = _p.NewSet();
                    if (bestValue <= proven)
                    {
                        // No plan is cheaper than a proven lower bound: the rest of the moves could only trade this
                        // plan for another optimal one.
                        EndedAtProvenBound = true;
                        return null;
                    }

                    if (deep)
                    {
                        // Back to the single moves on the new plan.
                        return true;
                    }
                }

                if (Stopped)
                {
                    return null;
                }
            }
        }

        return any;
    }

    /// <summary>Whether no step of the plan with a positive weight can use s (its requirement's support holds s): only
    /// free steps, such as the target, read it. Direct readers only: a dear step that reads s through a free one is not
    /// seen, which can only let a deep move ruin more than a branch (every move is still checked by the oracle).</summary>
    private bool IsBranch(BitSet plan, int s)
    {
        foreach (var t in plan.Members())
        {
            if (t != s && _p.Weight[t] > 0m && _p.Catalog.Requirements[t] is { } requirement && requirement.Support.Contains(s))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new set holding s alone.</summary>
    private BitSet Single(int s)
    {
        var set = _p.NewSet();
        set.Add(s);
        return set;
    }

    /// <summary>The deep move's ruin: s with every step of the plan that its requirement can use, transitively (the
    /// plan's steps in the support of s's requirement, of theirs, and so on).</summary>
    internal BitSet Prerequisites(BitSet plan, int s)
    {
        var ruined = Single(s);
        var stack = new Stack<int>();
        stack.Push(s);
        while (stack.Count > 0)
        {
            if (_p.Catalog.Requirements[stack.Pop()] is not { } requirement)
            {
                continue;
            }

            foreach (var t in requirement.Support.Members())
            {
                if (plan.Contains(t) && !ruined.Contains(t))
                {
                    ruined.Add(t);
                    stack.Push(t);
                }
            }
        }

        return ruined;
    }

    /// <summary>Fewer steps, then the lexicographically smaller ordinal ids (the search's tie-break at equal value).</summary>
    private static bool Preferred(BitSet a, BitSet b)
    {
        var (ca, cb) = (a.Count(), b.Count());
        if (ca != cb)
        {
            return ca < cb;
        }

        using var x = a.Members().GetEnumerator();
        using var y = b.Members().GetEnumerator();
        while (x.MoveNext() && y.MoveNext())
        {
            if (x.Current != y.Current)
            {
                return x.Current < y.Current;
            }
        }

        return false;
    }

    /// <summary>The members of <paramref name="set"/>, costliest first, then highest index (<see cref="CostliestPlain"/>):
    /// sorted in place in an array by one cached comparison instead of a LINQ ordering per pass (which
    /// allocated and compared through key selectors). The keys are distinct
    /// (the index breaks every tie), so the unstable sort gives the same list.</summary>
    internal int[] Costliest(BitSet set)
    {
        var members = new int[set.Count()];
        var n = 0;
        foreach (var m in set.Members())
        {
            members[n++] = m;
        }

        // Sorted by each member's rank in the cone's costliest-first order (computed once): integer keys instead of a
        // decimal comparison through a delegate per comparison. The ranks are distinct and follow the same total order, so
        // the result is the same list. A member outside the cone (never in a plan, but the law asks) takes the comparison.
        var rank = _coneRank ??= ConeRank();
        Span<int> keys = n <= 256 ? stackalloc int[n] : new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = rank[members[i]];
            if (r < 0)
            {
                Array.Sort(members, _costlierFirst ??= CostlierFirst);
                return members;
            }

            keys[i] = r;
        }

        keys.Sort(members.AsSpan());
        return members;
    }

    /// <summary>Each cone credential's position in the cone sorted costliest first, then highest index; -1 outside the cone.</summary>
    private int[] ConeRank()
    {
        var order = (int[])_p.ConeList.Clone();
        Array.Sort(order, _costlierFirst ??= CostlierFirst);
        var rank = new int[_p.Count];
        Array.Fill(rank, -1);
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    /// <summary>Costliest first, then highest index (a total order on distinct credentials).</summary>
    private int CostlierFirst(int a, int b)
    {
        var byWeight = _p.Weight[b].CompareTo(_p.Weight[a]);
        return byWeight != 0 ? byWeight : b.CompareTo(a);
    }

    /// <summary>The members of <paramref name="set"/>, costliest first, then highest index, sorted (the law's reference).</summary>
    internal List<int> CostliestPlain(BitSet set) =>
        [.. set.Members().OrderByDescending(m => _p.Weight[m]).ThenByDescending(m => m)];

    /// <summary>The steps of a plan (in its valid <paramref name="order"/>) whose requirement reads neither
    /// <paramref name="s"/> nor, transitively, a step that does: without s each of them is asked the same question as in
    /// the order (its predecessors restricted to its support are unchanged), so they stay orderable in that order. Repair
    /// starts its first closure of the plan without s from them.</summary>
    internal BitSet Unaffected(List<int> order, int s) => Unaffected(order, Single(s));

    /// <summary>As <see cref="Unaffected(List{int}, int)"/>, for the removal of a set of steps.</summary>
    internal BitSet Unaffected(List<int> order, BitSet ruined)
    {
        var removed = ruined.Clone();
        var kept = _p.NewSet();
        foreach (var t in order)
        {
            if (ruined.Contains(t))
            {
                continue;
            }

            if (_p.Catalog.Requirements[t] is { } requirement && requirement.Support.Overlaps(removed))
            {
                removed.Add(t);
            }
            else
            {
                kept.Add(t);
            }
        }

        return kept;
    }

    /// <summary>Drops steps, costliest first, while the rest is still a plan; stops early (with a valid plan) on the stop
    /// signal. <paramref name="order"/> receives a valid order of the result (when not stopped).</summary>
    private BitSet ReverseDelete(BitSet plan, List<int> order)
    {
        if (Close(plan, order) is not { } current)
        {
            return plan;
        }

        // Why a step was kept: the goal failed without it (-1), or the later step whose requirement failed without it.
        // The set only shrinks, so by monotonicity (spec §7) such a step fails again as long as that reason is in the
        // set; a later pass retries only the steps whose blocking step was dropped since. With an undetermined answer
        // seen (which need not be monotone) every step is retried, as without the record.
        var keptFor = new Dictionary<int, int>();
        var before = _p.NewSet();
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var c in Costliest(current))
            {
                if (Stopped)
                {
                    return current;
                }

                if (ReuseSettled && !_p.Inexact && keptFor.TryGetValue(c, out var reason) && (reason < 0 || current.Contains(reason)))
                {
                    SettledSkips++;
                    continue;
                }

                // Tried in place (the oracle's memo copies what it keeps): c is put back when it must stay. The stop is
                // polled before every oracle question (a memo hit asks none).
                current.Remove(c);
                if (_p.CheckNode(_p.Goal, current, _stopNow) is not { } goal)
                {
                    current.Add(c);
                    return current;
                }

                if (goal != OracleAnswer.Yes)
                {
                    current.Add(c);
                    keptFor[c] = -1;
                    continue;
                }

                if (!OrderHolds(order, c, before, out var blocker))
                {
                    current.Add(c);
                    keptFor[c] = blocker;
                    continue;
                }

                order.Remove(c);
                changed = true;
            }
        }

        return current;
    }

    /// <summary>Does the order stay valid without c? Only steps after c whose requirement can use c need a new answer;
    /// <paramref name="blocker"/> is the first whose requirement then fails (or c itself when stopped). <paramref name="before"/>
    /// is scratch space (cleared here), reused across a reverse delete's trials.</summary>
    private bool OrderHolds(List<int> order, int c, BitSet before, out int blocker)
    {
        blocker = c;
        before.Clear();
        var after = false;
        foreach (var s in order)
        {
            if (s == c)
            {
                after = true;
                continue;
            }

            // The stop is polled before every oracle question (a memo hit asks none).
            if (after && _p.Catalog.Requirements[s] is { } requirement && requirement.Support.Contains(c)
                && _p.Check(s, before, _stopNow) != OracleAnswer.Yes)
            {
                blocker = Stopped ? c : s;
                return false;
            }

            before.Add(s);
        }

        return true;
    }
}
