using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>The exact search of spec §6.</summary>
/// <remarks>
/// <para>Pipeline, cheapest first: (1) every node gets a static status: waived and shared subtrees and skill nodes
/// are decided outright (they consume nothing); a consuming node that its candidates cannot satisfy alone is false;
/// composites propagate. (2) A live consuming node whose candidates no other live node can use is decided alone
/// (disjoint pools need no search); repeat until nothing changes. (3) What is left is searched depth first over the
/// choices of anyOf/atLeast nodes, adding consuming nodes to an allocation that is extended greedily from free items
/// and, when that fails, re-solved exactly (private items first, then an include/exclude enumeration with dominance
/// between items and failure memoisation for credits and hours nodes, then bipartite matching for count and credential
/// nodes), unless the nodes still forced could not be met together anyway. Each exact allocation has a budget that
/// grows round after round, so one hard allocation cannot hold up the other choices. Every step costs one unit of
/// work; past the limit the answer is undetermined, never a guess. (4) Where a first round ran past an allocation's
/// budget, or the limit is reached, the linear relaxation (<see cref="RelaxationRefutes"/>) may prove "not eligible"
/// with a checked certificate.</para>
/// </remarks>
internal sealed partial class Evaluation
{
    private const sbyte Open = -1;
    private const sbyte False = 0;
    private const sbyte True = 1;

    /// <summary>The share of the work limit one exact allocation may take in the first round of <see cref="Solve"/>
    /// (20,000 steps under the default limit).</summary>
    private const long FirstAllocationShare = 50;

    /// <summary>How much the budget of an exact allocation grows from one round to the next.</summary>
    private const long AllocationBudgetGrowth = 8;

    private readonly long _workLimit;
    private long _work;
    private long _allocationBudget = long.MaxValue;
    private long _allocationStop = long.MaxValue;
    private bool _budgetRanOut;

    private int[]? _unitStamp;
    private bool[] _isForced = [];
    private decimal[]? _unitBest;
    private int _unitGeneration;
    private sbyte[] _status = [];
    private int[][] _local = [];
    private int[] _owner = [];
    private int[] _liveUsage = [];
    private List<int>[] _assigned = [];
    private int[]?[] _chosen = [];
    private int[]?[] _order = [];
    private List<int> _selected = [];
    private Stack<UndoRecord> _undo = new();

    /// <summary>Gets the work spent by the last <see cref="Solve"/>.</summary>
    public long Work => _work;

    /// <summary>Decides whether the subtree at <paramref name="root"/> is satisfied, leaving the witness in place when it is.</summary>
    public EligibilityStatus Solve(int root)
    {
        var nodes = Rule.Nodes;
        _work = 0;
        _status = new sbyte[nodes.Length];
        _assigned = new List<int>[nodes.Length];
        _chosen = new int[]?[nodes.Length];
        _order = new int[]?[nodes.Length];
        _local = new int[nodes.Length][];
        _selected = [];
        _undo = new Stack<UndoRecord>();
        _searching = false;
        _relaxationTried = false;
        var end = nodes[root].End;

        // Local numbering of the items the consuming nodes of this subtree can use.
        var local = new Dictionary<int, int>();
        for (var n = root; n < end; n++)
        {
            if (nodes[n].IsConsuming)
            {
                var keys = CandItems[n];
                var locals = new int[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    if (!local.TryGetValue(keys[i], out locals[i]))
                    {
                        locals[i] = local[keys[i]] = local.Count;
                    }
                }

                _local[n] = locals;
                _assigned[n] = [];
            }
        }

        _owner = new int[local.Count];
        Array.Fill(_owner, -1);
        _unitStamp = null;
        _unitBest = null;
        _isForced = new bool[nodes.Length];
        _liveUsage = new int[local.Count];

        for (var n = end - 1; n >= root; n--)
        {
            _status[n] = StaticStatus(n);
        }

        try
        {
            EliminatePrivateNodes(root);
            if (_status[root] != Open)
            {
                return _status[root] == True ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible;
            }

            // Each exact allocation gets a budget, raised round after round: an allocation past its budget counts as
            // failed for this round (so the search moves on to other choices, one of which may succeed at once), and
            // a round that failed only because of that is repeated with a larger budget, the last one unlimited. A
            // witness found in any round is a witness; "not eligible" only comes from a round where nothing ran out.
            _allocationBudget = Math.Max(1, _workLimit / FirstAllocationShare);
            _searching = true;
            while (true)
            {
                _budgetRanOut = false;
                if (Search([root]))
                {
                    return EligibilityStatus.Eligible;
                }

                if (!_budgetRanOut || RelaxationRefutes(root))
                {
                    return EligibilityStatus.NotEligible;
                }

                _allocationBudget = _allocationBudget > _workLimit / AllocationBudgetGrowth ? long.MaxValue : _allocationBudget * AllocationBudgetGrowth;
            }
        }
        catch (WorkLimitReachedException)
        {
            // The relaxation proves "not eligible" or nothing: past the limit there is no other answer than undetermined.
            return RelaxationRefutes(root) ? EligibilityStatus.NotEligible : EligibilityStatus.Undetermined;
        }
    }

    /// <summary>Gets whether a node was decided true without search (shared, skill, waived, or decided alone).</summary>
    public bool IsStaticallyTrue(int node) => _status[node] == True;

    /// <summary>Gets the candidate indices a consuming node uses in the witness of the last successful <see cref="Solve"/>.</summary>
    public IReadOnlyList<int> AssignedTo(int node) => _assigned[node] ?? (IReadOnlyList<int>)[];

    /// <summary>Gets the children of a composite that the witness uses (to satisfy its count), after a successful <see cref="Solve"/>.</summary>
    public List<int> WitnessChildren(int n)
    {
        var node = Rule.Nodes[n];
        var result = new List<int>();
        if (Waived[n])
        {
            return result;
        }

        var chosen = _status[n] == Open ? _chosen[n] : null;
        if (chosen is not null)
        {
            result.AddRange(chosen);
        }

        foreach (var child in node.Children)
        {
            if (result.Count >= node.Need)
            {
                break;
            }

            if (_status[child] == True)
            {
                result.Add(child);
            }
        }

        return result;
    }

    private static long Combinations(int n, int r)
    {
        long c = 1;
        for (var i = 0; i < r && c < long.MaxValue / 64; i++)
        {
            c = c * (n - i) / (i + 1);
        }

        return c;
    }

    private void Tick()
    {
        if (++_work > _workLimit)
        {
            throw new WorkLimitReachedException();
        }

        if (_work > _allocationStop)
        {
            throw new AllocationBudgetException();
        }
    }

    private sbyte StaticStatus(int n)
    {
        var node = Rule.Nodes[n];
        if (Waived[n])
        {
            return True;
        }

        if (node.Kind == RequirementKind.Skill)
        {
            return SkillHeld[n] ? True : False;
        }

        if (node.IsConsuming)
        {
            if (node.IsAmount ? node.Amount <= 0 : node.Need <= 0)
            {
                return True;
            }

            // Inside a shared subtree a node needs distinct items but consumes nothing: alone is the whole answer.
            return AloneFeasible(n) ? (node.InShared ? True : Open) : False;
        }

        return Combine(n);
    }

    private sbyte Combine(int n)
    {
        var node = Rule.Nodes[n];
        int trues = 0, open = 0;
        foreach (var child in node.Children)
        {
            if (_status[child] == True)
            {
                trues++;
            }
            else if (_status[child] == Open)
            {
                open++;
            }
        }

        return trues >= node.Need ? True : trues + open < node.Need ? False : Open;
    }

    private bool AloneFeasible(int n)
    {
        var node = Rule.Nodes[n];
        if (!node.IsAmount)
        {
            return CandItems[n].Length >= node.Need;
        }

        var sum = 0m;
        foreach (var v in CandValues[n])
        {
            sum += v;
            if (sum >= node.Amount)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decides alone every live consuming node whose items no other live node can use, until nothing changes.</summary>
    private void EliminatePrivateNodes(int root)
    {
        var nodes = Rule.Nodes;
        var live = new List<int>();
        while (_status[root] == Open)
        {
            live.Clear();
            CollectLive(root, live);
            Array.Clear(_liveUsage);
            foreach (var n in live)
            {
                foreach (var item in _local[n])
                {
                    _liveUsage[item]++;
                }
            }

            var changed = false;
            foreach (var n in live)
            {
                var isPrivate = true;
                foreach (var item in _local[n])
                {
                    isPrivate &= _liveUsage[item] == 1;
                }

                if (isPrivate)
                {
                    // Feasible alone (else it would be false already) and nobody else wants its items.
                    TakeFree(n, _assigned[n]);
                    foreach (var ci in _assigned[n])
                    {
                        _owner[_local[n][ci]] = n;
                    }

                    _status[n] = True;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }

            for (var n = nodes[root].End - 1; n >= root; n--)
            {
                if (_status[n] == Open && !nodes[n].IsConsuming)
                {
                    _status[n] = Combine(n);
                }
            }
        }

        // Usage among the final live nodes orders the greedy extension: contested items last.
        live.Clear();
        CollectLive(root, live);
        Array.Clear(_liveUsage);
        foreach (var n in live)
        {
            foreach (var item in _local[n])
            {
                _liveUsage[item]++;
            }
        }
    }

    private void CollectLive(int n, List<int> live)
    {
        if (_status[n] != Open)
        {
            return;
        }

        if (Rule.Nodes[n].IsConsuming)
        {
            live.Add(n);
            return;
        }

        foreach (var child in Rule.Nodes[n].Children)
        {
            CollectLive(child, live);
        }
    }

    private bool Search(List<int> goals)
    {
        Tick();
        if (goals.Count == 0)
        {
            return true;
        }


        var nodes = Rule.Nodes;
        var pick = -1;
        var bestCombos = long.MaxValue;
        for (var i = 0; i < goals.Count; i++)
        {
            var n = goals[i];
            if (nodes[n].IsConsuming)
            {
                pick = i;
                break;
            }

            var (needed, open) = Remaining(n);
            var combos = Combinations(open, needed);
            if (combos < bestCombos)
            {
                bestCombos = combos;
                pick = i;
            }
        }

        var node = goals[pick];
        var rest = new List<int>(goals);
        rest.RemoveAt(pick);
        if (nodes[node].IsConsuming)
        {
            if (!AddNode(node, rest))
            {
                return false;
            }

            if (Search(rest))
            {
                return true;
            }

            RemoveLastNode();
            return false;
        }

        var openChildren = new List<int>();
        foreach (var child in nodes[node].Children)
        {
            if (_status[child] == Open)
            {
                openChildren.Add(child);
            }
        }

        var r = Remaining(node).Needed;
        var pickIdx = new int[r];
        for (var i = 0; i < r; i++)
        {
            pickIdx[i] = i;
        }

        while (true)
        {
            var combo = new int[r];
            for (var i = 0; i < r; i++)
            {
                combo[i] = openChildren[pickIdx[i]];
            }

            _chosen[node] = combo;
            var next = new List<int>(rest);
            next.AddRange(combo);
            if (Search(next))
            {
                return true;
            }

            // Next r-combination in lexicographic order.
            var k = r - 1;
            while (k >= 0 && pickIdx[k] == openChildren.Count - r + k)
            {
                k--;
            }

            if (k < 0)
            {
                _chosen[node] = null;
                return false;
            }

            pickIdx[k]++;
            for (var j = k + 1; j < r; j++)
            {
                pickIdx[j] = pickIdx[j - 1] + 1;
            }
        }
    }

    /// <summary>A necessary condition, checked before a new exact allocation: the consuming nodes that must be met (the
    /// selected ones, the goals and, below the goals, every open child of a composite that needs all its open children)
    /// together, per unit: their credits (hours), each node's amount rounded up to a multiple of its items' greatest
    /// common divisor (<see cref="RoundedAmount"/>), are worth no more than the items they can use, each counted once at
    /// its largest value, less the cheapest of those items that the count and credential nodes and the other unit's
    /// nodes (as many as their largest values need) must take. The exact allocation of a partial selection only sees
    /// the nodes placed so far; this sees all that are forced, so a choice that asks more than the learner's items
    /// are worth fails before any allocation is searched. Items held by a node decided alone are left out (no forced
    /// node can use them anyway).</summary>
    private bool ForcedNodesCanBeMet(List<int> goals)
    {
        Tick();
        var forced = new List<int>(_selected);
        foreach (var goal in goals)
        {
            CollectForced(goal, forced);
        }

        foreach (var n in forced)
        {
            _isForced[n] = true;
        }

        var result = UnitCanBeMet(forced, hours: false) && UnitCanBeMet(forced, hours: true);
        foreach (var n in forced)
        {
            _isForced[n] = false;
        }

        return result;
    }

    /// <summary>The least sum an allocation can give amount node <paramref name="n"/>: its amount rounded up to a multiple
    /// of its candidate values' greatest common divisor (<see cref="RoundUpToGranule"/>), computed once.</summary>
    private decimal RoundedAmount(int n)
    {
        _roundedAmount ??= new decimal?[Rule.Nodes.Length];
        return _roundedAmount[n] ??= RoundUpToGranule(CandValues[n], Rule.Nodes[n].Amount);
    }

    private decimal?[]? _roundedAmount;

    /// <summary>The largest candidate value of amount node <paramref name="n"/> (0 when it has none), computed once: it
    /// exceeds what rounding to the items' common divisor can add to the node's amount.</summary>
    private decimal LargestValue(int n)
    {
        _largestValue ??= new decimal?[Rule.Nodes.Length];
        return _largestValue[n] ??= CandValues[n].Length == 0 ? 0m : CandValues[n].Max();
    }

    private decimal?[]? _largestValue;

    private void CollectForced(int n, List<int> forced)
    {
        if (_status[n] != Open)
        {
            return;
        }

        if (Rule.Nodes[n].IsConsuming)
        {
            forced.Add(n);
            return;
        }

        var (needed, open) = Remaining(n);
        if (needed < open)
        {
            return;
        }

        foreach (var child in Rule.Nodes[n].Children)
        {
            CollectForced(child, forced);
        }
    }

    private bool UnitCanBeMet(List<int> forced, bool hours)
    {
        var nodes = Rule.Nodes;
        // The amounts rounded up to their items' common divisor are what an allocation must reach; they exceed the plain
        // amounts by less than each node's largest value (the room), so they are only computed where that matters.
        var plainNeed = 0m;
        var room = 0m;
        var amountNodes = 0;
        foreach (var n in forced)
        {
            if (nodes[n].IsAmount && nodes[n].IsHours == hours)
            {
                plainNeed += nodes[n].Amount;
                room = Math.Max(room, LargestValue(n));
                amountNodes++;
            }
        }

        room *= amountNodes;
        decimal? roundedNeed = null;
        decimal NeedFor(decimal available)
        {
            if (available >= plainNeed + room)
            {
                return plainNeed;
            }

            if (roundedNeed is null)
            {
                var sum = 0m;
                foreach (var n in forced)
                {
                    if (nodes[n].IsAmount && nodes[n].IsHours == hours)
                    {
                        sum += RoundedAmount(n);
                    }
                }

                roundedNeed = sum;
            }

            return roundedNeed.Value;
        }

        if (amountNodes == 0)
        {
            return true;
        }

        // Items a forced node may use: free, or held by a forced node (a selected one).
        _unitStamp ??= new int[_owner.Length];
        _unitBest ??= new decimal[_owner.Length];
        var generation = ++_unitGeneration;
        var supply = 0m;
        foreach (var n in forced)
        {
            if (!nodes[n].IsAmount || nodes[n].IsHours != hours)
            {
                continue;
            }

            var locals = _local[n];
            var values = CandValues[n];
            for (var ci = 0; ci < locals.Length; ci++)
            {
                var item = locals[ci];
                if (_owner[item] != -1 && !_isForced[_owner[item]])
                {
                    continue;
                }

                supply += FastRule.ClassGain(values[ci], item, _unitStamp, _unitBest, generation);
            }
        }

        if (supply < NeedFor(supply))
        {
            return false;
        }

        // Count and credential nodes, and the nodes of the other unit, take distinct items (a count node its count,
        // an other-unit node at least as many as its largest values need); those they cannot find outside the union
        // come from it, each worth at least the cheapest union items they can use.
        var countGeneration = ++_unitGeneration;
        var demand = 0;
        var outside = 0;
        var lost = new List<decimal>();
        foreach (var n in forced)
        {
            if (nodes[n].IsAmount && nodes[n].IsHours == hours)
            {
                continue;
            }

            demand += nodes[n].IsAmount ? LeastItems(n) : nodes[n].Need;
            foreach (var item in _local[n])
            {
                if ((_owner[item] != -1 && !_isForced[_owner[item]]) || _unitStamp[item] == countGeneration)
                {
                    continue;
                }

                if (_unitStamp[item] == generation)
                {
                    lost.Add(_unitBest[item]);
                }
                else
                {
                    outside++;
                }

                _unitStamp[item] = countGeneration;
            }
        }

        var loss = 0m;
        lost.Sort();
        for (var k = 0; k < demand - outside && k < lost.Count; k++)
        {
            loss += lost[k];
        }

        return supply - loss >= NeedFor(supply - loss);
    }

    /// <summary>The fewest items a credits or hours node needs: its largest usable values, taken until they reach its amount.</summary>
    private int LeastItems(int n)
    {
        var values = new List<decimal>();
        var locals = _local[n];
        for (var ci = 0; ci < locals.Length; ci++)
        {
            if (_owner[locals[ci]] == -1 || _isForced[_owner[locals[ci]]])
            {
                values.Add(CandValues[n][ci]);
            }
        }

        return LeastItems([.. values], Rule.Nodes[n].Amount);
    }

    private (int Needed, int Open) Remaining(int n)
    {
        int trues = 0, open = 0;
        foreach (var child in Rule.Nodes[n].Children)
        {
            if (_status[child] == True)
            {
                trues++;
            }
            else if (_status[child] == Open)
            {
                open++;
            }
        }

        return (Rule.Nodes[n].Need - trues, open);
    }

    /// <summary>Candidate indices of a node, least contested first, then most valuable.</summary>
    private int[] OrderOf(int n)
    {
        if (_order[n] is { } order)
        {
            return order;
        }

        var locals = _local[n];
        var values = CandValues[n];
        order = new int[locals.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = _liveUsage[locals[a]].CompareTo(_liveUsage[locals[b]]);
            return c != 0 ? c : values[b].CompareTo(values[a]);
        });
        return _order[n] = order;
    }

    /// <summary>Takes free candidates of a node, least contested first, until it is satisfied.</summary>
    private bool TakeFree(int n, List<int> taken)
    {
        var node = Rule.Nodes[n];
        var locals = _local[n];
        var values = CandValues[n];
        var count = 0;
        var sum = 0m;
        if (node.IsAmount ? sum >= node.Amount : count >= node.Need)
        {
            return true;
        }

        foreach (var ci in OrderOf(n))
        {
            if (_owner[locals[ci]] != -1)
            {
                continue;
            }

            taken.Add(ci);
            count++;
            sum += values[ci];
            if (node.IsAmount ? sum >= node.Amount : count >= node.Need)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a consuming node to the selection: from free items when it can, else by a new exact allocation of
    /// the whole selection, unless the nodes the goals still force could not be met with it anyway.</summary>
    private bool AddNode(int n, List<int> goals)
    {
        Tick();
        var taken = new List<int>();
        if (TakeFree(n, taken))
        {
            _assigned[n] = taken;
            foreach (var ci in taken)
            {
                _owner[_local[n][ci]] = n;
            }

            _selected.Add(n);
            _undo.Push(new UndoRecord(n, null));
            return true;
        }

        _selected.Add(n);
        if (!ForcedNodesCanBeMet(goals))
        {
            _selected.RemoveAt(_selected.Count - 1);
            return false;
        }

        List<int>[]? allocation;
        _allocationStop = _allocationBudget == long.MaxValue ? long.MaxValue : _work + _allocationBudget;
        try
        {
            allocation = ExactAllocate(_selected);
        }
        catch (AllocationBudgetException)
        {
            // Undecided within this round's budget: nothing was changed yet; a later round retries it.
            _budgetRanOut = true;
            allocation = null;
        }
        finally
        {
            _allocationStop = long.MaxValue;
        }

        if (allocation is null)
        {
            _selected.RemoveAt(_selected.Count - 1);
            return false;
        }

        var snapshot = new List<int>[_selected.Count];
        for (var i = 0; i < _selected.Count; i++)
        {
            snapshot[i] = _assigned[_selected[i]];
        }

        Apply(allocation);
        _undo.Push(new UndoRecord(n, snapshot));
        return true;
    }

    private void RemoveLastNode()
    {
        var record = _undo.Pop();
        var n = record.Node;
        if (record.Snapshot is null)
        {
            foreach (var ci in _assigned[n])
            {
                _owner[_local[n][ci]] = -1;
            }

            _assigned[n] = [];
            _selected.RemoveAt(_selected.Count - 1);
            return;
        }

        var restored = new List<int>[_selected.Count];
        Array.Copy(record.Snapshot, restored, restored.Length);
        Apply(restored);
        _assigned[n] = [];
        _selected.RemoveAt(_selected.Count - 1);
    }

    /// <summary>Replaces the items of every selected node by <paramref name="allocation"/> (indexed like <see cref="_selected"/>).</summary>
    private void Apply(List<int>[] allocation)
    {
        foreach (var n in _selected)
        {
            foreach (var ci in _assigned[n])
            {
                _owner[_local[n][ci]] = -1;
            }
        }

        for (var i = 0; i < _selected.Count; i++)
        {
            var n = _selected[i];
            _assigned[n] = allocation[i] ?? [];
            foreach (var ci in _assigned[n])
            {
                _owner[_local[n][ci]] = n;
            }
        }
    }

    private sealed record UndoRecord(int Node, List<int>[]? Snapshot);

    private sealed class WorkLimitReachedException : Exception
    {
    }

    private sealed class AllocationBudgetException : Exception
    {
    }
}
