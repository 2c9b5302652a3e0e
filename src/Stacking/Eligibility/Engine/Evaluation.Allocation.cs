using System.Text;

namespace Stacking.Eligibility.Engine;

/// <summary>Exact allocation of items to a fixed set of consuming nodes (no choices left).</summary>
/// <remarks>
/// Items only one selected node can use go to it (never worse). The rest is a packing problem for credits and hours
/// nodes, placed one node after another: a node first takes the items no later node can use, then the rest of its
/// amount is enumerated as minimal subsets of the items later nodes could use, an item taken only when every free item
/// that dominates it for this node is taken too (no less valuable to it, and no later node needs it more: this
/// includes interchangeable items, taken in a fixed order), failed states memoised; count and credential nodes are then a bipartite
/// b-matching, solved by augmenting paths. Before each node is placed, necessary conditions on what is left prune the
/// enumeration: each remaining node alone, the remaining credits (hours) nodes together less what the count nodes
/// must take from them, and a b-matching of the least number of items each remaining node needs.
/// </remarks>
internal sealed partial class Evaluation
{
    private List<int>[]? ExactAllocate(List<int> selected)
    {
        var nodes = Rule.Nodes;
        var usage = new int[_owner.Length];
        foreach (var n in selected)
        {
            foreach (var item in _local[n])
            {
                usage[item]++;
            }
        }

        var result = new List<int>[selected.Count];
        var amountPending = new List<int>();
        var countPending = new List<int>();
        var residualCount = new int[selected.Count];
        var residualAmount = new decimal[selected.Count];
        for (var i = 0; i < selected.Count; i++)
        {
            var n = selected[i];
            var node = nodes[n];
            var list = result[i] = [];
            var locals = _local[n];
            var values = CandValues[n];

            // Private items first, most valuable first: giving a node items nobody else can use is never worse.
            var privates = new List<int>();
            for (var ci = 0; ci < locals.Length; ci++)
            {
                if (usage[locals[ci]] == 1 && _owner[locals[ci]] is var o && (o == -1 || o == n || selected.Contains(o)))
                {
                    privates.Add(ci);
                }
            }

            privates.Sort((a, b) => values[b].CompareTo(values[a]));
            var count = node.Need;
            var amount = node.Amount;
            foreach (var ci in privates)
            {
                if (node.IsAmount ? amount <= 0 : count <= 0)
                {
                    break;
                }

                list.Add(ci);
                count--;
                amount -= values[ci];
            }

            if (node.IsAmount ? amount > 0 : count > 0)
            {
                residualCount[i] = count;
                residualAmount[i] = amount;
                (node.IsAmount ? amountPending : countPending).Add(i);
            }
        }

        if (amountPending.Count == 0 && countPending.Count == 0)
        {
            return result;
        }

        var search = new AllocationSearch(this, selected, usage, result, residualCount, residualAmount, amountPending, countPending);
        return search.Run() ? result : null;
    }

    /// <summary>Bitset over the contested items, with value equality for memoisation.</summary>
    private readonly struct BitKey : IEquatable<BitKey>
    {
        private readonly ulong[] _bits;
        private readonly int _position;
        private readonly int _hash;

        public BitKey(int position, ulong[] bits)
        {
            _position = position;
            _bits = (ulong[])bits.Clone();
            var hash = new HashCode();
            hash.Add(position);
            foreach (var word in bits)
            {
                hash.Add(word);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(BitKey other) => _position == other._position && _bits.AsSpan().SequenceEqual(other._bits);

        public override bool Equals(object? obj) => obj is BitKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }

    private sealed partial class AllocationSearch
    {
        private readonly Evaluation _e;
        private readonly List<int> _selected;
        private readonly List<int>[] _result;
        private readonly int[] _residualCount;
        private readonly decimal[] _residualAmount;
        private readonly List<int> _amountPending;
        private readonly List<int> _countPending;
        private readonly int[] _bitOf;
        private readonly int[] _groupOf;
        private readonly ulong[] _used;
        private readonly HashSet<BitKey> _failed = [];
        private readonly int _groupCount;

        // For each contested bit, the latest pending position among the nodes that can use it (count nodes come after
        // every credits/hours node; nodes already satisfied by their private items are not pending): an item is
        // exclusive to the node placed at that position, since no node placed or matched later can use it.
        private readonly int[] _latestUser;
        private readonly ulong[]?[]?[] _dominators = [];
        private readonly bool[]?[] _dominatorsKnown = [];
        private readonly int[]?[] _enumerationOrder = [];
        private readonly int[] _positionOf = [];
        private decimal[][]? _valueAt;
        private List<int>[]? _usersOf;
        private readonly int[][] _orderByValue;
        private readonly decimal[] _best;
        private readonly int[] _stamp;
        private readonly int[] _itemsNeeded;
        private readonly int[] _countStamp;
        private readonly List<decimal> _lossValues = [];
        private readonly int[] _boundMatched;
        private readonly bool[] _boundVisited;
        private int _generation;

        public AllocationSearch(Evaluation e, List<int> selected, int[] usage, List<int>[] result, int[] residualCount, decimal[] residualAmount, List<int> amountPending, List<int> countPending)
        {
            _e = e;
            _selected = selected;
            _result = result;
            _residualCount = residualCount;
            _residualAmount = residualAmount;
            _amountPending = amountPending;
            _countPending = countPending;

            // Contested items are numbered; each gets a symmetry group: the nodes that can use it and its value for each.
            _bitOf = new int[usage.Length];
            Array.Fill(_bitOf, -1);
            var bits = 0;
            var signature = new Dictionary<int, StringBuilder>();
            for (var i = 0; i < selected.Count; i++)
            {
                var n = selected[i];
                var locals = e._local[n];
                for (var ci = 0; ci < locals.Length; ci++)
                {
                    var item = locals[ci];
                    if (usage[item] < 2)
                    {
                        continue;
                    }

                    if (_bitOf[item] < 0)
                    {
                        _bitOf[item] = bits++;
                        signature[item] = new StringBuilder();
                    }

                    signature[item].Append(i).Append(':').Append(e.CandValues[n][ci]).Append(';');
                }
            }

            _used = new ulong[(bits + 63) / 64];
            _groupOf = new int[bits];
            var groups = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (item, text) in signature)
            {
                var key = text.ToString();
                if (!groups.TryGetValue(key, out var g))
                {
                    groups[key] = g = groups.Count;
                }

                _groupOf[_bitOf[item]] = g;
            }

            _groupCount = groups.Count;

            // Most constrained first: fewest contested candidates.
            amountPending.Sort((a, b) => ContestedCount(a).CompareTo(ContestedCount(b)));

            // Count and credential nodes alone are matched at once: nothing below is needed for them.
            if (amountPending.Count == 0)
            {
                _latestUser = _itemsNeeded = _stamp = _countStamp = _boundMatched = [];
                _orderByValue = [];
                _best = [];
                _boundVisited = [];
                return;
            }

            var positionOf = new int[selected.Count];
            Array.Fill(positionOf, -1);
            for (var q = 0; q < amountPending.Count; q++)
            {
                positionOf[amountPending[q]] = q;
            }

            foreach (var i in countPending)
            {
                positionOf[i] = int.MaxValue;
            }

            _latestUser = new int[bits];
            Array.Fill(_latestUser, -1);
            _orderByValue = new int[selected.Count][];
            for (var i = 0; i < selected.Count; i++)
            {
                foreach (var item in e._local[selected[i]])
                {
                    if (_bitOf[item] >= 0)
                    {
                        _latestUser[_bitOf[item]] = Math.Max(_latestUser[_bitOf[item]], positionOf[i]);
                    }
                }

                _orderByValue[i] = OrderByValue(selected[i]);
            }

            _best = new decimal[bits];
            _stamp = new int[bits];
            _itemsNeeded = new int[selected.Count];
            _countStamp = new int[bits];
            _boundMatched = new int[bits];
            _boundVisited = new bool[bits];
            _positionOf = positionOf;
            _dominators = new ulong[]?[]?[amountPending.Count];
            _dominatorsKnown = new bool[]?[amountPending.Count];
            _enumerationOrder = new int[]?[amountPending.Count];
        }

        /// <summary>The bits that dominate <paramref name="b"/> for the node at position <paramref name="p"/> (null: none),
        /// computed when the enumeration first asks (see <see cref="Enumerate"/>).</summary>
        /// <remarks>At position p (node j), item a dominates item b when a comes before b in j's enumeration order, a is
        /// worth at least as much to j as b, a is not exclusive to j, and every later node that can use a can use b
        /// and values b at least as much as a (count nodes value every item alike). Then any allocation in which j
        /// takes b but not a can be changed into one in which j takes a and the later node that had a (if any) takes
        /// b, every node still met, and j's items come earlier in its order; repeating ends. So j need only be given
        /// b when every free item that dominates it is given to j too (this generalises interchangeable items).</remarks>
        private ulong[]? DominatorsOf(int p, int b)
        {
            var bits = _groupOf.Length;
            if (_valueAt is null || _usersOf is null)
            {
                // Each selected node's value of each contested bit (-1: cannot use it), and the pending nodes using it.
                _valueAt = new decimal[_selected.Count][];
                _usersOf = new List<int>[bits];
                for (var k = 0; k < bits; k++)
                {
                    _usersOf[k] = [];
                }

                for (var i = 0; i < _selected.Count; i++)
                {
                    var values = _valueAt[i] = new decimal[bits];
                    Array.Fill(values, -1m);
                    var locals = _e._local[_selected[i]];
                    for (var ci = 0; ci < locals.Length; ci++)
                    {
                        var bit = _bitOf[locals[ci]];
                        if (bit >= 0)
                        {
                            values[bit] = _e.CandValues[_selected[i]][ci];
                            if (_positionOf[i] >= 0)
                            {
                                _usersOf[bit].Add(i);
                            }
                        }
                    }
                }
            }

            var j = _amountPending[p];
            if (_dominators[p] is null)
            {
                // j's enumeration order over the bits it may enumerate (all but its exclusive ones).
                var order = new List<int>();
                foreach (var ci in _orderByValue[j])
                {
                    var bit = _bitOf[_e._local[_selected[j]][ci]];
                    if (bit >= 0 && _latestUser[bit] != p)
                    {
                        order.Add(bit);
                    }
                }

                _enumerationOrder[p] = [.. order];
                _dominators[p] = new ulong[]?[bits];
                _dominatorsKnown[p] = new bool[bits];
            }

            if (_dominatorsKnown[p]![b])
            {
                return _dominators[p]![b];
            }

            ulong[]? set = null;
            foreach (var a in _enumerationOrder[p]!)
            {
                if (a == b)
                {
                    break;
                }

                if (_valueAt[j][a] < _valueAt[j][b])
                {
                    continue;
                }

                var dominates = true;
                foreach (var k in _usersOf[a])
                {
                    if (_positionOf[k] <= p)
                    {
                        continue;
                    }

                    var counts = _positionOf[k] == int.MaxValue;
                    if (_valueAt[k][b] < 0 || (!counts && _valueAt[k][b] < _valueAt[k][a]))
                    {
                        dominates = false;
                        break;
                    }
                }

                if (dominates)
                {
                    set ??= new ulong[_used.Length];
                    set[a >> 6] |= 1UL << (a & 63);
                }
            }

            _dominatorsKnown[p]![b] = true;
            return _dominators[p]![b] = set;
        }

        public bool Run() => Place(0);

        private int ContestedCount(int i)
        {
            var count = 0;
            foreach (var item in _e._local[_selected[i]])
            {
                count += _bitOf[item] >= 0 ? 1 : 0;
            }

            return count;
        }

        private bool IsUsed(int bit) => (_used[bit >> 6] & (1UL << (bit & 63))) != 0;

        private void Flip(int bit) => _used[bit >> 6] ^= 1UL << (bit & 63);

        /// <summary>Places the credits/hours node at <paramref name="position"/> and every later one, then matches the count nodes.</summary>
        private bool Place(int position)
        {
            _e.Tick();
            if (position == _amountPending.Count)
            {
                return MatchCounts();
            }

            var key = new BitKey(position, _used);
            if (_failed.Contains(key))
            {
                return false;
            }

            if (!RemainingCanBeMet(position))
            {
                _failed.Add(key);
                return false;
            }

            if (PlaceLastTwo(position) is { } decided)
            {
                if (!decided)
                {
                    _failed.Add(key);
                }

                return decided;
            }

            var i = _amountPending[position];
            var n = _selected[i];
            var locals = _e._local[n];
            var values = _e.CandValues[n];
            var start = _result[i].Count;

            // Items no later node can use go to this node first, most valuable first (never worse: nobody else wants
            // them); they are not marked used, since no later node or memo state can tell. Only the items that later
            // nodes could use are enumerated, towards what the exclusive ones leave.
            var shared = new List<int>();
            var taken = 0m;
            foreach (var ci in _orderByValue[i])
            {
                var bit = _bitOf[locals[ci]];
                if (bit < 0 || IsUsed(bit))
                {
                    continue;
                }

                if (_latestUser[bit] == position)
                {
                    if (taken < _residualAmount[i])
                    {
                        _result[i].Add(ci);
                        taken += values[ci];
                    }
                }
                else
                {
                    shared.Add(ci);
                }
            }

            var suffix = new decimal[shared.Count + 1];
            for (var j = shared.Count - 1; j >= 0; j--)
            {
                suffix[j] = suffix[j + 1] + values[shared[j]];
            }

            // Symmetry closures belong to this node's enumeration only; later nodes start with every group open.
            if (Enumerate(position, i, shared, suffix, new int[_groupCount], 0, taken))
            {
                return true;
            }

            _result[i].RemoveRange(start, _result[i].Count - start);
            _failed.Add(key);
            return false;
        }

        /// <summary>Necessary conditions for the nodes at <paramref name="position"/> and after (and the count nodes) to be
        /// met from the free contested items: each node alone; the credits nodes together and the hours nodes together
        /// (each item counted once, at its largest value among them); every pending node together in items (a credits or
        /// hours node needs at least as many items as its largest free ones take to reach its residual).</summary>
        private bool RemainingCanBeMet(int position)
        {
            for (var q = position; q < _amountPending.Count; q++)
            {
                var i = _amountPending[q];
                var locals = _e._local[_selected[i]];
                var values = _e.CandValues[_selected[i]];
                var sum = 0m;
                var items = 0;
                foreach (var ci in _orderByValue[i])
                {
                    var bit = _bitOf[locals[ci]];
                    if (bit >= 0 && !IsUsed(bit) && sum < _residualAmount[i])
                    {
                        sum += values[ci];
                        items++;
                    }
                }

                if (sum < _residualAmount[i])
                {
                    return false;
                }

                _itemsNeeded[i] = items;
            }

            foreach (var i in _countPending)
            {
                var free = 0;
                foreach (var item in _e._local[_selected[i]])
                {
                    free += _bitOf[item] >= 0 && !IsUsed(_bitOf[item]) ? 1 : 0;
                }

                if (free < _residualCount[i])
                {
                    return false;
                }

                _itemsNeeded[i] = _residualCount[i];
            }

            return Together(position, hours: false) && Together(position, hours: true) && ItemsSuffice(position);
        }

        /// <summary>Whether the free contested items can be shared out so that every node at <paramref name="position"/> or
        /// after, and every count node, gets as many distinct items as it needs at least (a b-matching by augmenting paths).</summary>
        private bool ItemsSuffice(int position)
        {
            Array.Fill(_boundMatched, -1);
            bool Demand(int i)
            {
                for (var k = 0; k < _itemsNeeded[i]; k++)
                {
                    Array.Clear(_boundVisited);
                    if (!Augment(i, _boundMatched, _boundVisited))
                    {
                        return false;
                    }
                }

                return true;
            }

            for (var q = position; q < _amountPending.Count; q++)
            {
                if (!Demand(_amountPending[q]))
                {
                    return false;
                }
            }

            foreach (var i in _countPending)
            {
                if (!Demand(i))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether the free items matching the credits (or hours) nodes at <paramref name="position"/> and after
        /// are worth, each once at its largest value, at least their residuals added up.</summary>
        private bool Together(int position, bool hours)
        {
            var generation = ++_generation;
            var residual = 0m;
            var supply = 0m;
            var nodes = 0;
            for (var q = position; q < _amountPending.Count; q++)
            {
                var i = _amountPending[q];
                var n = _selected[i];
                if (_e.Rule.Nodes[n].IsHours != hours)
                {
                    continue;
                }

                nodes++;
                residual += _residualAmount[i];
                var locals = _e._local[n];
                var values = _e.CandValues[n];
                for (var ci = 0; ci < locals.Length; ci++)
                {
                    var bit = _bitOf[locals[ci]];
                    if (bit < 0 || IsUsed(bit))
                    {
                        continue;
                    }

                    supply += FastRule.ClassGain(values[ci], bit, _stamp, _best, generation);
                }
            }

            if (nodes == 0 || (nodes == 1 && _countPending.Count == 0))
            {
                return true;
            }

            // The count and credential nodes take their items too: those they must take from this union are lost to it,
            // worth at least the cheapest ones (each item once; items outside the union they may take first).
            var loss = 0m;
            if (_countPending.Count > 0)
            {
                var countGeneration = ++_generation;
                var outside = 0;
                var demand = 0;
                _lossValues.Clear();
                foreach (var i in _countPending)
                {
                    demand += _residualCount[i];
                    foreach (var item in _e._local[_selected[i]])
                    {
                        var bit = _bitOf[item];
                        if (bit < 0 || IsUsed(bit) || _countStamp[bit] == countGeneration)
                        {
                            continue;
                        }

                        _countStamp[bit] = countGeneration;
                        if (_stamp[bit] == generation)
                        {
                            _lossValues.Add(_best[bit]);
                        }
                        else
                        {
                            outside++;
                        }
                    }
                }

                var fromUnion = demand - outside;
                if (fromUnion > 0)
                {
                    _lossValues.Sort();
                    for (var k = 0; k < fromUnion && k < _lossValues.Count; k++)
                    {
                        loss += _lossValues[k];
                    }
                }
            }

            return supply - loss >= residual;
        }

        private bool Enumerate(int position, int i, List<int> free, decimal[] suffix, int[] closed, int j, decimal sum)
        {
            _e.Tick();
            if (sum >= _residualAmount[i])
            {
                return Place(position + 1);
            }

            if (j == free.Count || sum + suffix[j] < _residualAmount[i])
            {
                return false;
            }

            var n = _selected[i];
            var ci = free[j];
            var bit = _bitOf[_e._local[n][ci]];
            var group = _groupOf[bit];
            if (closed[group] == 0 && DominatorsTaken(position, bit))
            {
                Flip(bit);
                _result[i].Add(ci);
                if (Enumerate(position, i, free, suffix, closed, j + 1, sum + _e.CandValues[n][ci]))
                {
                    return true;
                }

                _result[i].RemoveAt(_result[i].Count - 1);
                Flip(bit);
            }

            // Having left this item out, leave out its interchangeable twins too: choosing one instead is the same choice.
            closed[group]++;
            var found = Enumerate(position, i, free, suffix, closed, j + 1, sum);
            closed[group]--;
            return found;
        }

        /// <summary>Whether every item that dominates <paramref name="bit"/> at this position is used (by this node, since
        /// it was free when the node was reached, or by an earlier one).</summary>
        private bool DominatorsTaken(int position, int bit)
        {
            var dominators = DominatorsOf(position, bit);
            if (dominators is null)
            {
                return true;
            }

            for (var w = 0; w < dominators.Length; w++)
            {
                if ((dominators[w] & ~_used[w]) != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private int[] OrderByValue(int n)
        {
            var values = _e.CandValues[n];
            var order = new int[values.Length];
            for (var k = 0; k < order.Length; k++)
            {
                order[k] = k;
            }

            Array.Sort(order, (a, b) => values[b].CompareTo(values[a]));
            return order;
        }

        /// <summary>Bipartite b-matching of the remaining free contested items to the count nodes (augmenting paths).</summary>
        private bool MatchCounts()
        {
            if (_countPending.Count == 0)
            {
                return true;
            }

            var matched = new int[_used.Length * 64];
            Array.Fill(matched, -1);
            var visited = new bool[matched.Length];
            foreach (var i in _countPending)
            {
                for (var k = 0; k < _residualCount[i]; k++)
                {
                    Array.Clear(visited);
                    if (!Augment(i, matched, visited))
                    {
                        return false;
                    }
                }
            }

            foreach (var i in _countPending)
            {
                var n = _selected[i];
                var locals = _e._local[n];
                for (var ci = 0; ci < locals.Length; ci++)
                {
                    var bit = _bitOf[locals[ci]];
                    if (bit >= 0 && matched[bit] == i)
                    {
                        _result[i].Add(ci);
                    }
                }
            }

            return true;
        }

        private bool Augment(int i, int[] matched, bool[] visited)
        {
            _e.Tick();
            foreach (var item in _e._local[_selected[i]])
            {
                var bit = _bitOf[item];
                if (bit < 0 || IsUsed(bit) || visited[bit])
                {
                    continue;
                }

                visited[bit] = true;
                if (matched[bit] == -1 || Augment(matched[bit], matched, visited))
                {
                    matched[bit] = i;
                    return true;
                }
            }

            return false;
        }
    }
}
