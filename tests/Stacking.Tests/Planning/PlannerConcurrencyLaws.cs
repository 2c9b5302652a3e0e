using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Planning;
using Stacking.Tests.Support;

namespace Stacking.Tests.Planning;

/// <summary>
/// A planner is documented as immutable and thread-safe: what depends on the catalog alone is built on first use
/// and shared (a race builds equal arrays twice and keeps one), everything else lives in one request. These laws
/// release several threads at once on a fresh planner and require every thread's results, steps, bounds and node
/// counts included, to be those of a planner used alone (spec §8: the plan must not depend on timing).
/// </summary>
public sealed class PlannerConcurrencyLaws
{
    private const int Threads = 4;
    private const int Rounds = 3;

    private static readonly PlanObjective[] Objectives = [PlanObjective.Hours, PlanObjective.Cost, PlanObjective.Weighted(1m, 2m)];

    [Property(MaxTest = 100)]
    public Property ConcurrentRequestsOnOneFreshPlannerAnswerAsAPlannerUsedAlone() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s =>
        {
            var alone = Answers(new Planner(s.Catalog), s, 0);
            var shared = new Planner(s.Catalog);

            // Each thread starts with another objective, so the first uses (and the cached weights) race, and keeps
            // asking while the others are at work, each round starting elsewhere.
            var together = Together.Run(Threads, i => Enumerable.Range(i, Rounds).Select(round => Answers(shared, s, round)).ToArray());
            return together.All(rounds => rounds.All(answers => answers.SequenceEqual(alone)));
        });

    private static string[] Answers(Planner planner, PlanningScenario s, int first)
    {
        var answers = new string[Objectives.Length + 1];
        for (var k = 0; k < Objectives.Length; k++)
        {
            var o = (first + k) % Objectives.Length;
            var r = planner.PlanGoal(s.Goal, s.Learner, PlanningScenario.AsOf, new PlanRequestOptions { Objective = Objectives[o] });
            answers[o] = Describe(r);
        }

        answers[^1] = string.Join(" | ", planner.ParetoFrontGoal(s.Goal, s.Learner, PlanningScenario.AsOf).Select(Describe));
        return answers;
    }

    private static string Describe(PlanResult r) =>
        $"{r.Status} {r.ObjectiveValue} >= {r.LowerBound} nodes {r.NodesExplored}: {string.Join(", ", r.Steps.Select(x => $"{x.Credential}@{x.Stage}"))} {r.InfeasibleReason}";
}
