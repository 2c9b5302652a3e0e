using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Planning;

/// <summary>Hand-built planning problems that several tests pin exact values on.</summary>
internal static class PlanningFixtures
{
    /// <summary>The objectives the search laws run each case under: both built-in ones and a weighting whose values
    /// have no common granule (1/3 of the cost).</summary>
    public static readonly PlanObjective[] SearchObjectives =
    [
        PlanObjective.Hours,
        PlanObjective.Cost,
        PlanObjective.Weighted(0.37m, 1m / 3m),
    ];

    /// <summary>The set of a plan's steps, given by id.</summary>
    public static BitSet PlanSet(PlanningProblem problem, IReadOnlyList<CredentialId> steps)
    {
        var set = problem.NewSet();
        foreach (var id in steps)
        {
            set.Add(problem.Catalog.Index[id]);
        }

        return set;
    }

    /// <summary>A random search node inside the plan <paramref name="around"/>: each of its cone members chosen with
    /// probability 1/2, each other cone credential excluded with probability 1/3 (none when <paramref name="exclude"/> is
    /// false), so that the plan completes the node.</summary>
    public static (BitSet Chosen, BitSet Excluded) RandomNode(PlanningProblem problem, BitSet around, Random random, bool exclude = true)
    {
        var chosen = problem.NewSet();
        var excluded = problem.NewSet();
        foreach (var m in problem.ConeList)
        {
            if (around.Contains(m) && random.Next(2) == 0)
            {
                chosen.Add(m);
            }
            else if (!around.Contains(m) && exclude && random.Next(3) == 0)
            {
                excluded.Add(m);
            }
        }

        return (chosen, excluded);
    }

    /// <summary>A plan's value as the reference computes it, the objective of its summed hours and cost: with weights such
    /// as 1/3, a sum of per-credential values can differ from it in the 28th digit.</summary>
    public static decimal Value(PlanningProblem problem, BitSet plan, PlanObjective objective) =>
        objective.ValueOf(plan.Members().Sum(m => problem.Catalog.Credentials[m].Hours), plan.Members().Sum(m => problem.Catalog.Credentials[m].Cost));

    /// <summary>The kept cuts of a random ancestor of the node (<paramref name="chosen"/>, <paramref name="excluded"/>):
    /// a random subset of its chosen and of its excluded credentials, the goal met or not at random; the laws compare a
    /// node's cuts computed from them with the plain ones.</summary>
    public static CutState AncestorCuts(PlanningProblem problem, LandmarkCut cut, BitSet chosen, BitSet excluded, Random random)
    {
        var ancestorChosen = problem.NewSet();
        var ancestorExcluded = problem.NewSet();
        foreach (var m in chosen.Members().Where(_ => random.Next(2) == 0))
        {
            ancestorChosen.Add(m);
        }

        foreach (var m in excluded.Members().Where(_ => random.Next(2) == 0))
        {
            ancestorExcluded.Add(m);
        }

        cut.Bound(ancestorChosen, ancestorExcluded, ancestorChosen, goalMet: random.Next(2) == 0);
        return cut.State();
    }

    /// <summary>
    /// A goal that needs three of four tops t1..t4 (1 hour each), each requiring its own base b1..b4 (10, 20, 30, 40
    /// hours): the optimum is 63, the three cheapest cones; a cut that every plan crosses once pays for one cone.
    /// </summary>
    public static (Catalog Catalog, Requirement Goal, PlanningProblem Problem) ThreeOfFourTops()
    {
        var catalog = new Catalog(
        [
            new Credential(new CredentialId("b1")) { Hours = 10 },
            new Credential(new CredentialId("b2")) { Hours = 20 },
            new Credential(new CredentialId("b3")) { Hours = 30 },
            new Credential(new CredentialId("b4")) { Hours = 40 },
            new Credential(new CredentialId("t1")) { Hours = 1, Requires = Rule.Credential(new CredentialId("b1")) },
            new Credential(new CredentialId("t2")) { Hours = 1, Requires = Rule.Credential(new CredentialId("b2")) },
            new Credential(new CredentialId("t3")) { Hours = 1, Requires = Rule.Credential(new CredentialId("b3")) },
            new Credential(new CredentialId("t4")) { Hours = 1, Requires = Rule.Credential(new CredentialId("b4")) },
        ]);
        var goal = Rule.Count(3, Select.Ids(new CredentialId("t1"), new CredentialId("t2"), new CredentialId("t3"), new CredentialId("t4")));
        return (catalog, goal, new PlanningProblem(new CompiledCatalog(catalog), new ReferenceOracle(catalog), goal, LearnerRecord.Empty, PlanningScenario.AsOf, PlanObjective.Hours));
    }
}
