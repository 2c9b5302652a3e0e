using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Serialization;

namespace Stacking.Tests.Planning;

/// <summary>
/// Amounts and values at the ends of what validation accepts (up to 10^15, down to 10^-7 and below): the bounds work in
/// integer units, and a unit too fine for them must become coarser, never make a pool look unreachable.
/// </summary>
public sealed class ExtremeAmountLaws
{
    private static readonly decimal[] Extremes = [0m, 0.0000001m, 0.5m, 1m, 3m, 1_000_000_000_000m, 999_000_000_000_000m, 1_000_000_000_000_000m];

    /// <summary>The planner's optimum is the brute-force optimum on hours and credits pools whose amounts and values
    /// are drawn from the extremes.</summary>
    [Property(MaxTest = 300)]
    public Property PoolsOfExtremeAmountsArePlannedOptimally() =>
        Prop.ForAll(Scenarios(), s => PlannerLawTests.Agrees(s, PlanObjective.Hours) && PlannerLawTests.Agrees(s, PlanObjective.Cost, engine: true));

    /// <summary>
    /// Found by an independent brute-force reference (2026-12-05): a pool of 999·10^12 hours, met by a credential of
    /// 10^15 hours beside one of 10^-7. The cuts' unit (millionths, for 10^-7) was too fine for longs, and capping each
    /// value below the amount made the pool unreachable: an infinite root bound, and an OverflowException
    /// ("Value was either too large or too small for a Decimal") where the plan is a, q.
    /// </summary>
    [Fact]
    public void APoolOfNearlyTenToTheFifteenHoursIsPlanned()
    {
        var catalog = CatalogJson.Read("""
            {"format":"stacking/catalog@1","credentials":[{"id":"a","hours":1000000000000000},{"id":"b","hours":0.0000001},
             {"id":"q","requires":{"hours":999000000000000,"from":{"any":true}}}]}
            """);

        var result = new Planner(new EligibilityEvaluator(catalog)).Plan(new CredentialId("q"), LearnerRecord.Empty, new DateOnly(2026, 1, 1));

        Assert.Equal(PlanStatus.Optimal, result.Status);
        Assert.Equal(1_000_000_000_000_000m, result.ObjectiveValue);
        Assert.Equal(["a", "q"], result.Steps.Select(s => s.Credential.Value));
    }

    private static Arbitrary<PlanningScenario> Scenarios()
    {
        var amount = Gen.Elements(Extremes);
        var credential = from hours in amount
                         from credits in amount
                         from cost in Gen.Elements(0m, 1m, 2m)
                         select (hours, credits, cost);
        var gen = from n in Gen.Choose(2, 5)
                  from values in Gen.ListOf(credential, n)
                  from need in Gen.Elements(Extremes.Where(e => e > 0m).ToArray())
                  from hoursPool in Gen.Elements(true, false)
                  from second in Gen.Elements(true, false)
                  let catalog = new Catalog([.. values.Select((v, i) => new Credential(new CredentialId("c" + i)) { Hours = v.hours, Credits = v.credits, Cost = v.cost })])
                  let pool = hoursPool ? (Requirement)Rule.Hours(need, Select.Any) : Rule.Credits(need, Select.Any)
                  let goal = second ? Rule.AllOf(pool, Rule.Credits(Math.Min(need, 3m), Select.Any)) : pool
                  select new PlanningScenario(catalog, LearnerRecord.Empty, goal);
        return Arb.From(gen);
    }
}
