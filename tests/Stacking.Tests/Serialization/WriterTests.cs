using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;

namespace Stacking.Tests.Serialization;

/// <summary>What the writers write, and what they refuse to write.</summary>
public sealed class WriterTests
{
    [Fact]
    public void DefaultsAreLeftOutAndTheRestIsWrittenInTheSpecsOrder()
    {
        var catalog = new Catalog([new Credential("a") { Hours = 0, Cost = 12.50m, Requires = Rule.Skill("sql") with { Shared = false } }]);

        var json = CatalogJson.Write(catalog, new JsonWriteOptions { Indented = false });

        Assert.Equal("""{"format":"stacking/catalog@1","credentials":[{"id":"a","cost":12.50,"requires":{"skill":"sql"}}]}""", json);
    }

    [Fact]
    public void AnEmptySkillRegistryIsWrittenAndAnAbsentOneIsNot()
    {
        var none = CatalogJson.Write(new Catalog([], skills: null));
        var empty = CatalogJson.Write(new Catalog([], skills: []));

        Assert.DoesNotContain("skills", none, StringComparison.Ordinal);
        Assert.Contains("\"skills\": []", empty, StringComparison.Ordinal);
        Assert.Null(CatalogJson.Read(none).Skills);
        Assert.Empty(CatalogJson.Read(empty).Skills!.Value);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("1 2")]
    [InlineData("")]
    [InlineData("{\"a\":")]
    public void AnExtensionMemberThatIsNotOneJsonValueIsRefused(string raw)
    {
        var catalog = new Catalog([], extensions: ExtensionMembers.Create([new("x", raw)]));

        Assert.Throws<ArgumentException>(() => CatalogJson.Write(catalog));
    }

    [Fact]
    public void AnExtensionMemberCannotReplaceTheFormatOrAnId()
    {
        var format = new Catalog([], extensions: ExtensionMembers.Create([new("format", "\"x\"")]));
        var id = new Catalog([new Credential("a") { Extensions = ExtensionMembers.Create([new("id", "\"b\"")]) }]);

        Assert.Throws<ArgumentException>(() => CatalogJson.Write(format));
        Assert.Throws<ArgumentException>(() => CatalogJson.Write(id));
    }

    [Fact]
    public void AnExtensionMemberNamedLikeADefinedMemberReplacesIt()
    {
        var credential = new Credential("a") { Title = "typed", Extensions = ExtensionMembers.Create([new("title", "\"raw\"")]) };

        var json = CatalogJson.Write(new Catalog([credential]));

        Assert.Contains("\"title\": \"raw\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("typed", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ALearnerWithoutExceptionsHasNoExceptionsMember()
    {
        var json = LearnerJson.Write(new LearnerRecord("l", [new Holding("a", new DateOnly(2024, 2, 29), 88.0m)]), new JsonWriteOptions { Indented = false });

        Assert.Equal("""{"format":"stacking/learner@1","id":"l","holdings":[{"credential":"a","earned":"2024-02-29","score":88.0}]}""", json);
    }
}
