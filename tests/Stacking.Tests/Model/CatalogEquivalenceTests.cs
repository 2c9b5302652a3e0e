using Stacking.Model;

namespace Stacking.Tests.Model;

public sealed class CatalogEquivalenceTests
{
    private static Catalog Chain() => new CatalogBuilder()
        .Credential("a", c => c with { EquivalentTo = ["b"] })
        .Credential("b")
        .Credential("c", c => c with { EquivalentTo = ["b", "not-in-catalog"] })
        .Credential("d")
        .Build();

    [Fact]
    public void EquivalenceLinksAreSymmetricAndTransitive()
    {
        var catalog = Chain();
        Assert.Equal(["a", "b", "c"], catalog.EquivalenceClassOf("c").Select(id => id.Value));
        Assert.True(catalog.AreEquivalent("a", "c"));
        Assert.True(catalog.AreEquivalent("c", "a"));
        Assert.False(catalog.AreEquivalent("a", "d"));
    }

    [Fact]
    public void EveryCatalogCredentialIsInExactlyOneClass()
    {
        var catalog = Chain();
        var classes = catalog.EquivalenceClasses();
        Assert.Equal(["a", "b", "c", "d"], classes.SelectMany(c => c).Select(id => id.Value).Order(StringComparer.Ordinal));
        Assert.Equal(2, classes.Length);
    }

    [Fact]
    public void AnIdTheCatalogLacksHasNoClassAndIsEquivalentToNothing()
    {
        var catalog = Chain();
        Assert.Empty(catalog.EquivalenceClassOf("not-in-catalog"));
        Assert.False(catalog.AreEquivalent("not-in-catalog", "not-in-catalog"));
        Assert.False(catalog.AreEquivalent("a", "not-in-catalog"));
    }

    [Fact]
    public void LookupsFindTheFirstCredentialWhenIdsRepeat()
    {
        var catalog = new Catalog([new Credential("x") { Title = "first" }, new Credential("x") { Title = "second" }]);
        Assert.Equal("first", catalog["x"].Title);
        Assert.Throws<KeyNotFoundException>(() => catalog["y"]);
        Assert.Null(catalog.Find("y"));
    }

    [Fact]
    public void CatalogsWithTheSameContentAreEqual()
    {
        Assert.Equal(Chain(), Chain());
        Assert.NotEqual(Chain(), new CatalogBuilder().Credential("a").Build());
    }
}
