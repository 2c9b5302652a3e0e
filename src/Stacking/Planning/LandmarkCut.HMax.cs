using System.Numerics;
using System.Runtime.CompilerServices;

namespace Stacking.Planning;

/// <content>h_max and its incremental re-evaluation: the topological order, the sweep downstream of a cut, the keys of AND, OR, threshold and amount nodes, and the generalised Dijkstra of a cyclic graph.</content>
internal sealed partial class LandmarkCut
{
    /// <summary>The graph's nodes in topological order (children before parents), or fewer than all when it has a cycle.</summary>
    private int[] Topological(int count)
    {
        var missing = new int[count];
        for (var x = 0; x < count; x++)
        {
            foreach (var (p, _) in _parents[x])
            {
                missing[p]++;
            }
        }

        var order = new List<int>(count);
        for (var x = 0; x < count; x++)
        {
            if (missing[x] == 0)
            {
                order.Add(x);
            }
        }

        for (var k = 0; k < order.Count; k++)
        {
            foreach (var (p, _) in _parents[order[k]])
            {
                if (--missing[p] == 0)
                {
                    order.Add(p);
                }
            }
        }

        return [.. order];
    }

    /// <summary>h_max on an acyclic graph: every node evaluated from its children in topological order (all of them, or
    /// from <paramref name="from"/> on only the dirty ones, whose change marks the parents it can change dirty).</summary>
    /// <remarks>A changed node marks only the parents whose value or trigger it can change (<see cref="Moves"/>); the
    /// others would evaluate to what they hold. <see cref="FullSweeps"/> evaluates every node instead (the plain
    /// computation, for the laws).</remarks>
    private void Sweep(BitSet excluded, int from, bool all)
    {
        var order = _topological;
        if (all || FullSweeps)
        {
            Array.Clear(_dirty);
            for (var k = all ? from : 0; k < order.Length; k++)
            {
                Evaluate(order[k], excluded);
            }

            return;
        }

        var dirty = _dirty;
        for (var w = from >> 6; w < dirty.Length; w++)
        {
            // Re-read after each node: its parents may lie in this word, at later positions.
            while (dirty[w] != 0UL)
            {
                var bits = dirty[w];
                dirty[w] = bits & (bits - 1UL);
                var x = order[(w << 6) + BitOperations.TrailingZeroCount(bits)];
                var before = _h[x];
                Evaluate(x, excluded);
                if (_h[x] == before)
                {
                    continue;
                }

                foreach (var (p, _) in _parents[x])
                {
                    if (Moves(x, before, p))
                    {
                        MarkDirty(p);
                    }
                }
            }
        }
    }

    /// <summary>Makes the sweep a bound that reached its limit owes (see <see cref="_owed"/>), if any.</summary>
    private void Settle()
    {
        if (_owed != int.MaxValue)
        {
            var from = _owed;
            _owed = int.MaxValue;
            Sweep(_excludedNow!, from, all: false);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkDirty(int x) => _dirty[_position[x] >> 6] |= 1UL << _position[x];

    /// <summary>Whether child <paramref name="x"/>, whose h_max moved from <paramref name="before"/> to its current
    /// value, can change parent <paramref name="p"/>'s value or trigger.</summary>
    /// <remarks>Every kind of node is decided by its trigger t and the set B of reachable children whose keys (h, rank)
    /// lie below t's: an AND is unreachable or t is its largest key (B the others), an OR's t is its least (B empty), a
    /// threshold's t is its k-th least (|B| = k − 1), an amount's t the first key whose prefix reaches the amount (the
    /// values are positive, so B sums to less and no earlier key reaches it). The unreachable children take no part,
    /// as if their key were infinite. So while t's key stays and B keeps its members, p's value and trigger stay: only t
    /// itself, or a child whose key crosses t's (from below to above, or back), can change p. t's key is compared as it
    /// is now: if t has already changed in this sweep, it marked p itself; if not, its key is the one that decided p.
    /// An unreachable p (no trigger) becomes reachable only when a child does (its reachable children's values do not
    /// decide whether it is reachable).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Moves(int x, long before, int p)
    {
        var t = _trigger[p];
        if (t == x)
        {
            return true;
        }

        if (t < 0)
        {
            return before == Unreachable;
        }

        var ht = _h[t];
        var rt = _rank[t];
        var rx = _rank[x];
        var h = _h[x];
        var wasBelow = before < ht || (before == ht && rx < rt);
        var isBelow = h < ht || (h == ht && rx < rt);
        return wasBelow != isBelow;
    }

    /// <summary>A node's h_max from its children's, and its trigger: the child whose key (h, rank) decides it. The
    /// children whose key is not below the trigger's can each make the node true in the justification graph: the
    /// ones below it are fewer than a threshold needs, or sum to less than an amount.</summary>
    private void Evaluate(int x, BitSet excluded)
    {
        var h = Unreachable;
        var trigger = -1;
        switch (_kind[x])
        {
            case Kind.True:
                h = 0L;
                break;
            case Kind.Credential:
                if (_pre[x] >= 0 && !excluded.Contains(x) && _h[_pre[x]] != Unreachable)
                {
                    trigger = _pre[x];
                    h = _h[trigger] + _cost[x];
                }

                break;
            case Kind.And:
                {
                    // The largest key (h, rank), kept in locals.
                    h = 0L;
                    var rank = -1;
                    foreach (var y in _children[x])
                    {
                        var hy = _h[y];
                        if (hy == Unreachable)
                        {
                            h = Unreachable;
                            trigger = -1;
                            break;
                        }

                        if (trigger < 0 || hy > h || (hy == h && _rank[y] > rank))
                        {
                            trigger = y;
                            h = hy;
                            rank = _rank[y];
                        }
                    }

                    break;
                }

            case Kind.Or:
                {
                    // The least key (h, rank) among the reachable children, kept in locals.
                    var rank = int.MaxValue;
                    foreach (var y in _children[x])
                    {
                        var hy = _h[y];
                        if (hy != Unreachable && (hy < h || (hy == h && _rank[y] < rank)))
                        {
                            trigger = y;
                            h = hy;
                            rank = _rank[y];
                        }
                    }

                    break;
                }
            case Kind.Threshold:
                (h, trigger) = Threshold(x);
                break;
            case Kind.Amount:
                (h, trigger) = Amount(x);
                break;
        }

        _h[x] = h;
        _trigger[x] = trigger;
    }

    /// <summary>A threshold's value and trigger: its k-th least child key (h, rank), k = its need.</summary>
    /// <remarks>The k least keys are kept in order by insertion (a pool's need is small; a larger need sorts all the
    /// keys); a child listed twice has equal keys at both places, which decide the same value and trigger whichever
    /// comes first.</remarks>
    private (long H, int Trigger) Threshold(int x)
    {
        var children = _children[x];
        var need = (int)_need[x];
        if (need > SmallPool)
        {
            var sorted = SortedKeys(children);
            return sorted.Length >= need ? (sorted[need - 1].H, children[sorted[need - 1].Position]) : (Unreachable, -1);
        }

        EnsureKeys(need);
        var keyH = _keyH;
        var keyRank = _keyRank;
        var keyNode = _keyNode;
        var kept = 0;
        foreach (var y in children)
        {
            var hy = _h[y];
            if (hy == Unreachable)
            {
                continue;
            }

            var ry = _rank[y];
            int j;
            if (kept < need)
            {
                j = kept++;
            }
            else if (hy < keyH[need - 1] || (hy == keyH[need - 1] && ry < keyRank[need - 1]))
            {
                j = need - 1;
            }
            else
            {
                continue;
            }

            while (j > 0 && (hy < keyH[j - 1] || (hy == keyH[j - 1] && ry < keyRank[j - 1])))
            {
                keyH[j] = keyH[j - 1];
                keyRank[j] = keyRank[j - 1];
                keyNode[j] = keyNode[j - 1];
                j--;
            }

            keyH[j] = hy;
            keyRank[j] = ry;
            keyNode[j] = y;
        }

        return kept == need ? (keyH[need - 1], keyNode[need - 1]) : (Unreachable, -1);
    }

    /// <summary>An amount's value and trigger: the first child key (h, rank), in ascending order, whose prefix of values
    /// reaches the amount.</summary>
    /// <remarks>A handful of children are ordered by insertion, more by the general sort; equal keys (a child listed
    /// twice) decide the same value and trigger whichever comes first.</remarks>
    private (long H, int Trigger) Amount(int x)
    {
        var children = _children[x];
        var values = _values[x];
        var need = _need[x];
        if (children.Length > SmallPool)
        {
            var total = 0L;
            foreach (var key in SortedKeys(children))
            {
                total += values[key.Position];
                if (total >= need)
                {
                    return (key.H, children[key.Position]);
                }
            }

            return (Unreachable, -1);
        }

        EnsureKeys(children.Length);
        var keyH = _keyH;
        var keyRank = _keyRank;
        var keyNode = _keyNode;
        var keyValue = _keyValue;
        var kept = 0;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            var hy = _h[y];
            if (hy == Unreachable)
            {
                continue;
            }

            var ry = _rank[y];
            var j = kept++;
            while (j > 0 && (hy < keyH[j - 1] || (hy == keyH[j - 1] && ry < keyRank[j - 1])))
            {
                keyH[j] = keyH[j - 1];
                keyRank[j] = keyRank[j - 1];
                keyNode[j] = keyNode[j - 1];
                keyValue[j] = keyValue[j - 1];
                j--;
            }

            keyH[j] = hy;
            keyRank[j] = ry;
            keyNode[j] = y;
            keyValue[j] = values[k];
        }

        var sum = 0L;
        for (var j = 0; j < kept; j++)
        {
            sum += keyValue[j];
            if (sum >= need)
            {
                return (keyH[j], keyNode[j]);
            }
        }

        return (Unreachable, -1);
    }

    /// <summary>The keys (h, rank, position) of the reachable children, sorted: for the pools too large to order by
    /// insertion.</summary>
    private Span<(long H, int Rank, int Position)> SortedKeys(int[] children)
    {
        if (_scratch.Length < children.Length)
        {
            _scratch = new (long, int, int)[Math.Max(children.Length, 2 * _scratch.Length)];
        }

        var found = 0;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            if (_h[y] != Unreachable)
            {
                _scratch[found++] = (_h[y], _rank[y], k);
            }
        }

        var keys = _scratch.AsSpan(0, found);
        keys.Sort();
        return keys;
    }

    private void EnsureKeys(int length)
    {
        if (_keyH.Length < length)
        {
            var size = Math.Max(length, 2 * _keyH.Length);
            _keyH = new long[size];
            _keyRank = new int[size];
            _keyNode = new int[size];
            _keyValue = new long[size];
        }
    }

    /// <summary>h_max with the current costs on a graph with a cycle: a generalised Dijkstra, recording each node's
    /// finalisation index (its rank) and the child that made it true (its trigger); ranks then order keys like h does.</summary>
    private void HMax(BitSet excluded)
    {
        Array.Fill(_h, Unreachable);
        Array.Fill(_rank, -1);
        Array.Fill(_trigger, -1);
        Array.Clear(_progress);
        var queue = _queue;
        queue.Clear();
        _h[_true] = 0L;
        queue.Enqueue(_true, 0L);
        var order = 0;
        while (queue.TryDequeue(out var x, out var value))
        {
            if (_rank[x] >= 0 || value != _h[x])
            {
                continue;
            }

            _rank[x] = order++;
            foreach (var (p, position) in _parents[x])
            {
                if (_rank[p] >= 0)
                {
                    continue;
                }

                long next;
                switch (_kind[p])
                {
                    case Kind.Credential:
                        if (excluded.Contains(p))
                        {
                            continue;
                        }

                        next = value + _cost[p];
                        break;
                    case Kind.Or:
                        next = value;
                        break;
                    case Kind.And:
                    case Kind.Threshold:
                        if (++_progress[p] < _need[p])
                        {
                            continue;
                        }

                        next = value;
                        break;
                    case Kind.Amount:
                        if (_progress[p] >= _need[p])
                        {
                            continue;
                        }

                        _progress[p] += _values[p][position];
                        if (_progress[p] < _need[p])
                        {
                            continue;
                        }

                        next = value;
                        break;
                    default:
                        continue;
                }

                if (next < _h[p])
                {
                    _h[p] = next;
                    _trigger[p] = x;
                    queue.Enqueue(p, next);
                }
            }
        }
    }
}
