using System.Collections.Immutable;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>One planning request reduced to its relevant cone: the credentials that can matter to the goal,
/// transitively through leaves, selectors, skills and equivalence. A step outside the cone matches no node of the
/// goal or of any cone credential's requirement, so removing it from a plan keeps the plan valid.</summary>
internal sealed class PlanningProblem
{
    private readonly OracleMemo<int> _memo = new(EqualityComparer<int>.Default);
    private readonly IPlanningOracle _oracle;

    public PlanningProblem(
        CompiledCatalog catalog,
        IPlanningOracle oracle,
        Requirement goal,
        LearnerRecord learner,
        DateOnly asOf,
        PlanObjective objective)
    {
        _oracle = oracle;
        Learner = learner;
        Objective = objective;
        var n0 = catalog.Count;

        // Substitutions whose "with" is a catalog credential let that credential, when planned, count as the substitute.
        var extra = new Dictionary<int, int[]>();
        foreach (var substitution in learner.Exceptions.OfType<Substitution>())
        {
            if (catalog.Index.TryGetValue(substitution.Substitute, out var x) && catalog.Index.TryGetValue(substitution.With, out var y))
            {
                foreach (var member in catalog.ClassMembers[catalog.ClassOf[x]])
                {
                    extra[member] = [.. (extra.TryGetValue(member, out var known) ? known : []).Union(catalog.ClassMembers[catalog.ClassOf[y]])];
                }
            }
        }

        Catalog = extra.Count == 0 ? catalog : new CompiledCatalog(catalog.Catalog, extra);

        // A holding of Y that stands for X counts with X's credits and hours (spec §5): pools bound with the larger.
        // Without such a substitution the catalog's arrays are shared (read only, like every per-catalog array here).
        PoolCredits = catalog.PoolCredits;
        PoolHours = catalog.PoolHours;
        if (extra.Count > 0)
        {
            PoolCredits = (decimal[])PoolCredits.Clone();
            PoolHours = (decimal[])PoolHours.Clone();
            foreach (var substitution in learner.Exceptions.OfType<Substitution>())
            {
                if (Catalog.Index.TryGetValue(substitution.Substitute, out var x) && Catalog.Index.TryGetValue(substitution.With, out var y))
                {
                    foreach (var member in Catalog.ClassMembers[Catalog.ClassOf[y]])
                    {
                        PoolCredits[member] = Math.Max(PoolCredits[member], Catalog.Credentials[x].Credits);
                        PoolHours[member] = Math.Max(PoolHours[member], Catalog.Credentials[x].Hours);
                    }
                }
            }
        }

        Count = n0;
        Goal = Catalog.Compile(goal, "goal");
        GoalRequirement = goal;

        // The same numbering array for every request of a catalog, so that the oracle maps it to its own once.
        Prepared = oracle.Prepare(learner, asOf, catalog.Ids);

        // Optimistic holdings for bounds: the holdings valid at T, each taken to meet every qualifier, or a substitution
        // backed by one. Only valid holdings are items (spec §4: invalid holdings never count; §5: a substitution makes
        // every *valid* holding of Y a holding of X; the engine skips the others, LearnerItems): a holding that has
        // expired or is not yet earned is no holding in any evaluation of any plan, so leaving it out keeps every bound
        // admissible, and a class held only that way costs what earning it costs instead of nothing.
        var heldIds = learner.Holdings
            .Where(h => h.IsValidAt(asOf, catalog.Index.TryGetValue(h.Credential, out var c) ? catalog.Credentials[c].ValidFor : null))
            .Select(h => h.Credential)
            .ToHashSet();
        HeldClass = new bool[Catalog.ClassMembers.Length];
        foreach (var id in heldIds)
        {
            if (Catalog.Index.TryGetValue(id, out var i))
            {
                HeldClass[Catalog.ClassOf[i]] = true;
            }
        }

        // Retakes (PlanStep.IsRetake) read every holding, valid or not: a step of a class the learner holds at all,
        // directly or through a substitution backed by a holding, renews or replaces that holding.
        var anyIds = learner.Holdings.Select(h => h.Credential).ToHashSet();
        var retakeClass = new bool[Catalog.ClassMembers.Length];
        foreach (var id in anyIds)
        {
            if (Catalog.Index.TryGetValue(id, out var i))
            {
                retakeClass[Catalog.ClassOf[i]] = true;
            }
        }

        foreach (var substitution in learner.Exceptions.OfType<Substitution>())
        {
            if (anyIds.Contains(substitution.With) && Catalog.Index.TryGetValue(substitution.Substitute, out var x))
            {
                retakeClass[Catalog.ClassOf[x]] = true;
            }
        }

        // Items per class, optimistically (spec §5): a held class's own item (a holding of a member, or, for a class held
        // only through substitutions, a member a plan may add, which the bounds take as free like every member of a held
        // class), and one more per substitution into it backed by a holding: the substitute stays an item of its own (a
        // transfer credit outside the catalog is in no other class; counting a catalog substitute in its own class too
        // only lowers a pool's need).
        HeldItems = new int[Catalog.ClassMembers.Length];
        foreach (var substitution in learner.Exceptions.OfType<Substitution>())
        {
            if (heldIds.Contains(substitution.With) && Catalog.Index.TryGetValue(substitution.Substitute, out var x))
            {
                HeldClass[Catalog.ClassOf[x]] = true;
                HeldItems[Catalog.ClassOf[x]]++;
            }
        }

        for (var k = 0; k < HeldItems.Length; k++)
        {
            HeldItems[k] += HeldClass[k] ? 1 : 0;
        }

        IsHeld = new bool[Count];
        IsRetake = new bool[Count];
        for (var i = 0; i < Count; i++)
        {
            IsHeld[i] = HeldClass[Catalog.ClassOf[i]];
            IsRetake[i] = retakeClass[Catalog.ClassOf[i]];
        }

        Waivers = [];
        foreach (var waiver in learner.Exceptions.OfType<Waiver>())
        {
            if (Catalog.Index.TryGetValue(waiver.Credential, out var q))
            {
                if (!Waivers.TryGetValue(q, out var set))
                {
                    set = new HashSet<string?>();
                    Waivers[q] = set;
                }

                set.Add(waiver.Node);
            }
        }

        // The cone: everything the goal can use, then everything those can use, to a fixpoint.
        Cone = Catalog.NewSet();
        var queue = new Queue<int>();
        foreach (var m in Goal.Support.Members())
        {
            Cone.Add(m);
            queue.Enqueue(m);
        }

        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            if (Catalog.Requirements[c] is { } requirement)
            {
                foreach (var m in requirement.Support.Members())
                {
                    if (!Cone.Contains(m))
                    {
                        Cone.Add(m);
                        queue.Enqueue(m);
                    }
                }
            }
        }

        ConeList = [.. Cone.Members()];
        var dependents = new List<int>[Count];
        foreach (var c in ConeList)
        {
            if (Catalog.Requirements[c] is { } requirement)
            {
                foreach (var m in requirement.Support.Members())
                {
                    (dependents[m] ??= []).Add(c);
                }
            }
        }

        // A credential some cone requirement can use is in the cone (its closure), so only cone credentials have
        // dependents: the others share the empty array (a pass over the cone, not the catalog).
        Dependents = new int[Count][];
        Array.Fill(Dependents, []);
        foreach (var i in ConeList)
        {
            if (dependents[i] is { } list)
            {
                Dependents[i] = [.. list];
            }
        }

        HoursOf = catalog.HoursOf;
        CostOf = catalog.CostOf;
        Weight = catalog.WeightsOf(objective);
    }

    public CompiledCatalog Catalog { get; }

    public int Count { get; }

    public LearnerRecord Learner { get; }

    public PlanObjective Objective { get; }

    public Requirement GoalRequirement { get; }

    public CompiledNode Goal { get; }

    public object Prepared { get; }

    public bool[] HeldClass { get; }

    /// <summary>Per equivalence class, how many items of it count as held, optimistically (any holding valid at T, its
    /// qualifiers taken as met):
    /// one for the class itself (its members are free in the bounds) plus one per substitution into it backed by a
    /// holding (spec §5: a substitute stays its own item, so a learner holding X and a transfer credit used as X has two
    /// items that count as X). 0 exactly when <see cref="HeldClass"/> is false.</summary>
    public int[] HeldItems { get; }

    /// <summary>Per credential: its class is held, optimistically (<see cref="HeldClass"/>): a valid holding of a member, or
    /// a substitution into it backed by one. The bounds and the incumbent take such members as free.</summary>
    public bool[] IsHeld { get; }

    /// <summary>Per credential: the learner holds a member of its class at all (valid or not, or through a substitution
    /// backed by any holding), so that a step of it is a retake (<see cref="PlanStep.IsRetake"/>). Never read by the bounds.</summary>
    public bool[] IsRetake { get; }

    /// <summary>Waived node ids per credential; a null entry waives the whole requirement.</summary>
    public Dictionary<int, HashSet<string?>> Waivers { get; }

    public BitSet Cone { get; }

    public int[] ConeList { get; }

    /// <summary>For each credential, the cone credentials whose requirement can use it.</summary>
    public int[][] Dependents { get; }

    public decimal[] Weight { get; }

    /// <summary>The weights in the bounds' integer units (<see cref="LowerBounds.Scale"/>), computed once per weights array
    /// and shared, read only, by the request's bounds, landmark cuts and reduced-cost fixing (which computed it once
    /// each); a different array (a side constraint's weights) is computed afresh.</summary>
    public (long[] Weights, decimal Scale) Scaled(decimal[] weights)
    {
        var (scaled, scale, _) = ScaledWithGranule(weights);
        return (scaled, scale);
    }

    /// <summary>The granule of the cone's weights: the largest g such that every cone weight is a whole multiple of g (0
    /// when there is none to use: a weight negative, or not whole in units of 10^-6), with the unit 1/scale of the bounds'
    /// integer units; found with <see cref="Scaled"/> in its pass over the cone (<see cref="LowerBounds.ScaleAndGranule"/>).
    /// Every set of cone credentials costs a whole multiple of g, so the search rounds its bounds up to one.</summary>
    public (decimal Granule, decimal Unit) Granule(decimal[] weights)
    {
        var (_, scale, units) = ScaledWithGranule(weights);
        return (units / scale, 1m / scale);
    }

    private (long[] Weights, decimal Scale, long GranuleUnits) ScaledWithGranule(decimal[] weights)
    {
        if (_scaled is not { } known || !ReferenceEquals(known.Of, weights))
        {
            known = (weights, LowerBounds.ScaleAndGranule(this, weights));
            _scaled = known;
        }

        return known.Result;
    }

    /// <summary>The last weights array <see cref="Scaled"/> scaled, and its result (with the granule in scaled units).</summary>
    private (decimal[] Of, (long[] Weights, decimal Scale, long GranuleUnits) Result)? _scaled;

    /// <summary>Gets or sets the cone's strongly connected components, once computed (see <see cref="Planning.DependencyComponents.Of"/>).</summary>
    public (int[][] Components, bool[] Cyclic)? DependencyComponents { get; set; }

    /// <summary>The most credits (or hours) the item of a pool's match group can count with: the best of its members'.</summary>
    public decimal GroupValue(int[] group, bool hours)
    {
        var value = 0m;
        foreach (var m in group)
        {
            value = Math.Max(value, hours ? PoolHours[m] : PoolCredits[m]);
        }

        return value;
    }

    /// <summary>Takes a pool match group's held items (one equivalence class's, counted optimistically: see
    /// <see cref="HeldItems"/>) off what the pool still needs, when it has any: each counts (the class's and every
    /// substitute's, used as a member, spec §5) with <paramref name="value"/>, the group's value (<see cref="GroupValue"/>),
    /// which is at least what a substitute's item counts with (the substituted credential's credits or hours). Both
    /// bounds read pools so (the landmark cuts' graph and <c>LowerBounds</c>), so that they agree on what a holding is
    /// worth.</summary>
    /// <returns>Whether the group has held items (then it is no candidate of the pool).</returns>
    public bool TakeHeldItems(int[] group, decimal value, ref int remainingCount, ref decimal remainingAmount)
    {
        var held = HeldItems[Catalog.ClassOf[group[0]]];
        if (held <= 0)
        {
            return false;
        }

        remainingCount -= held;
        remainingAmount -= value * held;
        return true;
    }


    /// <summary>The most credits an item holding this credential can count with in a pool (its own, or a substituted credential's).</summary>
    public decimal[] PoolCredits { get; }

    /// <summary>The most hours an item holding this credential can count with in a pool.</summary>
    public decimal[] PoolHours { get; }

    public decimal[] HoursOf { get; }

    public decimal[] CostOf { get; }

    /// <summary>Gets the number of oracle calls made (memo misses).</summary>
    public long OracleCalls { get; private set; }

    /// <summary>Gets a value indicating whether some oracle answer was <see cref="OracleAnswer.Unknown"/>: then nothing
    /// that relied on a "no" can be claimed as proven.</summary>
    public bool Inexact { get; private set; }

    public bool IsWaived(int owner, CompiledNode node) =>
        owner >= 0 && Waivers.TryGetValue(owner, out var set) && node.Source.Id is { } id && set.Contains(id);

    public bool HasWaivers(int owner) => Waivers.ContainsKey(owner);

    /// <summary>Is credential <paramref name="target"/>'s requirement satisfied by the learner plus <paramref name="planned"/>?</summary>
    public OracleAnswer Check(int target, BitSet planned)
    {
        if (Catalog.Requirements[target] is not { } requirement)
        {
            return OracleAnswer.Yes;
        }

        // Credentials outside the requirement's support match none of its nodes, so they cannot change the answer.
        return _memo.TryGet(target, planned, requirement.Support, requirement.SupportWords, out var answer)
            ? answer
            : Ask(target, requirement, planned);
    }

    /// <summary>As <see cref="Check(int, BitSet)"/>, but polls <paramref name="stop"/> before an oracle question (only when
    /// the memo does not hold the answer: a stored answer costs a lookup, not a question); null when it stopped.</summary>
    public OracleAnswer? Check(int target, BitSet planned, Func<bool>? stop)
    {
        if (Catalog.Requirements[target] is not { } requirement)
        {
            return OracleAnswer.Yes;
        }

        // Credentials outside the requirement's support match none of its nodes, so they cannot change the answer.
        if (_memo.TryGet(target, planned, requirement.Support, requirement.SupportWords, out var answer))
        {
            return answer;
        }

        return stop is not null && stop() ? null : Ask(target, requirement, planned);
    }

    /// <summary>Asks the oracle about a requirement (a memo miss) and stores the answer.</summary>
    private OracleAnswer Ask(int target, CompiledNode requirement, BitSet planned)
    {
        var key = new SetKey(planned, requirement.Support, requirement.SupportWords);
        OracleCalls++;
        var answer = _oracle.Check(Prepared, target, key.Words);
        Inexact |= answer == OracleAnswer.Unknown;
        _memo.Add(target, key, answer);
        return answer;
    }

    /// <summary>Is a goal node (the goal or a sub-node, evaluated as a standalone goal) satisfied?</summary>
    public OracleAnswer CheckNode(CompiledNode node, BitSet planned) =>
        _memoNodes.TryGet(node, planned, node.Support, node.SupportWords, out var answer) ? answer : AskNode(node, planned);

    /// <summary>As <see cref="CheckNode(CompiledNode, BitSet)"/>, but polls <paramref name="stop"/> before an oracle
    /// question (only on a memo miss); null when it stopped.</summary>
    public OracleAnswer? CheckNode(CompiledNode node, BitSet planned, Func<bool>? stop)
    {
        if (_memoNodes.TryGet(node, planned, node.Support, node.SupportWords, out var answer))
        {
            return answer;
        }

        return stop is not null && stop() ? null : AskNode(node, planned);
    }

    /// <summary>Asks the oracle about a goal node (a memo miss) and stores the answer.</summary>
    private OracleAnswer AskNode(CompiledNode node, BitSet planned)
    {
        var key = new SetKey(planned, node.Support, node.SupportWords);
        OracleCalls++;
        var answer = _oracle.CheckGoal(Prepared, node.CheckSource, key.Words);
        Inexact |= answer == OracleAnswer.Unknown;
        _memoNodes.Add(node, key, answer);
        return answer;
    }

    /// <summary>Goal nodes are told apart by identity (a compiled node is never copied).</summary>
    private readonly OracleMemo<CompiledNode> _memoNodes = new(ReferenceEqualityComparer.Instance);

    public bool GoalMet(BitSet planned) => CheckNode(Goal, planned) == OracleAnswer.Yes;

    /// <summary>The greedy closure: repeatedly take any member of <paramref name="set"/> whose requirement is satisfied
    /// by the learner plus the members taken so far. By monotonicity (spec §7) the set has a valid order exactly when the
    /// closure is the whole set, and the closure is the largest orderable subset.</summary>
    public BitSet Closure(BitSet set, List<int>? order = null) => Closure(set, null, order);

    /// <summary>The greedy closure of <paramref name="set"/>, started from <paramref name="start"/>, an orderable subset
    /// of it (a parent's closure: closure is monotone, so a child's closure contains its parent's). The greedy closure
    /// is the unique largest orderable subset, so starting from any orderable subset of it reaches the same set.</summary>
    public BitSet Closure(BitSet set, BitSet? start, List<int>? order = null) => ClosureCore(set, start, order, stop: null)!;

    /// <summary>The greedy closure of <paramref name="set"/>, polling <paramref name="stop"/> before every oracle
    /// question; null when it stopped (for the incumbent, whose loops honour the time budget).</summary>
    public BitSet? Closure(BitSet set, List<int>? order, Func<bool> stop) => ClosureCore(set, null, order, stop);

    /// <summary>The greedy closure of <paramref name="set"/> started from <paramref name="start"/> (an orderable subset of
    /// it, or null), polling <paramref name="stop"/> before every oracle question; null when it stopped.</summary>
    public BitSet? Closure(BitSet set, BitSet? start, List<int>? order, Func<bool> stop) => ClosureCore(set, start, order, stop);

    private BitSet? ClosureCore(BitSet set, BitSet? start, List<int>? order, Func<bool>? stop)
    {
        var closed = start?.Clone() ?? NewSet();
        var pending = new List<int>();
        foreach (var m in set.Members())
        {
            if (!closed.Contains(m))
            {
                pending.Add(m);
            }
        }

        var changed = true;
        while (changed && pending.Count > 0)
        {
            changed = false;
            for (var k = 0; k < pending.Count; k++)
            {
                // The stop is polled before every oracle question (a memo hit asks none).
                var s = pending[k];
                if (Check(s, closed, stop) is not { } answer)
                {
                    return null;
                }

                if (answer == OracleAnswer.Yes)
                {
                    closed.Add(s);
                    order?.Add(s);
                    pending.RemoveAt(k);
                    k--;
                    changed = true;
                }
            }
        }

        return closed;
    }

    public BitSet NewSet() => Catalog.NewSet();

    public ImmutableArray<CredentialId> Ids(IEnumerable<int> indices) => [.. indices.Select(i => Catalog.Credentials[i].Id)];
}
