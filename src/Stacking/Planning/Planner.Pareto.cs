using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

public sealed partial class Planner
{
    /// <summary>Computes the Pareto front of (hours, cost) plans for a target: every plan that no other plan beats on both.</summary>
    /// <param name="target">The target credential.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="options">Budgets per solve and the most points; the objective is ignored.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The points by increasing cost (and decreasing hours); empty when no plan exists.</returns>
    /// <remarks>See <see cref="ParetoFrontGoal"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog.</exception>
    public IReadOnlyList<PlanResult> ParetoFront(CredentialId target, LearnerRecord learner, DateOnly asOf, PlanRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        RequireKnown(target, nameof(target));
        return ParetoFrontGoal(Rule.Credential(target), learner, asOf, options, cancellationToken);
    }

    /// <summary>Computes the Pareto front of (hours, cost) plans for a goal.</summary>
    /// <param name="goal">The goal.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="options">Budgets per solve and the most points; the objective is ignored.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The points by increasing cost (and decreasing hours); empty when no plan exists.</returns>
    /// <remarks>The epsilon-constraint method: the cheapest plan (fewest hours among the cheapest), then repeatedly the
    /// cheapest plan with fewer hours than the last point, again with fewest hours among those. Each point's status is
    /// <see cref="PlanStatus.Optimal"/> when both of its solves were proven (then it is a true Pareto point and none lies
    /// between it and the previous one; a solve that the time budget or the cancellation stopped is never proven, spec
    /// §8), otherwise <see cref="PlanStatus.Feasible"/>. Each point reports its objective as
    /// <see cref="PlanObjective.Cost"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="goal"/> or <paramref name="learner"/> is null.</exception>
    public IReadOnlyList<PlanResult> ParetoFrontGoal(Requirement goal, LearnerRecord learner, DateOnly asOf, PlanRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(learner);
        options ??= new PlanRequestOptions();
        var maxPoints = options.MaxParetoPoints ?? _options.DefaultMaxParetoPoints;
        var nodeLimit = NodeLimit(options);
        var timeLimit = options.TimeLimit ?? _options.DefaultTimeLimit;
        var byCost = new PlanningProblem(_compiled, _oracle, goal, learner, asOf, PlanObjective.Cost);
        var byHours = new PlanningProblem(_compiled, _oracle, goal, learner, asOf, PlanObjective.Hours);
        var points = new List<PlanResult>();
        decimal? hoursBelow = null;
        while (points.Count < maxPoints && !cancellationToken.IsCancellationRequested)
        {
            var first = new PlanSearch(
                byCost,
                nodeLimit,
                timeLimit,
                cancellationToken,
                hoursBelow is { } h ? [new SearchConstraint(byCost.HoursOf, h, strict: true)] : null)
            {
                GreedyIncumbent = GreedyIncumbent,
            };
            var cheapest = first.Run();
            if (cheapest.Plan is null)
            {
                break;
            }

            var cost = cheapest.Plan.Members().Sum(m => byCost.CostOf[m]);
            var constraints = new List<SearchConstraint> { new(byHours.CostOf, cost, strict: false) };
            if (hoursBelow is { } below)
            {
                constraints.Add(new SearchConstraint(byHours.HoursOf, below, strict: true));
            }

            var second = new PlanSearch(byHours, nodeLimit, timeLimit, cancellationToken, constraints) { GreedyIncumbent = GreedyIncumbent };
            var fastest = second.Run(warmStart: cheapest.Plan);
            var plan = fastest.Plan ?? cheapest.Plan;
            var proven = cheapest.Status == PlanStatus.Optimal && fastest.Status == PlanStatus.Optimal;
            var status = proven ? PlanStatus.Optimal : PlanStatus.Feasible;
            var steps = PlanAssembler.Assemble(byCost, plan);
            var lowerBound = proven ? cost : Math.Min(cost, cheapest.LowerBound);
            points.Add(new PlanResult(status, PlanObjective.Cost, steps, lowerBound, null, null, first.Nodes + second.Nodes));
            var hours = plan.Members().Sum(m => byCost.HoursOf[m]);
            if (hours == 0m)
            {
                break;
            }

            hoursBelow = hours;
        }

        return points;
    }
}
