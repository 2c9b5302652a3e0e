using Stacking.Tests.Support;

namespace Stacking.Tests.Validation;

/// <summary>Failing seeds of <see cref="CatalogValidatorLaws"/>, kept as facts.</summary>
public sealed class CatalogValidatorRegressionTests
{
    [Fact]
    public void ACredentialWhoseOnlyMatchingCredentialIsItselfIsSelfDependent()
    {
        var catalog = GeneratedCatalogs.FromSpec([[1, 6]], acyclic: false);

        var report = Validate.WithReference(catalog);

        Assert.True(report.Has("STK006", "c0", "requires.allOf[0]"), report.ToString());
    }

    [Fact]
    public void AnExplicitSelfLoopNextToAnImplicitOneIsNamed()
    {
        var catalog = GeneratedCatalogs.FromSpec([[0, 0, 1], [9, 1, 0]], acyclic: false);

        var report = Validate.WithReference(catalog);

        Assert.True(report.Has("STK006", "c0", "requires.allOf[0]"));
        Assert.True(report.Has("STK006", "c1", "requires.anyOf[0]"));
    }
}
