using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Validation;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

/// <summary>Spec §9 findings checked clause by clause by the conformance audit.</summary>
public sealed class ValidationCodeEdgeTests
{
    [Fact]
    public void AnAtLeastWithAnEmptyOfIsBothAnEmptyListAndABadNumber()
    {
        // Spec §9: "STK004 bad number: atLeast N < 1 or N > children" and "STK005 empty allOf, anyOf or of" are listed
        // independently; with no children, atLeast 1 is N > children. Only STK005 used to be reported.
        var catalog = new CatalogBuilder()
            .Credential("a")
            .Credential("q", c => c with { Requires = Rule.AllOf(Rule.Credential("a"), Rule.AtLeast(1)) })
            .Build();

        var report = Validate.WithReference(catalog);

        Assert.True(report.Has("STK005", "q", "requires.allOf[1]"));
        Assert.True(report.Has("STK004", "q", "requires.allOf[1]"));
        Assert.Equal<Finding>(report.Findings, CatalogValidator.Validate(catalog).Findings);
    }

    [Fact]
    public void TheNeverEarnableMessageOfACountCountsEquivalentCredentialsAsOneItem()
    {
        // Spec §5: "An item is one unit: it is allocated once, counted once"; STK008's message said "needs 2 distinct
        // credentials ... and only 2 that match can be earned" for two equivalent credentials, which contradicts itself.
        var catalog = new CatalogBuilder()
            .Credential("a", c => c with { EquivalentTo = [new CredentialId("a2")] })
            .Credential("a2")
            .Credential("q", c => c with { Requires = Rule.Count(2, Select.Ids("a")) })
            .Build();

        var finding = Assert.Single(Validate.WithReference(catalog).Findings);

        Assert.Equal(("STK008", "q", "requires"), (finding.Code, finding.Credential!.Value.Value, finding.Path));
        Assert.Contains("only 1 that match", finding.Message, StringComparison.Ordinal);
    }
}
