using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Serialization;

namespace Stacking.Tests.Planning;

/// <summary>
/// Spec §6: below a shared node nothing consumes, not even among its own nodes. The search asks the oracle about a
/// requirement's nodes one at a time to find what a plan must add; a node below a shared ancestor must be asked as
/// shared, or the search takes a node that holds for a failing one and prunes plans that exist.
/// </summary>
public sealed class SharedSubtreeTests
{
    private static readonly DateOnly AsOf = new(2026, 1, 1);

    /// <summary>
    /// Found by an independent brute-force reference (2026-12-05): q's shared subtree holds "p and p" and a skill. The
    /// cheapest plan is z (free, in a's class), p (needs a's class), a (cost 1, the skill; needs p), q: cost 1. The
    /// search asked about "allOf [p, p]" on its own, where the two leaves competed for p's one item and never held,
    /// and answered optimal 6 (b for the skill).
    /// </summary>
    [Fact]
    public void ANestedGroupBelowASharedNodeMayNameTheSameCredentialTwice()
    {
        var catalog = CatalogJson.Read("""
            {"format":"stacking/catalog@1","credentials":[
             {"id":"q","requires":{"allOf":[{"allOf":[{"credential":"p"},{"credential":"p"}]},{"skill":"s1"}],"shared":true}},
             {"id":"p","requires":{"credential":"a"}},
             {"id":"a","cost":1,"skills":{"s1":1},"equivalentTo":["z"],"requires":{"credential":"p"}},
             {"id":"z"},
             {"id":"b","cost":6,"skills":{"s1":2}}]}
            """);
        var planner = new Planner(new EligibilityEvaluator(catalog));

        var result = planner.Plan(new CredentialId("q"), LearnerRecord.Empty, AsOf, new PlanRequestOptions { Objective = PlanObjective.Cost });

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(1m, result.ObjectiveValue);
        Assert.Equal(["z", "p", "a", "q"], result.Steps.Select(s => s.Credential.Value));
    }

    /// <summary>The same trigger in the Pareto front (found by the same reference): "c and c" below a shared node; the
    /// front missed (0 h, cost 1) through a, which the hours-optimal plan takes.</summary>
    [Fact]
    public void TheParetoFrontKeepsThePlanThatANestedSharedGroupAllows()
    {
        var catalog = CatalogJson.Read("""
            {"format":"stacking/catalog@1","credentials":[{"id":"a","cost":1,"credits":3},{"id":"b","hours":1,"credits":2},{"id":"c"},
             {"id":"q","requires":{"allOf":[{"allOf":[{"credential":"c"},{"credential":"c"}]},{"credits":1.5,"from":{"any":true}}],"shared":true}}]}
            """);
        var planner = new Planner(new EligibilityEvaluator(catalog));

        var front = planner.ParetoFront(new CredentialId("q"), LearnerRecord.Empty, AsOf);

        Assert.Equal([(0m, 1m), (1m, 0m)], front.Select(p => (p.Hours, p.Cost)).OrderBy(p => p.Item1));
    }
}
