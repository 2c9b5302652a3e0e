using System.Runtime.InteropServices;

namespace Stacking.Planning;

/// <content>Finding cuts: the plain cut of the justification graph and the threshold cut of a pool that needs several children.</content>
internal sealed partial class LandmarkCut
{
    /// <summary>One threshold cut on the necessary pool <paramref name="x"/>: lowers the costs and returns the gain (0 when
    /// none is found, -1 when <paramref name="stop"/> said stop before it was complete; the costs then unchanged).</summary>
    /// <remarks>
    /// <para>Every plan P that completes the node makes x true, so it makes true a set T of x's children whose values
    /// (1 each for a threshold) sum to the need. Children whose h_max is 0 (free) sum to F, those whose h_max is infinite
    /// are never true in P; so the positive, finite ones in T sum to at least R = need − F. For each such child y_i the
    /// plain cut L_i of <see cref="FindCut"/> is a landmark of y_i (every plan that makes y_i true takes a member), so P
    /// hits the L_i of every child in T, and with u_i = min(v_i, R): Σ over the L_i that P hits of u_i ≥ R (one term is
    /// R, or they are the values themselves). The L_i may overlap (classes sharing members, shared prerequisites, a
    /// child listed twice): with U(m) = Σ of u_i over the L_i containing m and c = min over members of ⌊cost(m) / U(m)⌋,
    /// lowering every member's cost by c·U(m) and adding c·R is a cost partitioning: P pays, in the lowered part,
    /// Σ_{m∈P} c·U(m) = c·Σ_i u_i·|P ∩ L_i| ≥ c·Σ_{L_i hit} u_i ≥ c·R. (The values and R are divided by their common
    /// divisor first, so that credits of 2–4 against 9 give c its full size.)</para>
    /// <para>Nothing is gained when a single child could reach R (then the plain cut is at least as good) or when c is
    /// 0. Allocation is ignored (two pools may count one item), which only relaxes.</para>
    /// </remarks>
    private long ThresholdCut(int x, Func<bool>? stop)
    {
        if (_h[x] == 0L || _h[x] == Unreachable)
        {
            return 0L;
        }

        var children = _children[x];
        var amount = _kind[x] == Kind.Amount;
        var rest = _need[x];
        var largest = 0L;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            var value = amount ? _values[x][k] : 1L;
            if (_h[y] == 0L)
            {
                rest -= value;
            }
            else if (_h[y] != Unreachable)
            {
                largest = Math.Max(largest, value);
            }
        }

        if (rest <= 0L || largest >= rest)
        {
            return 0L;
        }

        var divisor = rest;
        for (var k = 0; k < children.Length; k++)
        {
            var y = children[k];
            if (_h[y] != 0L && _h[y] != Unreachable)
            {
                divisor = Gcd(divisor, amount ? Math.Min(_values[x][k], rest) : 1L);
            }
        }

        _members.Clear();
        _setEnds.Clear();
        _setUnits.Clear();
        _touched.Clear();
        var valid = true;
        var stopped = false;
        for (var k = 0; k < children.Length && valid; k++)
        {
            var y = children[k];
            if (_h[y] == 0L || _h[y] == Unreachable)
            {
                continue;
            }

            // A pool of a thousand children takes a plain cut per child: the stop signal is polled before each.
            if (stop is not null && stop())
            {
                stopped = true;
                valid = false;
                break;
            }

            var least = FindCut(y);
            if (least <= 0L || least == Unreachable)
            {
                // Unreachable while the reasoning of FindCut holds; kept so that a slip can only weaken the bound.
                valid = false;
                break;
            }

            var units = (amount ? Math.Min(_values[x][k], rest) : 1L) / divisor;
            _members.AddRange(_cut);
            _setEnds.Add(_members.Count);
            _setUnits.Add(units);
            foreach (var m in _cut)
            {
                if (_units[m] == 0L)
                {
                    _touched.Add(m);
                }

                _units[m] += units;
            }
        }

        var share = valid ? Unreachable : 0L;
        foreach (var m in _touched)
        {
            share = Math.Min(share, _cost[m] / _units[m]);
        }

        var gain = 0L;
        if (share > 0L && share != Unreachable)
        {
            var need = rest / divisor;
            gain = share * need;
            _firstDirty = int.MaxValue;
            foreach (var m in _touched)
            {
                _cost[m] -= share * _units[m];
                MarkDirty(m);
                _firstDirty = Math.Min(_firstDirty, _position[m]);
            }

            var sets = new int[_setEnds.Count][];
            var masks = new ulong[sets.Length][];
            for (var i = 0; i < sets.Length; i++)
            {
                var start = i == 0 ? 0 : _setEnds[i - 1];
                sets[i] = CollectionsMarshal.AsSpan(_members).Slice(start, _setEnds[i] - start).ToArray();
                masks[i] = Mask(sets[i]);
            }

            _kept.Add(new Cut(sets, masks, [.. _setUnits], need, share));
        }

        foreach (var m in _touched)
        {
            _units[m] = 0L;
        }

        return stopped ? -1L : gain;
    }

    /// <summary>The bitset words of a cut's set, for <see cref="Cut.Hits"/>.</summary>
    private ulong[] Mask(IEnumerable<int> set)
    {
        var mask = new ulong[(_p.Count + 63) >> 6];
        foreach (var m in set)
        {
            mask[m >> 6] |= 1UL << (m & 63);
        }

        return mask;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0L)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Finds the cut for <paramref name="target"/> into <see cref="_cut"/> and returns its least cost.</summary>
    /// <remarks>V* is what reaches the target by zero-cost edges of the justification graph; the cut is every
    /// credential in V* whose requirement is reachable (finite h) and outside V*. This contains the textbook cut (whose
    /// requirements must also be reachable from <c>true</c> outside V*), so it is a landmark too, and it needs no
    /// forward search: take any plan, and the first fact of V* it makes true (in the order of a valid sequence, a
    /// requirement node becoming true with the credential that completes it). A requirement node of V* cannot be first:
    /// among the children that made it true one can make it true in the justification graph (fewer than a threshold's
    /// k, or less than an amount, lie below its trigger), that edge costs nothing, so that child is in V* and was true
    /// before. So the first is a credential p, whose requirement held before it: outside V*, and reachable.</remarks>
    private long FindCut(int target)
    {
        // V*: the nodes that reach the target by zero-cost edges, in the order they joined (to clear the marks after),
        // found depth first (both plain arrays: a node joins once).
        var zone = _zoneNodes;
        var zoneCount = 0;
        var stack = _zoneStack;
        var top = 0;
        _cut.Clear();
        _inGoalZone[target] = true;
        zone[zoneCount++] = target;
        stack[top++] = target;
        while (top > 0)
        {
            var x = stack[--top];
            if (x < _p.Count)
            {
                var pre = _pre[x];
                if (pre >= 0 && _h[pre] != Unreachable && !_inGoalZone[pre])
                {
                    if (_cost[x] == 0L)
                    {
                        _inGoalZone[pre] = true;
                        zone[zoneCount++] = pre;
                        stack[top++] = pre;
                    }
                    else
                    {
                        _cut.Add(x);
                    }
                }

                continue;
            }

            // The justification graph has an edge from a child into a formula node when both are reachable and the
            // child's key is not below the trigger's.
            var t = _trigger[x];
            if (t < 0)
            {
                continue;
            }

            var ht = _h[t];
            var rt = _rank[t];
            foreach (var y in _children[x])
            {
                var hy = _h[y];
                if (!_inGoalZone[y] && hy != Unreachable && (hy > ht || (hy == ht && _rank[y] >= rt)))
                {
                    _inGoalZone[y] = true;
                    zone[zoneCount++] = y;
                    stack[top++] = y;
                }
            }
        }

        // A candidate whose requirement joined V* after it was seen is not in the cut.
        var least = Unreachable;
        var kept = 0;
        for (var k = 0; k < _cut.Count; k++)
        {
            var m = _cut[k];
            if (!_inGoalZone[_pre[m]])
            {
                _cut[kept++] = m;
                least = Math.Min(least, _cost[m]);
            }
        }

        _cut.RemoveRange(kept, _cut.Count - kept);
        for (var k = 0; k < zoneCount; k++)
        {
            _inGoalZone[zone[k]] = false;
        }

        return least;
    }
}
