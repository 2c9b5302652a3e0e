namespace Stacking.Eligibility.Engine;

/// <summary>
/// A proof that a system of linear inequalities <c>Σ a_rj·v_j ≥ b_r</c> over variables <c>0 ≤ v_j ≤ 1</c> has no
/// solution, found by a phase-one simplex and checked in exact arithmetic.
/// </summary>
/// <remarks>
/// <para>The simplex runs in <see cref="double"/> on a dense tableau with bounded variables (a structural variable
/// leaves the basis at either bound, or flips between them without a pivot), minimising the sum of one artificial
/// variable per row the start point violates; largest reduced cost first, Bland's rule once a pivot makes no progress,
/// at most a given number of iterations. Its answer is only a candidate: at a phase-one optimum above zero the row
/// duals <c>λ</c> are read from the tableau, clamped at zero and rounded to twelve decimals, and the system is
/// declared infeasible only if, in <see cref="decimal"/> arithmetic, <c>Σ_r λ_r·b_r &gt; Σ_j max(0, Σ_r λ_r·a_rj)</c>
/// (Farkas: every solution would make the left side at most the right one), by more than decimal's own rounding could
/// account for. So rounding in the simplex can cost a proof, never make a wrong one: <see cref="ProvesInfeasible"/> returning <see langword="false"/> means "no proof",
/// not "feasible".</para>
/// <para>Not thread-safe; built per question.</para>
/// </remarks>
internal sealed class FeasibilityLp
{
    /// <summary>The largest tableau tried (rows × columns, 8 MB of doubles): a larger system gets no proof.</summary>
    internal const long MaxTableauCells = 1_000_000;

    /// <summary>The most tableau cells all pivots together may update (a few hundred milliseconds): it lowers the
    /// iteration limit of a large system.</summary>
    internal const long MaxCellUpdates = 400_000_000;

    private const double Epsilon = 1e-9;

    private readonly List<(int[] Columns, decimal[] Coefficients, decimal Bound)> _rows = [];
    private int _variables;

    /// <summary>Gets the simplex iterations the last <see cref="ProvesInfeasible"/> took.</summary>
    public int Iterations { get; private set; }

    /// <summary>Adds a variable with bounds 0 and 1 and returns its index.</summary>
    public int AddVariable() => _variables++;

    /// <summary>Adds the row <c>Σ coefficients[k]·v[columns[k]] ≥ bound</c>; a column appears at most once per row.</summary>
    public void AddRow(int[] columns, decimal[] coefficients, decimal bound)
    {
        if (columns.Length != coefficients.Length)
        {
            throw new ArgumentException("One coefficient per column.", nameof(coefficients));
        }

        _rows.Add((columns, coefficients, bound));
    }

    /// <summary>Returns true only when the rows are proven to have no solution in <c>[0, 1]</c> (a checked Farkas certificate).</summary>
    /// <param name="iterationLimit">The most simplex iterations to spend; past it there is no proof. A system whose
    /// tableau exceeds <see cref="MaxTableauCells"/> is not tried, and the limit is lowered so that the pivots update at
    /// most <see cref="MaxCellUpdates"/> cells.</param>
    public bool ProvesInfeasible(int iterationLimit)
    {
        var cells = (long)_rows.Count * (_variables + (2L * _rows.Count));
        if (cells > MaxTableauCells)
        {
            Iterations = 0;
            return false;
        }

        var lambda = PhaseOneDuals((int)Math.Min(iterationLimit, MaxCellUpdates / Math.Max(1, cells)));
        return lambda is not null && Certifies(lambda);
    }

    /// <summary>Checks a certificate exactly: <c>Σ λ_r·b_r &gt; Σ_j max(0, Σ_r λ_r·a_rj)</c> with every <c>λ_r ≥ 0</c>.</summary>
    internal bool Certifies(decimal[] lambda)
    {
        // decimal rounds a result past 28-29 significant digits; the check asks the two sides to differ by more than
        // that rounding could add up to (1e-20 of the terms' total size, which at a million terms of 1e-28 relative
        // error each is ample), and a sum too large for decimal is no proof.
        try
        {
            var column = new decimal[_variables];
            var left = 0m;
            var size = 0m;
            for (var r = 0; r < _rows.Count; r++)
            {
                var l = lambda[r];
                if (l < 0)
                {
                    return false;
                }

                if (l == 0)
                {
                    continue;
                }

                var (columns, coefficients, bound) = _rows[r];
                var term = l * bound;
                left += term;
                size += Math.Abs(term);
                for (var k = 0; k < columns.Length; k++)
                {
                    term = l * coefficients[k];
                    column[columns[k]] += term;
                    size += Math.Abs(term);
                }
            }

            var right = 0m;
            foreach (var c in column)
            {
                if (c > 0)
                {
                    right += c;
                }
            }

            return left - right > size * 1e-20m;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Runs phase one; returns the rounded, clamped row duals when its optimum is above zero, else null.</summary>
    private decimal[]? PhaseOneDuals(int iterationLimit)
    {
        // Columns: the structural variables [0, n), one surplus per row [n, n + m) and one artificial per row
        // [n + m, n + 2m). A row whose bound is positive keeps its sign and starts with its artificial basic; any
        // other row is negated (−a·v + s = −b, s ≥ 0) and starts with its surplus basic, at −b ≥ 0.
        var m = _rows.Count;
        var n = _variables;
        var width = n + (2 * m);
        var tableau = new double[m * width];
        var value = new double[m];
        var basis = new int[m];
        var negated = new bool[m];
        var cost = new double[width];
        for (var r = 0; r < m; r++)
        {
            var (columns, coefficients, bound) = _rows[r];
            negated[r] = bound <= 0;
            var sign = negated[r] ? -1.0 : 1.0;
            var row = r * width;
            for (var k = 0; k < columns.Length; k++)
            {
                tableau[row + columns[k]] = sign * (double)coefficients[k];
            }

            // The surplus enters a ≥ row with −1; negated, with +1.
            tableau[row + n + r] = -sign;
            value[r] = sign * (double)bound;
            if (negated[r])
            {
                basis[r] = n + r;
            }
            else
            {
                tableau[row + n + m + r] = 1;
                basis[r] = n + m + r;
                cost[n + m + r] = 1;
            }
        }

        // Artificials of negated rows never enter: their columns stay zero and their cost zero, so they are inert.
        var atUpper = new bool[n];
        var isBasic = new bool[width];
        foreach (var b in basis)
        {
            isBasic[b] = true;
        }

        var reduced = new double[width];
        for (var c = 0; c < width; c++)
        {
            var d = cost[c];
            for (var r = 0; r < m; r++)
            {
                d -= cost[basis[r]] * tableau[(r * width) + c];
            }

            reduced[c] = d;
        }

        var objective = 0.0;
        for (var r = 0; r < m; r++)
        {
            objective += cost[basis[r]] * value[r];
        }

        var bland = false;
        Iterations = 0;
        while (objective > Epsilon)
        {
            if (Iterations++ >= iterationLimit)
            {
                return null;
            }

            // Entering: a non-basic column whose move off its bound lowers the objective.
            var entering = -1;
            var best = Epsilon;
            for (var c = 0; c < width; c++)
            {
                if (isBasic[c] || (c >= n + m && negated[c - n - m]))
                {
                    continue;
                }

                var gain = c < n && atUpper[c] ? reduced[c] : -reduced[c];
                if (gain > best)
                {
                    entering = c;
                    best = gain;
                    if (bland)
                    {
                        break;
                    }
                }
            }

            if (entering < 0)
            {
                break;
            }

            // Direction: +1 from the lower bound, −1 from the upper one. Basic r moves by −direction·t·T[r][entering].
            var direction = entering < n && atUpper[entering] ? -1.0 : 1.0;
            var step = entering < n ? 1.0 : double.PositiveInfinity;
            var leaving = -1;
            var leavingToUpper = false;
            for (var r = 0; r < m; r++)
            {
                var a = direction * tableau[(r * width) + entering];
                if (Math.Abs(a) <= Epsilon)
                {
                    continue;
                }

                var upper = basis[r] < n ? 1.0 : double.PositiveInfinity;
                double t;
                bool toUpper;
                if (a > 0)
                {
                    t = Math.Max(0, value[r]) / a;
                    toUpper = false;
                }
                else if (!double.IsPositiveInfinity(upper))
                {
                    t = Math.Max(0, upper - value[r]) / -a;
                    toUpper = true;
                }
                else
                {
                    continue;
                }

                if (t < step - Epsilon || (t <= step + Epsilon && leaving >= 0 && basis[r] < basis[leaving]))
                {
                    step = t;
                    leaving = r;
                    leavingToUpper = toUpper;
                }
            }

            if (double.IsPositiveInfinity(step))
            {
                // Unbounded descent of a sum of non-negative artificials cannot happen; give up rather than guess.
                return null;
            }

            var before = objective;
            objective += reduced[entering] * direction * step;
            for (var r = 0; r < m; r++)
            {
                value[r] -= direction * step * tableau[(r * width) + entering];
            }

            if (leaving < 0)
            {
                // The entering variable crossed its own range: a bound flip, no pivot.
                atUpper[entering] = !atUpper[entering];
            }
            else
            {
                var enteringValue = (entering < n && atUpper[entering] ? 1.0 : 0.0) + (direction * step);
                var left = basis[leaving];
                if (left < n)
                {
                    atUpper[left] = leavingToUpper;
                }

                Pivot(tableau, width, m, leaving, entering, reduced);
                isBasic[left] = false;
                isBasic[entering] = true;
                basis[leaving] = entering;
                value[leaving] = enteringValue;
                if (entering < n)
                {
                    atUpper[entering] = false;
                }
            }

            // Bland's rule after a step that did not lower the objective, so degenerate pivots cannot cycle.
            bland = objective > before - Epsilon;
        }

        if (objective <= 1e-7)
        {
            return null;
        }

        // π_r = c_B·B⁻¹e_r; B⁻¹e_r is the tableau column of the row's starting basic variable (coefficient +1 in the
        // stored row), so π_r = cost − reduced cost of that column. A negated row's dual changes sign.
        var lambda = new decimal[m];
        for (var r = 0; r < m; r++)
        {
            var start = negated[r] ? n + r : n + m + r;
            var pi = cost[start] - reduced[start];
            var y = negated[r] ? -pi : pi;
            lambda[r] = y <= 0 || double.IsNaN(y) ? 0m : Math.Round((decimal)Math.Min(y, 1e6), 12);
        }

        return lambda;
    }

    private static void Pivot(double[] tableau, int width, int m, int pr, int pc, double[] reduced)
    {
        var prow = pr * width;
        var inverse = 1.0 / tableau[prow + pc];
        for (var c = 0; c < width; c++)
        {
            tableau[prow + c] *= inverse;
        }

        tableau[prow + pc] = 1;
        for (var r = 0; r < m; r++)
        {
            if (r == pr)
            {
                continue;
            }

            var row = r * width;
            var factor = tableau[row + pc];
            if (factor == 0)
            {
                continue;
            }

            for (var c = 0; c < width; c++)
            {
                tableau[row + c] -= factor * tableau[prow + c];
            }

            tableau[row + pc] = 0;
        }

        var d = reduced[pc];
        if (d != 0)
        {
            for (var c = 0; c < width; c++)
            {
                reduced[c] -= d * tableau[prow + c];
            }

            reduced[pc] = 0;
        }
    }
}
