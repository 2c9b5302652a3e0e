using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

/// <summary>
/// Spec §2: "hours, credits, cost: number ≥ 0 ... Numbers are exact decimals (read them as decimal)"; spec §9: "STK004 bad
/// number"; spec §10: "no stack trace". Values near <see cref="decimal.MaxValue"/> used to overflow inside the engines.
/// </summary>
public sealed class HugeNumberTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 1);

    [Theory]
    [InlineData("hours")]
    [InlineData("credits")]
    [InlineData("cost")]
    public void AnAmountAbove10To15IsABadNumberAndValidationDoesNotOverflow(string member)
    {
        Credential Make(decimal value) => member switch
        {
            "hours" => new Credential("a") { Hours = value },
            "credits" => new Credential("a") { Credits = value },
            _ => new Credential("a") { Cost = value },
        };
        Catalog Two(decimal value) => new([Make(value), new Credential("q") { Requires = Rule.Credential("a") }]);

        var bad = CatalogValidator.Validate(Two(decimal.MaxValue));
        var finding = Assert.Single(bad.Findings);
        Assert.Equal(("STK004", "a", member), (finding.Code, finding.Credential!.Value.Value, finding.Path));
        Assert.Empty(Validate.WithReference(Two(1_000_000_000_000_000m)).Findings);
    }

    [Fact]
    public void TheEvaluatorCompilesACatalogWhoseCreditsAreNearDecimalMaxValue()
    {
        // Was an OverflowException from the constructor: the weight scaling multiplied 7.9e28 by 10.
        var catalog = new Catalog([new Credential("a") { Credits = decimal.MaxValue }, new Credential("q") { Requires = Rule.Credential("a") }]);
        var learner = new LearnerRecord(holdings: [new Holding("a", new DateOnly(2024, 1, 1))]);

        Assert.Equal(EligibilityStatus.Eligible, new EligibilityEvaluator(catalog).Evaluate("q", learner, AsOf).Status);
    }

    [Fact]
    public void APoolAmountNearDecimalMaxValueIsSimplyNotMetInsteadOfOverflowing()
    {
        // Was an OverflowException: the fast path scaled the amount (by 10, for the 0.5 credits) before testing its range.
        var catalog = new Catalog([
            new Credential("a") { Credits = 0.5m },
            new Credential("q") { Requires = Rule.AnyOf(Rule.Credits(decimal.MaxValue, Select.Any), Rule.Credential("b")) },
            new Credential("b"),
        ]);
        var learner = new LearnerRecord(holdings: [new Holding("a", new DateOnly(2024, 1, 1))]);

        var evaluator = new EligibilityEvaluator(catalog);
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Evaluate("q", learner, AsOf).Status);
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Check("q", evaluator.Prepare(learner, AsOf)));
        Assert.False(Reference.ReferenceEligibility.IsEligible(catalog, "q", learner, AsOf));
    }
}
