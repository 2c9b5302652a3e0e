using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Validation;

namespace Stacking.Tests.Planning;

/// <summary>The planner and the validator answer "can this ever be earned?" the same way.</summary>
public sealed class PlannerValidationAgreementLaws
{
    [Property(MaxTest = 150)]
    public Property FromAnEmptyRecordAPlanIsInfeasibleExactlyWhereValidationReportsTheCredentialUnearnable() =>
        Prop.ForAll(PlanningGenerators.Scenarios(), s =>
        {
            var report = CatalogValidator.Validate(s.Catalog);

            // Earnability is analysed only for catalogs without structural errors (docs/validation.md).
            if (report.Findings.Any(f => f.Severity == Severity.Error && f.Code is not ("STK006" or "STK008")))
            {
                return true;
            }

            var unearnable = report.Findings
                .Where(f => f.Code is "STK006" or "STK008")
                .Select(f => f.Credential!.Value)
                .ToHashSet();
            // Spec §8: the goal {credential: Q} is met by any member of Q's equivalence class, while STK006/STK008
            // speak of one credential; so a target is infeasible exactly when its whole class is unearnable.
            var planner = new Planner(s.Catalog);
            return s.Catalog.Credentials.All(c =>
                (planner.Plan(c.Id, LearnerRecord.Empty, PlanningScenario.AsOf).Status == PlanStatus.Infeasible)
                == s.Catalog.EquivalenceClassOf(c.Id).All(unearnable.Contains));
        });

    [Fact]
    public void AnEquivalentThatCanBeEarnedMakesThePlanFeasibleThoughTheNamedCredentialIsUnearnable()
    {
        // The shrunk counterexample of the first version of the law above: c2 needs two items of its own class.
        var catalog = new CatalogBuilder()
            .Credential("c0", c => c with { Credits = 3 })
            .Credential("c1", c => c with { Credits = 3 })
            .Credential("c2", c => c with
            {
                EquivalentTo = ["c1"],
                Requires = Stacking.Rules.Rule.AllOf(Stacking.Rules.Rule.Credential("c2"), Stacking.Rules.Rule.Credential("c2"), Stacking.Rules.Rule.Credential("c0")),
            })
            .Build();
        var report = CatalogValidator.Validate(catalog);
        Assert.Contains(report.Findings, f => f.Code is "STK006" or "STK008" && f.Credential == "c2");
        var plan = new Planner(catalog).Plan("c2", LearnerRecord.Empty, PlanningScenario.AsOf);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(["c1"], plan.Steps.Select(step => step.Credential.Value));
    }

    [Fact]
    public void MostGeneratedCatalogsAreStructurallyValidSoTheLawAboveIsExercised()
    {
        var gen = PlanningGenerators.ScenarioGen(7, randomGoal: false);
        var samples = gen.Sample(200, new Rnd(20261207UL), 50);
        var analysed = samples.Count(s => !CatalogValidator.Validate(s.Catalog).Findings
            .Any(f => f.Severity == Severity.Error && f.Code is not ("STK006" or "STK008")));
        Assert.True(analysed >= 100, $"only {analysed} of 200 generated catalogs reach the earnability analysis");
        var withUnearnable = samples.Count(s => CatalogValidator.Validate(s.Catalog).Findings.Any(f => f.Code is "STK006" or "STK008"));
        Assert.True(withUnearnable >= 5, $"only {withUnearnable} of 200 generated catalogs have an unearnable credential");
    }
}
