using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>The primal side of the search: a good valid plan, fast, without closing the whole cone.</summary>
/// <remarks>
/// <para><b>Construction.</b> An additive estimate <c>h(m)</c> of what acquiring m costs with its prerequisites (the sum
/// over an <c>allOf</c>, the cheapest child of an <c>anyOf</c>, the k cheapest of an <c>atLeast</c> or pool, a greedy
/// cover of a credits or hours pool; held classes free) is computed by a Dijkstra-style pass that only uses settled
/// values, so every finite estimate stands for a well-founded derivation of the relaxation. The goal is then satisfied
/// top-down: at each node the cheapest choice, where credentials already in the plan (or held) cost nothing, which
/// prefers shared prerequisites; every credential taken has its own requirement satisfied the same way. Within one
/// requirement an item that a consuming node used is not used again (spec §6), so allocation conflicts are rare.</para>
/// <para><b>Verification and repair.</b> Only the oracle decides: the set is a plan when its greedy closure is the whole
/// set and the goal holds on it. Otherwise the first step that cannot be ordered (or, when every step can, the goal)
/// is repaired: its deepest failing node gets its next-cheapest candidate, with a derivation. A step that cannot be
/// repaired is banned. If repair gets stuck, everything obtainable (the closure of the cone) is the plan, as before.</para>
/// <para><b>Improvement</b> (<c>Incumbent.LocalSearch.cs</c>): reverse delete, then ruin and recreate (a step alone,
/// then a branch of the plan with its prerequisites).</para>
/// <para><b>Budgets.</b> The work is polynomial in the cone; the stop signal (time budget or cancellation) is polled in
/// every loop. A stop during construction gives no plan; a stop during improvement gives the best valid plan so far.
/// The node limit counts branch-and-bound nodes only. <b>Determinism:</b> every loop runs in ordinal order and every
/// choice is broken by (estimate, weight, ordinal index); nothing depends on input order, hashing or timing, except
/// where the stop signal ends the work.</para>
/// </remarks>
internal sealed partial class Incumbent
{
    private readonly PlanningProblem _p;
    private readonly Func<bool> _stop;
    private readonly decimal[] _h;
    private readonly BitSet _banned;
    private readonly Func<int, decimal> _marginal;

    /// <summary><see cref="StopNow"/> as a delegate, made once (the oracle's polled questions take it).</summary>
    private readonly Func<bool> _stopNow;
    private readonly Dictionary<CompiledNode, int[]> _contended = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(CompiledNode Node, bool Support), int[]> _byWeight = new(new NodeKeyComparer());
    private readonly Stack<HashSet<int>> _usedSets = new();
    private (decimal Cost, decimal Value, decimal Key, int Order)[] _poolOptions = [];
    private BitSet _plan;

    /// <summary>Which estimates are final, while <c>Estimate</c> runs (null otherwise).</summary>
    private bool[]? _settled;

    public Incumbent(PlanningProblem problem, Func<bool> stop)
    {
        _p = problem;
        _stop = stop;
        _h = new decimal[problem.Count];
        _banned = problem.NewSet();
        _plan = problem.NewSet();
        _marginal = Marginal;
        _stopNow = StopNow;
    }

    /// <summary>Gets a value indicating whether the last <see cref="Find"/> was ended by the stop signal.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Gets a value indicating whether the plan came from the closure of the whole cone (repair got stuck).</summary>
    public bool UsedFallback { get; private set; }

    /// <summary>A valid plan (checked by the oracle), improved, or null when none was found (no plan exists, or the stop signal came first).</summary>
    public BitSet? Find() => Construct() is { } plan ? Improve(plan) : null;

    /// <summary>A valid plan (checked by the oracle) before improvement, or null when none was found (no plan exists, or the stop signal came first).</summary>
    public BitSet? Construct()
    {
        Estimate();
        _settled = null;
        if (Stopped)
        {
            return null;
        }

        BitSet? plan = null;
        if (Est(_p.Goal, -1) < LowerBounds.Infinity)
        {
            var used = RentUsed();
            Satisfy(_p.Goal, -1, used, consuming: true);
            ReturnUsed(used);
            plan = Repair();
        }

        if (plan is null)
        {
            // Repair got stuck (or not even the relaxation has a derivation): everything obtainable is a plan exactly when
            // one exists, so the incumbent exists whenever a plan does (unless the stop signal comes first).
            if (Stopped || Close(_p.Cone) is not { } obtainable || !_p.GoalMet(obtainable))
            {
                return null;
            }

            UsedFallback = true;
            plan = obtainable;
        }

        return plan;
    }

    private bool StopNow()
    {
        if (!Stopped && _stop())
        {
            Stopped = true;
        }

        return Stopped;
    }

    /// <summary>The problem's greedy closure, polling the stop signal before every oracle question; null when stopped.</summary>
    private BitSet? Close(BitSet set, List<int>? order = null) => _p.Closure(set, order, _stopNow);

    /// <summary>Gets a value indicating whether repair's closures start from the previous round's and reverse delete
    /// skips the steps a pass showed it must keep (see <see cref="Repair"/> and <c>ReverseDelete</c>): the same plans with
    /// fewer oracle questions. Tests switch it off to check that.</summary>
    internal bool ReuseSettled { get; init; } = true;

    private decimal Value(BitSet set)
    {
        var sum = 0m;
        foreach (var m in set.Members())
        {
            sum += _p.Weight[m];
        }

        return sum;
    }

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

        var consuming = node.Children.Where(c => !c.Source.Shared).ToList();
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

    /// <summary>Makes a node hold structurally: picks the cheapest choice at each level and acquires what is missing.</summary>
    /// <param name="n">The node.</param>
    /// <param name="owner">The credential whose requirement it is, or -1 for the goal.</param>
    /// <param name="used">Classes consumed by nodes of this requirement so far (spec §6: one node each).</param>
    /// <param name="consuming">False under a shared node.</param>
    private void Satisfy(CompiledNode n, int owner, HashSet<int> used, bool consuming)
    {
        if (_p.IsWaived(owner, n))
        {
            return;
        }

        consuming &= !n.Source.Shared;
        switch (n.Source)
        {
            case CredentialRequirement:
            case SkillRequirement:
                {
                    if (n.Source is SkillRequirement { Level: < 1 })
                    {
                        return;
                    }

                    var consumes = consuming && n.Source is CredentialRequirement;
                    int? pick = null;
                    var pickCost = LowerBounds.Infinity;
                    foreach (var m in n.Matches)
                    {
                        if (consumes && used.Contains(_p.Catalog.ClassOf[m]))
                        {
                            continue;
                        }

                        var cost = Choice(m);
                        if (pick is not { } b || cost < pickCost || (cost == pickCost && Better(m, b)))
                        {
                            pick = m;
                            pickCost = cost;
                        }
                    }

                    if (pick is { } chosen && pickCost < LowerBounds.Infinity)
                    {
                        if (consumes)
                        {
                            used.Add(_p.Catalog.ClassOf[chosen]);
                        }

                        if (pickCost > 0m)
                        {
                            Acquire(chosen);
                        }
                    }

                    return;
                }

            case CountRequirement or CreditsRequirement or HoursRequirement:
                {
                    foreach (var member in PoolChoice(n, used, consuming))
                    {
                        if (consuming)
                        {
                            used.Add(_p.Catalog.ClassOf[member]);
                        }

                        if (Marginal(member) > 0m)
                        {
                            Acquire(member);
                        }
                    }

                    return;
                }

            case AllOfRequirement:
                foreach (var child in n.Children)
                {
                    Satisfy(child, owner, used, consuming);
                }

                return;
            case AnyOfRequirement or AtLeastRequirement:
                {
                    var need = n.Source is AtLeastRequirement atLeast ? atLeast.Count : Math.Min(1, n.Children.Length);
                    if (need <= 0 || need > n.Children.Length)
                    {
                        return;
                    }

                    // The need cheapest children by (estimate, index), satisfied in index order. The estimates are all taken
                    // before any child is satisfied (satisfying one changes the plan, hence the others' estimates).
                    var ests = n.Children.Length <= 32 ? stackalloc decimal[n.Children.Length] : new decimal[n.Children.Length];
                    for (var k = 0; k < ests.Length; k++)
                    {
                        ests[k] = Est(n.Children[k], owner);
                    }

                    if (need == 1)
                    {
                        Satisfy(n.Children[FirstCheapest(ests)], owner, used, consuming);
                        return;
                    }

                    foreach (var k in CheapestChildren(ests, need))
                    {
                        Satisfy(n.Children[k], owner, used, consuming);
                    }

                    return;
                }

            default:
                return;
        }
    }

    /// <summary>The indices of the <paramref name="need"/> least estimates, least first by (estimate, index), returned in
    /// ascending index order: the order is total (indices differ), so the unstable sort gives what LINQ's stable
    /// <c>OrderBy(estimate).ThenBy(index).Take(need)</c> does.</summary>
    internal static int[] CheapestChildren(ReadOnlySpan<decimal> ests, int need)
    {
        var values = ests.ToArray();
        var order = new int[ests.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (x, y) => values[x] != values[y] ? values[x].CompareTo(values[y]) : x.CompareTo(y));
        var chosen = order[..need];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The first index of the least estimate: what <see cref="CheapestChildren"/> gives for a need of one (the
    /// ordering by (estimate, index) puts it first), without an array or a sort.</summary>
    internal static int FirstCheapest(ReadOnlySpan<decimal> ests)
    {
        var first = 0;
        for (var k = 1; k < ests.Length; k++)
        {
            if (ests[k] < ests[first])
            {
                first = k;
            }
        }

        return first;
    }

    /// <summary>The order of a pool's options in <c>PoolChoice</c>: free ones (cost 0) first, largest value first, then
    /// ascending cost per unit, then member index, then position in the list (what LINQ's stable sort keeps for equal
    /// keys; options come one per class, so members already differ). The order is total, so the unstable sort gives the
    /// stable sort's order.</summary>
    internal static void SortPoolOptions(List<(int Member, decimal Cost, decimal Value)> options)
    {
        var keyed = new (int Tier, decimal Key, int Member, int Position)[options.Count];
        for (var i = 0; i < keyed.Length; i++)
        {
            var o = options[i];
            keyed[i] = (o.Cost == 0m ? 0 : 1, o.Cost == 0m ? -o.Value : o.Cost / o.Value, o.Member, i);
        }

        Array.Sort(keyed, static (x, y) =>
            x.Tier != y.Tier ? x.Tier.CompareTo(y.Tier)
            : x.Key != y.Key ? x.Key.CompareTo(y.Key)
            : x.Member != y.Member ? x.Member.CompareTo(y.Member)
            : x.Position.CompareTo(y.Position));
        var copy = options.ToArray();
        for (var i = 0; i < keyed.Length; i++)
        {
            options[i] = copy[keyed[i].Position];
        }
    }

    /// <summary>The members chosen to fill a pool: one per class, free ones first, then the cheapest per unit.</summary>
    private List<int> PoolChoice(CompiledNode n, HashSet<int> used, bool consuming)
    {
        var isCount = n.Source is CountRequirement;
        var isHours = n.Source is HoursRequirement;
        var need = Need(n);
        var options = new List<(int Member, decimal Cost, decimal Value)>();
        foreach (var group in n.MatchGroups)
        {
            if (consuming && used.Contains(_p.Catalog.ClassOf[group[0]]))
            {
                continue;
            }

            var value = _p.GroupValue(group, isHours);

            if (!isCount && value <= 0m)
            {
                continue;
            }

            int? best = null;
            var bestCost = LowerBounds.Infinity;
            foreach (var m in group)
            {
                var cost = Choice(m);
                if (best is not { } b || cost < bestCost || (cost == bestCost && Better(m, b)))
                {
                    best = m;
                    bestCost = cost;
                }
            }

            if (best is { } pick && bestCost < LowerBounds.Infinity && (isCount || value > 0m))
            {
                options.Add((pick, bestCost, isCount ? 1m : value));
            }
        }

        // Free items first (largest value first), then the cheapest per unit of what the pool counts.
        SortPoolOptions(options);
        var chosen = new List<int>();
        var got = 0m;
        foreach (var o in options)
        {
            if (got >= need)
            {
                break;
            }

            chosen.Add(o.Member);
            got += o.Value;
        }

        return chosen;
    }

    /// <summary>Estimated marginal cost of satisfying a node now (planned and held items free; allocation ignored).</summary>
    private decimal Est(CompiledNode n, int owner) => NodeCost(n, owner, _marginal);

    /// <summary>The additive estimate of a node under a per-credential cost.</summary>
    private decimal NodeCost(CompiledNode n, int owner, Func<int, decimal> cost)
    {
        if (_p.IsWaived(owner, n))
        {
            return 0m;
        }

        switch (n.Source)
        {
            case CredentialRequirement:
            case SkillRequirement:
                {
                    if (n.Source is SkillRequirement { Level: < 1 })
                    {
                        return 0m;
                    }

                    var best = LowerBounds.Infinity;
                    foreach (var m in n.Matches)
                    {
                        best = Math.Min(best, cost(m));
                    }

                    return best;
                }

            case CountRequirement or CreditsRequirement or HoursRequirement:
                // Given the plan (after Estimate), a large pool reads a cached order (Incumbent.Pools.cs).
                return ReferenceEquals(cost, _marginal) ? PoolEstimate(n) : _settled is not null ? SettledPoolCost(n, cost, _settled) : PoolCost(n, cost);
            case AllOfRequirement:
                {
                    var sum = 0m;
                    foreach (var child in n.Children)
                    {
                        sum = LowerBounds.Add(sum, NodeCost(child, owner, cost));
                    }

                    return sum;
                }

            case AnyOfRequirement or AtLeastRequirement:
                {
                    var need = n.Source is AtLeastRequirement atLeast ? atLeast.Count : Math.Min(1, n.Children.Length);
                    if (need <= 0)
                    {
                        return 0m;
                    }

                    if (need > n.Children.Length)
                    {
                        return LowerBounds.Infinity;
                    }

                    if (need == 1)
                    {
                        // The least child (the sum of the one least cost), without an array.
                        var least = LowerBounds.Infinity;
                        foreach (var child in n.Children)
                        {
                            least = Math.Min(least, NodeCost(child, owner, cost));
                        }

                        return LowerBounds.Add(0m, least);
                    }

                    var costs = new decimal[n.Children.Length];
                    for (var k = 0; k < costs.Length; k++)
                    {
                        costs[k] = NodeCost(n.Children[k], owner, cost);
                    }

                    Array.Sort(costs);
                    var sum = 0m;
                    for (var k = 0; k < need; k++)
                    {
                        sum = LowerBounds.Add(sum, costs[k]);
                    }

                    return sum;
                }

            default:
                return 0m;
        }
    }

    /// <summary>What a pool asks for: a number of items, of credits or of hours (0 for any other node).</summary>
    private static decimal Need(CompiledNode n) => n.Source switch
    {
        CountRequirement c => c.Count,
        CreditsRequirement c => c.Credits,
        HoursRequirement h => h.Hours,
        _ => 0m,
    };

    /// <summary>Gets the size (classes) above which a pool is large: its estimate uses a heap and the caches of
    /// <c>Incumbent.Pools.cs</c> instead of a full sort; default 64. Tests set 0 and <see cref="int.MaxValue"/> to check
    /// that both ways give the same plans.</summary>
    internal int LargePool { get; init; } = 64;

    private decimal PoolCost(CompiledNode n, Func<int, decimal> cost)
    {
        var isCount = n.Source is CountRequirement;
        var isHours = n.Source is HoursRequirement;
        var need = Need(n);
        if (need <= 0m)
        {
            return 0m;
        }

        // A scratch array reused across calls (the cost delegates never estimate a pool, so no call runs inside another);
        // only its first count entries are written and read.
        var options = !ReuseScratch ? new (decimal Cost, decimal Value, decimal Key, int Order)[n.MatchGroups.Length]
            : _poolOptions.Length >= n.MatchGroups.Length ? _poolOptions
            : _poolOptions = new (decimal Cost, decimal Value, decimal Key, int Order)[n.MatchGroups.Length];
        var count = 0;
        for (var g = 0; g < n.MatchGroups.Length; g++)
        {
            var best = LowerBounds.Infinity;
            var value = 0m;
            foreach (var m in n.MatchGroups[g])
            {
                best = Math.Min(best, cost(m));
                value = Math.Max(value, isHours ? _p.PoolHours[m] : _p.PoolCredits[m]);
            }

            if (best < LowerBounds.Infinity && (isCount || value > 0m))
            {
                var unit = isCount ? 1m : value;

                // Free items first, largest value first (negated key below any ratio), then the cheapest per unit.
                options[count++] = (best, unit, best == 0m ? -unit : best / unit, g);
            }
        }

        // Free items first (largest value first), then the cheapest per unit; group order breaks ties. Only the prefix
        // that meets the need is read, so a heap (linear to build) replaces the full sort: a degree's "128 credits from
        // any course" reads about 32 of 2 000 options. The order is total (group order last), so the prefix is the same.
        var sum = 0m;
        var got = 0m;
        if (count <= LargePool)
        {
            Array.Sort(options, 0, count, PoolOrder.Instance);
            for (var k = 0; k < count && got < need; k++)
            {
                sum += options[k].Cost;
                got += options[k].Value;
            }
        }
        else
        {
            var heap = new PriorityQueue<int, (decimal Cost, decimal Value, decimal Key, int Order)>(
                Enumerable.Range(0, count).Select(k => (k, options[k])), PoolOrder.Instance);
            while (got < need && heap.TryDequeue(out var k, out _))
            {
                sum += options[k].Cost;
                got += options[k].Value;
            }
        }

        return got >= need ? sum : LowerBounds.Infinity;
    }

    /// <summary>Computes h for every cone credential, each value from settled values only: the strongly connected
    /// components of the dependency graph (m depends on its requirement's support) in dependency order, one evaluation
    /// per credential outside cycles, and Dijkstra order (Knuth's generalisation) inside a cycle.</summary>
    private const int LargeComponent = 64;

    private void Estimate()
    {
        Array.Fill(_h, LowerBounds.Infinity);
        var settled = new bool[_p.Count];
        _settled = settled;
        decimal Settled(int m) => _p.IsHeld[m] ? 0m : settled[m] ? _h[m] : LowerBounds.Infinity;
        decimal Evaluate(int m) =>
            _p.Catalog.Requirements[m] is { } requirement && !WholeWaived(m)
                ? LowerBounds.Add(_p.Weight[m], NodeCost(requirement, m, Settled))
                : _p.Weight[m];

        foreach (var component in DependencyComponents.Of(_p).Components)
        {
            if (StopNow())
            {
                return;
            }

            if (component.Length == 1 && !(_p.Catalog.Requirements[component[0]]?.Support.Contains(component[0]) ?? false))
            {
                _h[component[0]] = Evaluate(component[0]);
                settled[component[0]] = true;
                continue;
            }

            if (component.Length > LargeComponent)
            {
                // A large cycle (a degree's "any course" pool reaching every other degree): one pass in ordinal order, each
                // value from the values settled so far. Still well-founded, just less tight than Dijkstra order, and
                // linear instead of quadratic in the component.
                foreach (var m in component)
                {
                    if (StopNow())
                    {
                        return;
                    }

                    _h[m] = Evaluate(m);
                    settled[m] = true;
                }

                continue;
            }

            var inside = new HashSet<int>(component);
            var queue = new PriorityQueue<int, (decimal, int)>();
            foreach (var m in component)
            {
                var value = Evaluate(m);
                if (value < LowerBounds.Infinity)
                {
                    _h[m] = value;
                    queue.Enqueue(m, (value, m));
                }
            }

            var dirty = new SortedSet<int>();
            while (queue.TryDequeue(out var m, out var priority))
            {
                if (settled[m] || priority.Item1 != _h[m])
                {
                    continue;
                }

                settled[m] = true;
                dirty.UnionWith(_p.Dependents[m]);
                while (queue.TryPeek(out var next, out var nextPriority) && nextPriority.Item1 == priority.Item1)
                {
                    queue.Dequeue();
                    if (!settled[next] && nextPriority.Item1 == _h[next])
                    {
                        settled[next] = true;
                        dirty.UnionWith(_p.Dependents[next]);
                    }
                }

                foreach (var d in dirty)
                {
                    if (settled[d] || !inside.Contains(d))
                    {
                        continue;
                    }

                    var value = Evaluate(d);
                    if (value < _h[d])
                    {
                        _h[d] = value;
                        queue.Enqueue(d, (value, d));
                    }
                }

                dirty.Clear();
            }

            foreach (var m in component)
            {
                if (!settled[m])
                {
                    // Computed from unsettled values only: no well-founded derivation.
                    _h[m] = LowerBounds.Infinity;
                    settled[m] = true;
                }
            }
        }
    }

    /// <summary>Nodes by reference (deterministic: only lookups, never enumeration).</summary>
    private sealed class NodeKeyComparer : IEqualityComparer<(CompiledNode Node, bool Support)>
    {
        public bool Equals((CompiledNode Node, bool Support) x, (CompiledNode Node, bool Support) y) =>
            ReferenceEquals(x.Node, y.Node) && x.Support == y.Support;

        public int GetHashCode((CompiledNode Node, bool Support) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node), obj.Support);
    }

    /// <summary>Free options first (largest value first), then ascending cost per unit, then group order.</summary>
    private sealed class PoolOrder : IComparer<(decimal Cost, decimal Value, decimal Key, int Order)>
    {
        public static readonly PoolOrder Instance = new();

        public int Compare((decimal Cost, decimal Value, decimal Key, int Order) x, (decimal Cost, decimal Value, decimal Key, int Order) y)
        {
            var freeX = x.Cost == 0m;
            var freeY = y.Cost == 0m;
            if (freeX != freeY)
            {
                return freeX ? -1 : 1;
            }

            var c = x.Key.CompareTo(y.Key);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        }
    }
}
