namespace Stacking.Eligibility.Engine;

/// <content>An allocation of exactly two credits or hours nodes, decided by meeting in the middle.</content>
internal sealed partial class Evaluation
{
    private sealed partial class AllocationSearch
    {
        /// <summary>The most items the two nodes may share for <see cref="PlaceLastTwo"/>: 2^16 splits per half (about
        /// 8 MB of sums and indexes in all, and 3 × 2^16 work steps: within the default work limit, in the search's third
        /// round of allocation budgets at the latest), past which the enumeration decides them as it does the others.</summary>
        internal const int LastTwoMaxShared = 32;

        /// <summary>Places together the two credits or hours nodes of an allocation that has exactly two and no count or
        /// credential node: true or false when decided (the allocation of both is then made, or none exists), null when
        /// not applicable (another shape, or they share more than <see cref="LastTwoMaxShared"/> items).</summary>
        /// <remarks>
        /// <para>Node i (the first position) and node k are the only users of the free contested items. Items only i
        /// can use go to i first, most valuable first, as <see cref="Place"/> does; items only k can use all go to k;
        /// what remains is to split the items both can use: a set S for i with Σ_S a ≥ what i still needs and
        /// Σ_(shared∖S) b ≥ what k still needs (a, b: an item's value to i and to k). Every allocation of the two has
        /// this form (an item unused by both can be given to k at no loss), so the split exists exactly when the two
        /// nodes can be met.</para>
        /// <para>Such a split is a subset-sum question, which the enumeration answers in up to 2^shared steps (24 items
        /// of large distinct credits that split exactly were undetermined under the default work limit). Here each half
        /// of the shared items lists its 2^(shared/2) splits as (Σa to i, Σb to k); the right half's, sorted by Σa, with
        /// the best Σb of every suffix, answer each left split by one binary search. Each listed split costs one step of
        /// the work limit. Only this shape, decided once per allocation: inside the enumeration of earlier nodes (as
        /// the last two of three or more) it was measured to cost more steps than it saved (a generated audit decided
        /// by the enumeration became undetermined).</para>
        /// </remarks>
        private bool? PlaceLastTwo(int position)
        {
            if (_countPending.Count != 0 || _amountPending.Count != 2 || position != 0)
            {
                return null;
            }

            var i = _amountPending[position];
            var k = _amountPending[position + 1];
            var valueToI = FreeValues(i);
            var valueToK = FreeValues(k);
            var shared = new List<int>();
            foreach (var bit in valueToI.Keys)
            {
                if (valueToK.ContainsKey(bit))
                {
                    shared.Add(bit);
                }
            }

            if (shared.Count > LastTwoMaxShared)
            {
                return null;
            }

            shared.Sort();

            // Items only i can use, most valuable first, until i's residual is met; items only k can use, all of them.
            var start = _result[i].Count;
            var needI = _residualAmount[i];
            foreach (var ci in _orderByValue[i])
            {
                var bit = _bitOf[_e._local[_selected[i]][ci]];
                if (bit >= 0 && !IsUsed(bit) && !valueToK.ContainsKey(bit) && needI > 0m)
                {
                    _result[i].Add(ci);
                    needI -= valueToI[bit];
                }
            }

            var needK = _residualAmount[k];
            foreach (var (bit, value) in valueToK)
            {
                if (!valueToI.ContainsKey(bit))
                {
                    needK -= value;
                }
            }

            var left = shared.Count / 2;
            var (leftA, leftB) = Splits(shared, 0, left, valueToI, valueToK);
            var (rightA, rightB) = Splits(shared, left, shared.Count - left, valueToI, valueToK);
            var order = new int[rightA.Length];
            for (var m = 0; m < order.Length; m++)
            {
                order[m] = m;
            }

            Array.Sort([.. rightA], order);
            var sortedA = new decimal[order.Length];
            var bestB = new decimal[order.Length + 1];
            var bestMask = new int[order.Length + 1];
            bestB[order.Length] = decimal.MinValue;
            for (var m = order.Length - 1; m >= 0; m--)
            {
                sortedA[m] = rightA[order[m]];
                var b = rightB[order[m]];
                (bestB[m], bestMask[m]) = b > bestB[m + 1] ? (b, order[m]) : (bestB[m + 1], bestMask[m + 1]);
            }

            for (var leftMask = 0; leftMask < leftA.Length; leftMask++)
            {
                _e.Tick();
                var from = LowerBound(sortedA, needI - leftA[leftMask]);
                if (from < sortedA.Length && bestB[from] >= needK - leftB[leftMask])
                {
                    // S: the left half's items of leftMask and the right half's of the best mask; i takes them.
                    for (var j = 0; j < shared.Count; j++)
                    {
                        var toI = j < left ? (leftMask & (1 << j)) != 0 : (bestMask[from] & (1 << (j - left))) != 0;
                        if (toI)
                        {
                            Flip(shared[j]);
                            _result[i].Add(CandidateIndex(i, shared[j]));
                        }
                    }

                    // k now takes what it can use (all of it is exclusive to it at its position), and nothing follows.
                    if (Place(position + 1))
                    {
                        return true;
                    }

                    // Not reached while the split is right (k's items alone meet it); if it were, the next split is tried.
                    // Every shared bit was free on entry, so the used ones are those flipped above.
                    for (var j = 0; j < shared.Count; j++)
                    {
                        if (IsUsed(shared[j]))
                        {
                            Flip(shared[j]);
                            _result[i].RemoveAt(_result[i].Count - 1);
                        }
                    }
                }
            }

            _result[i].RemoveRange(start, _result[i].Count - start);
            return false;
        }

        /// <summary>The free contested items node <paramref name="i"/> can use, by bit, with their values to it.</summary>
        private Dictionary<int, decimal> FreeValues(int i)
        {
            var n = _selected[i];
            var locals = _e._local[n];
            var values = _e.CandValues[n];
            var result = new Dictionary<int, decimal>();
            for (var ci = 0; ci < locals.Length; ci++)
            {
                var bit = _bitOf[locals[ci]];
                if (bit >= 0 && !IsUsed(bit))
                {
                    result[bit] = values[ci];
                }
            }

            return result;
        }

        /// <summary>Node <paramref name="i"/>'s candidate index of the item at <paramref name="bit"/>.</summary>
        private int CandidateIndex(int i, int bit)
        {
            var locals = _e._local[_selected[i]];
            for (var ci = 0; ci < locals.Length; ci++)
            {
                if (_bitOf[locals[ci]] == bit)
                {
                    return ci;
                }
            }

            throw new InvalidOperationException("A shared item is not a candidate of the node.");
        }

        /// <summary>Every split of <paramref name="count"/> shared items from <paramref name="first"/> on: for each mask of
        /// the items going to i, Σa of those and Σb of the others (to k). One step of the work limit per split.</summary>
        private (decimal[] A, decimal[] B) Splits(List<int> shared, int first, int count, Dictionary<int, decimal> valueToI, Dictionary<int, decimal> valueToK)
        {
            var size = 1 << count;
            var a = new decimal[size];
            var b = new decimal[size];
            var allB = 0m;
            for (var j = 0; j < count; j++)
            {
                allB += valueToK[shared[first + j]];
            }

            b[0] = allB;
            for (var mask = 1; mask < size; mask++)
            {
                _e.Tick();
                var low = System.Numerics.BitOperations.TrailingZeroCount(mask);
                var bit = shared[first + low];
                a[mask] = a[mask & (mask - 1)] + valueToI[bit];
                b[mask] = b[mask & (mask - 1)] - valueToK[bit];
            }

            return (a, b);
        }

        /// <summary>The first index of ascending <paramref name="sorted"/> whose value is at least <paramref name="value"/>.</summary>
        private static int LowerBound(decimal[] sorted, decimal value)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (sorted[mid] < value)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
