using Stacking.Model;
using Stacking.Rules;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

public sealed class LearnerValidatorTests
{
    private static readonly DateOnly Day = new(2025, 3, 1);

    private static readonly Catalog Catalog = new CatalogBuilder()
        .Credential("sql")
        .Credential("cert", c => c with { Requires = Rule.AllOf(Rule.Credential("sql") with { Id = "core" }) })
        .Build();

    private static Finding Single(LearnerRecord bad, LearnerRecord mended)
    {
        var finding = Assert.Single(LearnerValidator.Validate(bad, Catalog).Findings);
        Assert.Empty(LearnerValidator.Validate(mended, Catalog).Findings);
        return finding;
    }

    [Fact]
    public void STK013AHoldingOfAnUnknownCredentialIsAWarning()
    {
        var finding = Single(new LearnerRecord("l", [new Holding("sql", Day), new Holding("ext-101", Day)]), new LearnerRecord("l", [new Holding("sql", Day)]));

        Assert.Equal(("STK013", Severity.Warning, "ext-101", "holdings[1].credential"), (finding.Code, finding.Severity, finding.Credential!.Value.Value, finding.Path));
    }

    [Fact]
    public void STK014AHoldingThatExpiresBeforeItWasEarnedIsAnError()
    {
        var finding = Single(new LearnerRecord("l", [new Holding("sql", Day, expires: Day.AddDays(-1))]), new LearnerRecord("l", [new Holding("sql", Day, expires: Day)]));

        Assert.Equal(("STK014", Severity.Error, "holdings[0].expires"), (finding.Code, finding.Severity, finding.Path));
    }

    [Fact]
    public void STK004AScoreOutsideZeroToHundredIsAnError()
    {
        var finding = Single(new LearnerRecord("l", [new Holding("sql", Day, score: 100.5m)]), new LearnerRecord("l", [new Holding("sql", Day, score: 100)]));

        Assert.Equal(("STK004", "holdings[0].score"), (finding.Code, finding.Path));
    }

    [Fact]
    public void STK015AnExceptionNamingAnUnknownCredentialIsAnError()
    {
        var substitution = Single(new LearnerRecord("l", exceptions: [new Substitution("ghost", "ext-101")]), new LearnerRecord("l", exceptions: [new Substitution("sql", "ext-101")]));
        var waiver = Single(new LearnerRecord("l", exceptions: [new Waiver("ghost")]), new LearnerRecord("l", exceptions: [new Waiver("cert")]));

        Assert.Equal(("STK015", "ghost", "exceptions[0].substitute"), (substitution.Code, substitution.Credential!.Value.Value, substitution.Path));
        Assert.Equal(("STK015", "exceptions[0].waive.credential"), (waiver.Code, waiver.Path));
    }

    [Fact]
    public void STK016AWaiverOfAnUnknownNodeIsAnError()
    {
        var finding = Single(new LearnerRecord("l", exceptions: [new Waiver("cert", "capstone")]), new LearnerRecord("l", exceptions: [new Waiver("cert", "core")]));
        var onNoRequirement = Assert.Single(LearnerValidator.Validate(new LearnerRecord("l", exceptions: [new Waiver("sql", "core")]), Catalog).Findings);

        Assert.Equal(("STK016", "cert", "exceptions[0].waive.node"), (finding.Code, finding.Credential!.Value.Value, finding.Path));
        Assert.Equal("STK016", onNoRequirement.Code);
    }

    [Fact]
    public void ReaderFindingsOfALearnerAreMerged()
    {
        var reader = new Finding("STK010", Severity.Error, "\"2025-13-01\" is not a date.", null, "holdings[0].earned");

        var report = LearnerValidator.Validate(LearnerRecord.Empty, Catalog, [reader, reader]);

        Assert.Equal<Finding>([reader], report.Findings);
        Assert.False(report.IsValid);
    }
}
