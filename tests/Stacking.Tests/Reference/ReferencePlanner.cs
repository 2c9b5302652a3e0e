using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;

namespace Stacking.Tests.Reference;

/// <summary>
/// The brute-force planner of spec §8 for tiny catalogs: a set of credentials is orderable when some member is eligible
/// on the rest and the rest is orderable (dynamic programming over all subsets, no greedy argument); a plan is an
/// orderable set on which the goal holds. Enumerates every subset of the catalog.
/// </summary>
internal sealed class ReferencePlanner
{
    private readonly Catalog _catalog;
    private readonly ReferenceOracle _eligibility;
    private readonly CredentialId[] _ids;

    public ReferencePlanner(Catalog catalog)
    {
        _catalog = catalog;
        _eligibility = new ReferenceOracle(catalog);
        _ids = [.. catalog.Credentials.Select(c => c.Id).Distinct()];
        if (_ids.Length > 12)
        {
            throw new ArgumentException("The reference planner is exponential: at most 12 credentials.", nameof(catalog));
        }
    }

    /// <summary>Every plan (as a set of ids) with its hours and cost.</summary>
    public List<(IReadOnlyList<CredentialId> Steps, decimal Hours, decimal Cost)> AllPlans(Requirement goal, LearnerRecord learner, DateOnly asOf)
    {
        var n = _ids.Length;
        var orderable = new bool[1 << n];
        orderable[0] = true;
        var plans = new List<(IReadOnlyList<CredentialId>, decimal, decimal)>();
        for (var mask = 0; mask < 1 << n; mask++)
        {
            var members = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToList();
            if (mask != 0)
            {
                orderable[mask] = members.Any(i =>
                    orderable[mask & ~(1 << i)]
                    && _eligibility.IsEligible(_ids[i], learner, asOf, members.Where(j => j != i).Select(j => _ids[j])));
            }

            if (orderable[mask] && _eligibility.GoalHolds(goal, learner, asOf, members.Select(j => _ids[j])))
            {
                var credentials = members.Select(j => _catalog[_ids[j]]).ToList();
                plans.Add((members.Select(j => _ids[j]).ToList(), credentials.Sum(c => Math.Max(0m, c.Hours)), credentials.Sum(c => Math.Max(0m, c.Cost))));
            }
        }

        return plans;
    }

    /// <summary>The least objective value of any plan, or null when there is none.</summary>
    public decimal? Optimum(Requirement goal, LearnerRecord learner, DateOnly asOf, PlanObjective objective)
    {
        var plans = AllPlans(goal, learner, asOf);
        return plans.Count == 0 ? null : plans.Min(p => objective.ValueOf(p.Hours, p.Cost));
    }

    /// <summary>The non-dominated (hours, cost) pairs of all plans.</summary>
    public List<(decimal Hours, decimal Cost)> ParetoFront(Requirement goal, LearnerRecord learner, DateOnly asOf)
    {
        var points = AllPlans(goal, learner, asOf).Select(p => (p.Hours, p.Cost)).Distinct().ToList();
        return [.. points
            .Where(p => !points.Any(q => q.Hours <= p.Hours && q.Cost <= p.Cost && (q.Hours < p.Hours || q.Cost < p.Cost)))
            .OrderBy(p => p.Cost)];
    }

    /// <summary>Replays steps in order: each step eligible on the learner plus the steps before it, and the goal at the end.</summary>
    public bool Replays(Requirement goal, LearnerRecord learner, DateOnly asOf, IReadOnlyList<CredentialId> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (!_eligibility.IsEligible(steps[i], learner, asOf, steps.Take(i)))
            {
                return false;
            }
        }

        return steps.Distinct().Count() == steps.Count && _eligibility.GoalHolds(goal, learner, asOf, steps);
    }
}
