namespace Stacking.Eligibility.Engine;

/// <summary>The linear relaxation of the allocation search: a proof of "not eligible" where the search runs long.</summary>
/// <remarks>
/// <para>Over the nodes still open after the static statuses and the private nodes (<see cref="EliminatePrivateNodes"/>),
/// with <c>y_n ∈ [0, 1]</c> for "node n is met" and <c>x_ni ∈ [0, 1]</c> for "item i counts for consuming node n":
/// the root has <c>y = 1</c>; a composite needing k children has <c>Σ y_open child ≥ (k − t)·y_n</c>, t its children
/// already true (the same as <c>Σ y_child ≥ k·y_n</c> with true children counting 1 when y_n is 0 or 1, and tighter
/// when it is fractional; false children count 0); a count or credential node has <c>Σ_i x_ni ≥ N·y_n</c>; a credits or hours node has
/// <c>Σ_i min(v_i, A)·x_ni ≥ A·y_n</c>, A its amount rounded up to a multiple of its items' greatest common divisor
/// (<see cref="RoundUpToGranule"/>; no item is worth more to a node than that) and
/// <c>Σ_i x_ni ≥ k·y_n</c>, k the fewest of its items that reach A (its most valuable ones); and each item counts at
/// most once, <c>Σ_n x_ni ≤ 1</c>. Every allocation of spec §6 that meets the root is a 0/1 point of this system, so
/// when the system has no solution at all, the learner is not eligible. <see cref="FeasibilityLp"/> proves that only
/// with a certificate checked in exact arithmetic.</para>
/// <para>It decides the audits whose items are too few, jointly, for the pools that compete for them, which the
/// search's own necessary conditions (one unit at a time) do not see and the enumeration would take millions of steps
/// to exhaust. It is run at most once per <see cref="Solve"/>, only when the search's first round has run out of its
/// per-allocation budget or the work limit is reached, so it costs nothing where the search is quick.</para>
/// </remarks>
internal sealed partial class Evaluation
{
    /// <summary>The most simplex iterations one relaxation may take (a few milliseconds on a 60-item audit).</summary>
    internal const int RelaxationIterationLimit = 2_000;

    /// <summary>Whether the search proper has begun: the statuses are then final (the search itself never changes one).</summary>
    private bool _searching;

    private bool _relaxationTried;

    /// <summary>Gets whether the linear relaxation was tried in the last <see cref="Solve"/>.</summary>
    internal bool RelaxationTried => _relaxationTried;

    /// <summary>Returns true when the relaxation of the subtree at <paramref name="root"/> is proven to have no solution.</summary>
    internal bool RelaxationRefutes(int root)
    {
        if (_relaxationTried || !_searching)
        {
            return false;
        }

        _relaxationTried = true;
        return BuildRelaxation(root).ProvesInfeasible(RelaxationIterationLimit);
    }

    private FeasibilityLp BuildRelaxation(int root)
    {
        var nodes = Rule.Nodes;
        var lp = new FeasibilityLp();
        var met = new int[nodes.Length];
        Array.Fill(met, -1);
        var uses = new List<int>[_owner.Length];

        // The root is met: its variable is not made, its rows get the constant instead.
        void Visit(int n)
        {
            var node = nodes[n];
            var columns = new List<int>();
            var coefficients = new List<decimal>();
            if (node.IsConsuming)
            {
                var local = _local[n];
                var values = CandValues[n];
                var amount = node.IsAmount ? RoundedAmount(n) : 0m;
                for (var ci = 0; ci < local.Length; ci++)
                {
                    var x = lp.AddVariable();
                    columns.Add(x);
                    coefficients.Add(node.IsAmount ? Math.Min(values[ci], amount) : 1m);
                    (uses[local[ci]] ??= []).Add(x);
                }

                var itemColumns = new List<int>(columns);
                AddMetRow(lp, columns, coefficients, met[n], node.IsAmount ? amount : node.Need);
                if (node.IsAmount && LeastItems(values, amount) is var least and > 1)
                {
                    AddMetRow(lp, itemColumns, [.. itemColumns.Select(_ => 1m)], met[n], least);
                }

                return;
            }

            var trues = 0;
            foreach (var child in node.Children)
            {
                if (_status[child] == True)
                {
                    trues++;
                }
                else if (_status[child] == Open)
                {
                    met[child] = lp.AddVariable();
                    columns.Add(met[child]);
                    coefficients.Add(1m);
                    Visit(child);
                }
            }

            // Σ open children ≥ (need − trues)·y, with need − trues > 0 as the node is open.
            AddMetRow(lp, columns, coefficients, met[n], node.Need - trues);
        }

        Visit(root);
        foreach (var items in uses)
        {
            if (items is { Count: > 1 })
            {
                lp.AddRow([.. items], [.. items.Select(_ => -1m)], -1m);
            }
        }

        return lp;
    }

    /// <summary>The least sum of some of <paramref name="values"/> that reaches <paramref name="amount"/> can be: the amount
    /// rounded up to a multiple of the values' greatest common divisor g (every sum of them is a multiple of g).</summary>
    /// <remarks>g by Euclid's algorithm, on longs while the values are whole, then on the decimals themselves (a remainder
    /// of decimals is exact); the quotient's
    /// ceiling is taken of decimal's rounded quotient, which is never above the exact one's ceiling (rounding can only
    /// meet an integer from either side, and an exact quotient stays exact), so the result is never more than the
    /// least reachable sum; on overflow, the amount itself. This is what makes, say, two pools of an odd number of
    /// credits over courses of even credits ask for more than the courses' total.</remarks>
    internal static decimal RoundUpToGranule(decimal[] values, decimal amount)
    {
        // Whole values (the usual credits and hours) by Euclid on longs, which is much cheaper than on decimals; the
        // divisor only shrinks, so once it is 1 and the amount is whole, nothing can change.
        var whole = 0L;
        var g = 0m;
        foreach (var v in values)
        {
            if (whole >= 0 && v == decimal.Truncate(v) && Math.Abs(v) <= long.MaxValue)
            {
                var a = (long)Math.Abs(v);
                while (a != 0L)
                {
                    (whole, a) = (a, whole % a);
                }

                if (whole == 1L && amount == decimal.Truncate(amount))
                {
                    return amount;
                }

                continue;
            }

            if (whole > 0L)
            {
                g = whole;
            }

            whole = -1L;
            var b = Math.Abs(v);
            while (b != 0m)
            {
                (g, b) = (b, g % b);
            }
        }

        g = whole > 0L ? whole : g;

        if (g <= 0m)
        {
            return amount;
        }

        try
        {
            var rounded = decimal.Ceiling(amount / g) * g;
            return rounded >= amount ? rounded : amount;
        }
        catch (OverflowException)
        {
            return amount;
        }
    }

    /// <summary>The fewest items that can reach <paramref name="amount"/>: as many as the most valuable ones take.</summary>
    private static int LeastItems(decimal[] values, decimal amount)
    {
        var sorted = (decimal[])values.Clone();
        Array.Sort(sorted, (a, b) => b.CompareTo(a));
        var sum = 0m;
        var k = 0;
        while (k < sorted.Length && sum < amount)
        {
            sum += sorted[k++];
        }

        return k;
    }

    /// <summary>Adds <c>Σ coefficients·columns ≥ need·y</c>, or <c>≥ need</c> when the node has no variable (the root).</summary>
    private static void AddMetRow(FeasibilityLp lp, List<int> columns, List<decimal> coefficients, int y, decimal need)
    {
        if (y < 0)
        {
            lp.AddRow([.. columns], [.. coefficients], need);
            return;
        }

        columns.Add(y);
        coefficients.Add(-need);
        lp.AddRow([.. columns], [.. coefficients], 0m);
    }
}
