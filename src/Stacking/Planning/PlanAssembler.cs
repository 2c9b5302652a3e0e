using System.Collections.Immutable;

namespace Stacking.Planning;

/// <summary>Turns a plan set into ordered, annotated steps.</summary>
/// <remarks>Stages are the layered greedy closure: stage 0 is every step eligible on the learner's items, stage k every
/// remaining step eligible once stages before k are earned. By monotonicity each step gets its earliest possible round,
/// so the number of stages is the shortest critical path any valid order of the set has. Steps are ordered by stage,
/// then by ordinal id.</remarks>
internal static class PlanAssembler
{
    public static ImmutableArray<PlanStep> Assemble(PlanningProblem p, BitSet plan)
    {
        var stageOf = new Dictionary<int, int>();
        var earned = p.NewSet();
        var remaining = plan.ToList();
        var stage = 0;
        while (remaining.Count > 0)
        {
            var layer = remaining.Where(s => p.Check(s, earned) == OracleAnswer.Yes).ToList();
            if (layer.Count == 0)
            {
                throw new InvalidOperationException("Internal error: a plan set has no valid order.");
            }

            foreach (var s in layer)
            {
                stageOf[s] = stage;
                earned.Add(s);
                remaining.Remove(s);
            }

            stage++;
        }

        var ordered = stageOf.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();
        var steps = ImmutableArray.CreateBuilder<PlanStep>(ordered.Count);
        foreach (var s in ordered)
        {
            var serves = new List<RequirementRef>();
            Collect(p.Goal, s, null, serves);
            foreach (var t in ordered)
            {
                if (stageOf[t] > stageOf[s] && p.Catalog.Requirements[t] is { } requirement && requirement.Support.Contains(s))
                {
                    Collect(requirement, s, p.Catalog.Credentials[t].Id, serves);
                }
            }

            steps.Add(new PlanStep(p.Catalog.Credentials[s], stageOf[s], p.IsRetake[s], [.. serves]));
        }

        return steps.MoveToImmutable();
    }

    private static void Collect(CompiledNode node, int s, Stacking.Model.CredentialId? owner, List<RequirementRef> into)
    {
        if (!node.Support.Contains(s))
        {
            return;
        }

        if (Array.BinarySearch(node.Matches, s) >= 0)
        {
            into.Add(new RequirementRef(owner, node.Path));
        }

        foreach (var child in node.Children)
        {
            Collect(child, s, owner, into);
        }
    }
}
