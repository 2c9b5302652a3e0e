using System.Numerics;

namespace Stacking.Tests.Reference;

/// <summary>
/// Decides whether integer rows <c>Σ a_j·v_j ≥ b</c> have a solution with every <c>v_j</c> in <c>[0, 1]</c>, by
/// Fourier–Motzkin elimination in exact integer arithmetic: slow (rows multiply with each variable) and exact, the
/// reference the engine's simplex is checked against on small systems.
/// </summary>
public static class ReferenceLinearFeasibility
{
    /// <summary>True when some real point of <c>[0, 1]^variables</c> meets every row.</summary>
    /// <param name="variables">The number of variables.</param>
    /// <param name="rows">Each row: <c>variables</c> coefficients, then the bound.</param>
    public static bool IsFeasible(int variables, IEnumerable<long[]> rows)
    {
        var system = rows.Select(r => r.Select(x => (BigInteger)x).ToArray()).ToList();
        for (var j = 0; j < variables; j++)
        {
            var lower = new BigInteger[variables + 1];
            lower[j] = 1;
            var upper = new BigInteger[variables + 1];
            upper[j] = -1;
            upper[variables] = -1;
            system.Add(lower);
            system.Add(upper);
        }

        for (var j = 0; j < variables; j++)
        {
            var positive = system.Where(r => r[j] > 0).ToList();
            var negative = system.Where(r => r[j] < 0).ToList();
            var next = system.Where(r => r[j] == 0).ToList();
            foreach (var p in positive)
            {
                foreach (var q in negative)
                {
                    // (−q_j)·p + p_j·q has a zero coefficient on v_j and follows from p and q.
                    var combined = new BigInteger[variables + 1];
                    for (var k = 0; k <= variables; k++)
                    {
                        combined[k] = (-q[j] * p[k]) + (p[j] * q[k]);
                    }

                    next.Add(Normalise(combined));
                }
            }

            system = [.. next.DistinctBy(r => string.Join(",", r))];
        }

        // Only bounds are left: 0 ≥ b must hold for every row.
        return system.All(r => r[variables] <= 0);
    }

    private static BigInteger[] Normalise(BigInteger[] row)
    {
        var g = BigInteger.Zero;
        foreach (var x in row)
        {
            g = BigInteger.GreatestCommonDivisor(g, x);
        }

        if (g <= 1)
        {
            return row;
        }

        // Dividing a ≥ row by a positive number keeps its meaning; the bound rounds up (tightens only over integers,
        // so divide it exactly, or not at all).
        return row[^1] % g == 0 ? [.. row.Select(x => x / g)] : row;
    }
}
