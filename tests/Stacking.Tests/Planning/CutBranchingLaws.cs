using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Planning;

/// <summary>The search branches on a node's plain landmark cuts too (docs/planning.md, branch and bound): a cut is a set of
/// credentials of which every completion of the node takes one, so its members partition the completions like a failing
/// requirement's disjunction does. These laws check that property of every plain cut against the brute-force plans, and
/// the search's optimum with and without the cuts as candidates against the brute-force optimum.</summary>
public sealed class CutBranchingLaws
{
    private static readonly DateOnly AsOf = PlanningScenario.AsOf;

    private static readonly PlanObjective[] Objectives = PlanningFixtures.SearchObjectives;

    /// <summary>For a node (chosen S, excluded E), every plain cut of its landmark cuts (found from scratch, from an
    /// ancestor node's kept cuts, or stopped early by a limit) has no chosen member and is hit by every plan P with S ⊆ P
    /// and P ∩ E = ∅.</summary>
    [Property(MaxTest = 200)]
    public Property EveryPlainCutIsHitByEveryPlanThatCompletesTheNode() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), ArbMap.Default.ArbFor<int>(), (s, seed) => CutsAreLandmarks(s, seed));

    /// <summary>The same law on goals made of pools that need several members (threshold cuts beside the plain ones).</summary>
    [Property(MaxTest = 200)]
    public Property EveryPlainCutIsHitByEveryPlanThatCompletesTheNodeOnPoolGoals() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(), ArbMap.Default.ArbFor<int>(), (s, seed) => CutsAreLandmarks(s, seed));

    /// <summary>The same law on goals made of choices (the necessary choices charged first are plain cuts too).</summary>
    [Property(MaxTest = 200)]
    public Property EveryPlainCutIsHitByEveryPlanThatCompletesTheNodeOnAlternativeGoals() =>
        Prop.ForAll(PlanningGenerators.AlternativeScenarios(), ArbMap.Default.ArbFor<int>(), (s, seed) => CutsAreLandmarks(s, seed));

    /// <summary>The same law on goals and requirements whose single-item children overlap (the graph's implied "distinct
    /// items" nodes, <see cref="ImpliedNodeLaws"/>: their cuts are landmarks too), and the search's optimum there.</summary>
    [Property(MaxTest = 200)]
    public Property EveryPlainCutIsHitByEveryPlanThatCompletesTheNodeOnAllocationGoals() =>
        Prop.ForAll(PlanningGenerators.AllocationScenarios(), ArbMap.Default.ArbFor<int>(), (s, seed) =>
            CutsAreLandmarks(s, seed) && Objectives.All(o => SearchAgrees(s, o, greedy: true, cutBranching: true).Agrees && SearchAgrees(s, o, greedy: false, cutBranching: true).Agrees));

    /// <summary>The search with and without the cuts as branching candidates finds the brute-force optimum, with and
    /// without the greedy incumbent, on random, pool and alternative goals.</summary>
    [Property(MaxTest = 200)]
    public Property TheSearchBranchingOnCutsFindsTheBruteForceOptimum() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), PlanningGenerators.PoolScenarios(), PlanningGenerators.AlternativeScenarios(), (s, pool, alternative) =>
            Objectives.All(o => new[] { s, pool, alternative }.All(x => new[] { true, false }.All(greedy =>
                SearchAgrees(x, o, greedy, cutBranching: true).Agrees && SearchAgrees(x, o, greedy, cutBranching: false).Agrees))));

    /// <summary>The generated cases exercise the rule: over a fixed sample (40 random, 40 pool and 40 alternative goals of
    /// size 7) a cut wins the branching in some of the searches, and every one agrees with brute force.</summary>
    [Fact]
    public void TheGeneratedCasesExerciseCutBranching()
    {
        var samples = PlanningGenerators.ScenarioGen(7, randomGoal: true).Sample(200, new Rnd(20261208UL), 40)
            .Concat(PlanningGenerators.ScenarioGen(7, randomGoal: false, poolGoal: true).Sample(200, new Rnd(20261209UL), 40))
            .Concat(PlanningGenerators.ScenarioGen(7, randomGoal: false, alternativeGoal: true).Sample(200, new Rnd(20261210UL), 40))
            .ToList();
        var branching = 0;
        foreach (var s in samples)
        {
            var here = 0L;
            foreach (var greedy in new[] { true, false })
            {
                var (agrees, cutBranches) = SearchAgrees(s, PlanObjective.Hours, greedy, cutBranching: true);
                Assert.True(agrees, s.ToString());
                here += cutBranches;
            }

            branching += here > 0 ? 1 : 0;
        }

        Assert.True(branching >= samples.Count / 20, $"a cut was branched on in only {branching} of {samples.Count} generated cases");
    }

    private static (bool Agrees, long CutBranches) SearchAgrees(PlanningScenario s, PlanObjective objective, bool greedy, bool cutBranching)
    {
        var optimum = new ReferencePlanner(s.Catalog).Optimum(s.Goal, s.Learner, AsOf, objective);
        var problem = new PlanningProblem(new CompiledCatalog(s.Catalog), new ReferenceOracle(s.Catalog), s.Goal, s.Learner, AsOf, objective);
        var search = new PlanSearch(problem, long.MaxValue, null, CancellationToken.None) { GreedyIncumbent = greedy, CutBranching = cutBranching };
        var outcome = search.Run();
        var agrees = optimum is null
            ? outcome.Status == PlanStatus.Infeasible
            : outcome.Status == PlanStatus.Optimal && outcome.Plan is { } plan && PlanningFixtures.Value(problem, plan, objective) == optimum;
        return (agrees, search.CutBranches);
    }

    private static bool CutsAreLandmarks(PlanningScenario s, int seed)
    {
        var random = new Random(seed);
        var plans = new ReferencePlanner(s.Catalog).AllPlans(s.Goal, s.Learner, AsOf);
        foreach (var objective in Objectives)
        {
            var problem = new PlanningProblem(new CompiledCatalog(s.Catalog), new ReferenceOracle(s.Catalog), s.Goal, s.Learner, AsOf, objective);
            var cut = new LandmarkCut(problem, problem.Weight);
            var sets = plans.Select(p => PlanningFixtures.PlanSet(problem, p.Steps)).ToList();
            var none = problem.NewSet();
            cut.Bound(none, none, none, goalMet: false);
            if (!Hit(sets, none, none, cut.State()))
            {
                return false;
            }

            foreach (var around in sets.Take(6))
            {
                // A random node inside a plan: part of it chosen, part of the rest excluded.
                var (chosen, excluded) = PlanningFixtures.RandomNode(problem, around, random);

                var goalMet = random.Next(4) == 0;
                var fromScratch = cut.Bound(chosen, excluded, chosen, goalMet);
                if (!Hit(sets, chosen, excluded, cut.State()))
                {
                    return false;
                }

                // Stopped early by a limit below the bound (the search's pruning): the cuts found so far.
                if (fromScratch > 0m && fromScratch != LowerBounds.Infinity)
                {
                    cut.Bound(chosen, excluded, chosen, goalMet, limit: fromScratch * (decimal)random.NextDouble());
                    if (!Hit(sets, chosen, excluded, cut.State()))
                    {
                        return false;
                    }
                }

                // From the cuts of an ancestor node (a subset of the chosen and of the excluded credentials).
                var kept = PlanningFixtures.AncestorCuts(problem, cut, chosen, excluded, random);
                cut.Bound(chosen, excluded, chosen, goalMet, parent: kept);
                if (!Hit(sets, chosen, excluded, cut.State()))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether every plain cut of the state has no chosen member and is hit by every plan completing the node.</summary>
    private static bool Hit(List<BitSet> plans, BitSet chosen, BitSet excluded, CutState state)
    {
        foreach (var c in state.Cuts.Where(c => c.Sets.Length == 1 && c.Need == 1L))
        {
            if (c.Sets[0].Any(chosen.Contains))
            {
                return false;
            }

            foreach (var plan in plans)
            {
                if (chosen.Members().All(plan.Contains) && !excluded.Members().Any(plan.Contains) && !c.Sets[0].Any(plan.Contains))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
