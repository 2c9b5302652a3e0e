using System.Text;

namespace Stacking.Eligibility.Engine;

/// <summary>Exact allocation of items to a fixed set of consuming nodes (no choices left).</summary>
/// <remarks>
/// Items only one selected node can use go to it (never worse). The rest is a packing problem for credits and hours
/// nodes, enumerated as minimal subsets with interchangeable items (same users, same values) taken in a fixed order and
/// failed states memoised; count and credential nodes are then a bipartite b-matching, solved by augmenting paths.
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

    private sealed class AllocationSearch
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

            var i = _amountPending[position];
            var n = _selected[i];
            var locals = _e._local[n];
            var values = _e.CandValues[n];
            var free = new List<int>();
            foreach (var ci in OrderByValue(n))
            {
                var bit = _bitOf[locals[ci]];
                if (bit >= 0 && !IsUsed(bit))
                {
                    free.Add(ci);
                }
            }

            var suffix = new decimal[free.Count + 1];
            for (var j = free.Count - 1; j >= 0; j--)
            {
                suffix[j] = suffix[j + 1] + values[free[j]];
            }

            var start = _result[i].Count;
            // Symmetry closures belong to this node's enumeration only; later nodes start with every group open.
            if (Enumerate(position, i, free, suffix, new int[_groupCount], 0, 0m))
            {
                return true;
            }

            _result[i].RemoveRange(start, _result[i].Count - start);
            _failed.Add(key);
            return false;
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
            if (closed[group] == 0)
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
