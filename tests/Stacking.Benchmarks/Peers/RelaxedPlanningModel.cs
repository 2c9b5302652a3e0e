using System.Diagnostics;
using Google.OrTools.LinearSolver;
using Google.OrTools.Sat;

namespace Stacking.Benchmarks.Peers;

/// <summary>
/// The CP-SAT planning model (<see cref="CpSatPlanningModel"/>) read constraint by constraint into OR-Tools' linear
/// solver: as a linear program (GLOP, every boolean relaxed to [0, 1]) or as a mixed-integer program (SCIP, every
/// boolean binary), so that the relaxations and the cutting planes that bound the same question can be measured.
/// </summary>
/// <remarks>
/// Only the constraint kinds the planning model uses are read: <c>bool_or</c>, <c>bool_and</c>, <c>at_most_one</c>,
/// <c>exactly_one</c> and <c>linear</c>, each with enforcement literals (a linear constraint under enforcement becomes
/// its big-M form from the variables' bounds, which is also CP-SAT's own linear relaxation of it). Any other kind
/// throws, so a model the translation would misread is never measured.
/// </remarks>
public sealed class RelaxedPlanningModel : IDisposable
{
    private readonly Solver _solver;
    private readonly Variable[] _vars;

    /// <summary>Reads <paramref name="model"/>; <paramref name="integer"/> picks SCIP with binaries, else GLOP.</summary>
    public RelaxedPlanningModel(CpSatPlanningModel model, bool integer)
    {
        ArgumentNullException.ThrowIfNull(model);
        var proto = model.Model.Model;
        _solver = Solver.CreateSolver(integer ? "SCIP" : "GLOP") ?? throw new InvalidOperationException("OR-Tools has no " + (integer ? "SCIP" : "GLOP") + " here.");
        _vars = new Variable[proto.Variables.Count];
        for (var i = 0; i < _vars.Length; i++)
        {
            var domain = proto.Variables[i].Domain;
            double lo = domain[0], hi = domain[^1];
            _vars[i] = integer ? _solver.MakeIntVar(lo, hi, string.Empty) : _solver.MakeNumVar(lo, hi, string.Empty);
        }

        foreach (var c in proto.Constraints)
        {
            var enforcement = c.EnforcementLiteral;
            switch (c.ConstraintCase)
            {
                case ConstraintProto.ConstraintOneofCase.BoolOr:
                    // Σ lits ≥ 1 when every enforcement literal holds: Σ lits + Σ (1 − e) ≥ 1.
                    AtLeastOne([.. c.BoolOr.Literals, .. enforcement.Select(e => -e - 1)]);
                    break;
                case ConstraintProto.ConstraintOneofCase.BoolAnd:
                    foreach (var literal in c.BoolAnd.Literals)
                    {
                        AtLeastOne([literal, .. enforcement.Select(e => -e - 1)]);
                    }

                    break;
                case ConstraintProto.ConstraintOneofCase.AtMostOne:
                    Linear(c.AtMostOne.Literals, [.. c.AtMostOne.Literals.Select(_ => 1L)], long.MinValue, 1, enforcement);
                    break;
                case ConstraintProto.ConstraintOneofCase.ExactlyOne:
                    Linear(c.ExactlyOne.Literals, [.. c.ExactlyOne.Literals.Select(_ => 1L)], 1, 1, enforcement);
                    break;
                case ConstraintProto.ConstraintOneofCase.Linear:
                    if (c.Linear.Domain.Count != 2)
                    {
                        throw new NotSupportedException("A linear constraint with a domain of holes.");
                    }

                    Linear(c.Linear.Vars, c.Linear.Coeffs, c.Linear.Domain[0], c.Linear.Domain[1], enforcement);
                    break;
                default:
                    throw new NotSupportedException($"No linear form for a {c.ConstraintCase} constraint.");
            }
        }

        var objective = _solver.Objective();
        for (var i = 0; i < proto.Objective.Vars.Count; i++)
        {
            objective.SetCoefficient(_vars[proto.Objective.Vars[i]], proto.Objective.Coeffs[i] / (double)CpSatPlanningModel.Scale);
        }

        objective.SetMinimization();
    }

    /// <summary>Passes SCIP or GLOP parameters in their own text format (e.g. <c>limits/nodes = 1</c>).</summary>
    /// <exception cref="ArgumentException">The solver refused the parameters.</exception>
    public void Parameters(string text)
    {
        if (!_solver.SetSolverSpecificParametersAsString(text))
        {
            throw new ArgumentException("The solver refused: " + text, nameof(text));
        }
    }

    /// <summary>Solves within the time limit: status, objective (null without a solution), proven bound, wall time.</summary>
    public CpSatOutcome Solve(double timeLimitSeconds)
    {
        _solver.SetTimeLimit((long)(timeLimitSeconds * 1000));
        var watch = Stopwatch.StartNew();
        var status = _solver.Solve();
        watch.Stop();
        var solved = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
        decimal? objective = solved ? (decimal)_solver.Objective().Value() : null;
        decimal? bound = !solved ? null : _solver.IsMip() ? (decimal)_solver.Objective().BestBound() : objective;
        return new CpSatOutcome(status.ToString(), objective, bound, watch.Elapsed);
    }

    /// <inheritdoc/>
    public void Dispose() => _solver.Dispose();

    private void AtLeastOne(IReadOnlyList<int> literals) =>
        Linear(literals, [.. literals.Select(_ => 1L)], 1, long.MaxValue, []);

    /// <summary>lo ≤ Σ coeffs·literal-or-variable ≤ hi, in big-M form when enforced (a negative ref is a negated literal).</summary>
    private void Linear(IReadOnlyList<int> refs, IReadOnlyList<long> coeffs, long lo, long hi, IReadOnlyList<int> enforcement)
    {
        double constant = 0, min = 0, max = 0;
        var terms = new List<(Variable Var, double Coeff)>();
        for (var i = 0; i < refs.Count; i++)
        {
            var r = refs[i];
            double a = coeffs[i];
            if (r < 0)
            {
                // ¬v = 1 − v.
                constant += a;
                terms.Add((_vars[-r - 1], -a));
                a = -a;
                r = -r - 1;
            }
            else
            {
                terms.Add((_vars[r], a));
            }

            var v = _vars[r];
            min += Math.Min(a * v.Lb(), a * v.Ub());
            max += Math.Max(a * v.Lb(), a * v.Ub());
        }

        min += constant;
        max += constant;
        var lower = lo == long.MinValue ? double.NegativeInfinity : lo;
        var upper = hi == long.MaxValue ? double.PositiveInfinity : hi;
        if (enforcement.Count == 0)
        {
            Row(terms, lower - constant, upper - constant);
            return;
        }

        // Enforced by e1..ek: Σ + (lo − min)·Σ(1 − e) ≥ lo, Σ − (max − hi)·Σ(1 − e) ≤ hi.
        if (!double.IsNegativeInfinity(lower) && lower > min)
        {
            var row = new List<(Variable, double)>(terms);
            var rhs = lower - constant;
            foreach (var e in enforcement)
            {
                AddNotLiteral(row, e, lower - min, ref rhs);
            }

            Row(row, rhs, double.PositiveInfinity);
        }

        if (!double.IsPositiveInfinity(upper) && upper < max)
        {
            var row = new List<(Variable, double)>(terms);
            var rhs = upper - constant;
            foreach (var e in enforcement)
            {
                AddNotLiteral(row, e, -(max - upper), ref rhs);
            }

            Row(row, double.NegativeInfinity, rhs);
        }
    }

    /// <summary>Adds k·(1 − literal) to the left of a row whose right side is <paramref name="rhs"/>.</summary>
    private void AddNotLiteral(List<(Variable, double)> row, int literal, double k, ref double rhs)
    {
        if (literal >= 0)
        {
            // k − k·v: the constant moves to the right.
            row.Add((_vars[literal], -k));
            rhs -= k;
        }
        else
        {
            // The literal is ¬v, so 1 − literal = v.
            row.Add((_vars[-literal - 1], k));
        }
    }

    private void Row(List<(Variable Var, double Coeff)> terms, double lo, double hi)
    {
        var row = _solver.MakeConstraint(lo, hi);
        foreach (var (v, a) in terms)
        {
            row.SetCoefficient(v, row.GetCoefficient(v) + a);
        }
    }
}
