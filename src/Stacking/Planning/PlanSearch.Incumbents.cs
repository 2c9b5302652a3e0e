namespace Stacking.Planning;

/// <content>Incumbent plans: admission, reduction and the tie-break between plans of equal value.</content>
internal sealed partial class PlanSearch
{
    private bool Admissible(BitSet plan)
    {
        foreach (var constraint in _constraints)
        {
            if (constraint.Violated(plan.Members().Sum(m => constraint.Weights[m])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Offers a valid plan: drops redundant steps, then keeps it if it beats the incumbent.</summary>
    private void Offer(BitSet plan, bool alreadyReduced = false)
    {
        var reduced = alreadyReduced ? plan : Reduce(plan);
        if (!Admissible(reduced))
        {
            return;
        }

        var value = reduced.Members().Sum(m => _p.Weight[m]);
        var count = reduced.Count();
        if (_best is null || value < _bestValue || (value == _bestValue && (count < _bestCount || (count == _bestCount && LexLess(reduced, _best)))))
        {
            _best = reduced;
            _bestValue = value;
            _bestCount = count;
        }
    }

    private static bool LexLess(BitSet a, BitSet b)
    {
        using var x = a.Members().GetEnumerator();
        using var y = b.Members().GetEnumerator();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return !hasX && hasY;
            }

            if (x.Current != y.Current)
            {
                return x.Current < y.Current;
            }
        }
    }

    /// <summary>Reverse delete: remove steps, costliest first, while the rest stays a plan.</summary>
    private BitSet Reduce(BitSet plan)
    {
        var current = plan.Clone();
        foreach (var c in plan.Members().OrderByDescending(m => _p.Weight[m]).ThenByDescending(m => m).ToList())
        {
            var trial = current.Clone();
            trial.Remove(c);
            if (_p.GoalMet(trial) && _p.Closure(trial).Equals(trial))
            {
                current = trial;
            }
        }

        return current;
    }
}
