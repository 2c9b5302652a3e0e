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
}
