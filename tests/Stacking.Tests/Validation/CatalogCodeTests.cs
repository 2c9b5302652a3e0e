using System.Collections.Immutable;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

/// <summary>For every code: a minimal catalog that triggers it, and the same catalog mended, which does not.</summary>
public sealed class CatalogCodeTests
{
    private static Catalog One(Requirement requires, params string[] others)
    {
        var builder = new CatalogBuilder();
        foreach (var other in others)
        {
            builder.Credential(other);
        }

        return builder.Credential("q", c => c with { Requires = requires }).Build();
    }

    private static void Triggers(Catalog bad, Catalog mended, string code, string credential, string path, Severity severity = Severity.Error)
    {
        var report = Validate.WithReference(bad);
        var finding = Assert.Single(report.Findings, f => f.Code == code);
        Assert.Equal(new CredentialId(credential), finding.Credential);
        Assert.Equal(path, finding.Path);
        Assert.Equal(severity, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        var good = Validate.WithReference(mended);
        Assert.Empty(good.Findings);

        // The eligibility engine and the brute-force reference give the same report.
        Assert.Equal<Finding>(report.Findings, CatalogValidator.Validate(bad).Findings);
        Assert.Empty(CatalogValidator.Validate(mended).Findings);
    }

    [Fact]
    public void STK001ADuplicateIdIsReportedOnce()
    {
        var bad = new Catalog([new Credential("a"), new Credential("b"), new Credential("a") { Hours = 3 }]);
        var report = Validate.WithReference(bad);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("STK001", "a", ""), (finding.Code, finding.Credential!.Value.Value, finding.Path));
        Assert.Contains("credentials[0], credentials[2]", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Validate.WithReference(new Catalog([new Credential("a"), new Credential("b")])).Findings);
    }

    [Fact]
    public void STK002AnUnknownLeafIsReportedAtItsNode() =>
        Triggers(One(Rule.AllOf(Rule.Credential("a"), Rule.Credential("ghost")), "a"), One(Rule.AllOf(Rule.Credential("a"), Rule.Credential("ghost")), "a", "ghost"), "STK002", "q", "requires.allOf[1]");

    [Fact]
    public void STK002AnUnknownSelectorIdIsReportedAtItsIndex() =>
        Triggers(One(Rule.Count(1, Select.Ids("a", "ghost")), "a"), One(Rule.Count(1, Select.Ids("a", "ghost")), "a", "ghost"), "STK002", "q", "requires.from.ids[1]");

    [Fact]
    public void STK002AnUnknownExceptIdIsReportedAtItsIndex() =>
        Triggers(One(Rule.Count(1, Select.Any with { Except = [new CredentialId("ghost")] }), "a"), One(Rule.Count(1, Select.Any with { Except = [new CredentialId("ghost")] }), "a", "ghost"), "STK002", "q", "requires.from.except[0]");

    [Fact]
    public void STK002AnUnknownEquivalentIsReportedAtItsIndex() =>
        Triggers(
            new Catalog([new Credential("a") { EquivalentTo = [new CredentialId("a2"), new CredentialId("ghost")] }, new Credential("a2")]),
            new Catalog([new Credential("a") { EquivalentTo = [new CredentialId("a2")] }, new Credential("a2")]),
            "STK002",
            "a",
            "equivalentTo[1]");

    [Fact]
    public void STK003AnUnregisteredSkillIsReportedWhereItIsNamed()
    {
        Catalog Make(string shown, string asked, string selected) => new CatalogBuilder()
            .Skill("sql")
            .Skill("py")
            .Credential("a", c => c with { Skills = new Dictionary<SkillId, int> { [shown] = 2 } })
            .Credential("q", c => c with { Requires = Rule.AllOf(Rule.Skill(asked), Rule.Count(1, Select.Skill(selected))) })
            .Build();

        Triggers(Make("sql", "sql", "sqlx"), Make("sql", "sql", "sql"), "STK003", "q", "requires.allOf[1].from.skill");
        Triggers(Make("sql", "js", "sql"), Make("sql", "sql", "sql"), "STK003", "q", "requires.allOf[0]");
        var bad = Validate.WithReference(Make("js", "sql", "sql"));
        Assert.True(bad.Has("STK003", "a", "skills.js"));
    }

    [Theory]
    [InlineData("atLeast")]
    [InlineData("count")]
    [InlineData("credits")]
    [InlineData("hours")]
    [InlineData("minScore")]
    [InlineData("skillLevel")]
    public void STK004ABadNumberInARequirementIsReportedAtItsNode(string what)
    {
        var tagged = Select.Tag("t");
        Requirement Node(bool bad) => what switch
        {
            "atLeast" => Rule.AtLeast(bad ? 3 : 2, Rule.Credential("a"), Rule.Credential("c")),
            "count" => Rule.Count(bad ? 0 : 1, tagged),
            "credits" => Rule.Credits(bad ? 0 : 3, tagged),
            "hours" => Rule.Hours(bad ? -1 : 10, tagged),
            "minScore" => Rule.Credential("a", minScore: bad ? 101 : 100),
            _ => Rule.Skill("s", bad ? 0 : 1),
        };
        Catalog Make(bool bad) => new CatalogBuilder()
            .Credential("a", c => c with { Tags = ["t"], Credits = 3, Hours = 10, Skills = new Dictionary<SkillId, int> { ["s"] = 1 } })
            .Credential("b")
            .Credential("c")
            .Credential("q", c => c with { Requires = Rule.AllOf(Rule.Credential("b"), Node(bad)) })
            .Build();

        Triggers(Make(true), Make(false), "STK004", "q", "requires.allOf[1]");
    }

    [Theory]
    [InlineData("hours")]
    [InlineData("credits")]
    [InlineData("cost")]
    [InlineData("level")]
    [InlineData("skills.s")]
    public void STK004ABadNumberOfACredentialIsReportedAtItsMember(string member)
    {
        Credential Make(bool bad) => member switch
        {
            "hours" => new Credential("a") { Hours = bad ? -1 : 0 },
            "credits" => new Credential("a") { Credits = bad ? -0.5m : 0 },
            "cost" => new Credential("a") { Cost = bad ? -5 : 5 },
            "level" => new Credential("a") { Level = bad ? 9 : 8 },
            _ => new Credential("a") { Skills = new Dictionary<SkillId, int> { ["s"] = bad ? 0 : 1 } },
        };

        Triggers(new Catalog([Make(true)]), new Catalog([Make(false)]), "STK004", "a", member);
    }

    [Fact]
    public void STK005AnEmptyListIsReportedAtItsNode() =>
        Triggers(One(Rule.AllOf(Rule.Credential("a"), Rule.AnyOf()), "a"), One(Rule.AllOf(Rule.Credential("a"), Rule.AnyOf(Rule.Credential("b"))), "a", "b"), "STK005", "q", "requires.allOf[1]");

    [Fact]
    public void STK005ASelectorThatSelectsByNothingIsReportedAtItsSelector() =>
        Triggers(One(Rule.Count(1, new Selector { Except = [new CredentialId("a")] }), "a", "b"), One(Rule.Count(1, Select.Any with { Except = [new CredentialId("a")] }), "a", "b"), "STK005", "q", "requires.from");

    [Fact]
    public void STK006ACredentialThatNeedsItselfIsReportedWithItsCycle()
    {
        var bad = new CatalogBuilder()
            .Credential("a", c => c with { Requires = Rule.AllOf(Rule.Credential("x"), Rule.Credential("b")) })
            .Credential("b", c => c with { Requires = Rule.Credential("a") })
            .Credential("x")
            .Build();
        var mended = new CatalogBuilder()
            .Credential("a", c => c with { Requires = Rule.AllOf(Rule.Credential("x"), Rule.Credential("b")) })
            .Credential("b", c => c with { Requires = Rule.AnyOf(Rule.Credential("a"), Rule.Credential("x")) })
            .Credential("x")
            .Build();

        var report = Validate.WithReference(bad);
        Assert.Equal(["STK006", "STK006"], report.Findings.Select(f => f.Code));
        Assert.True(report.Has("STK006", "a", "requires.allOf[1]"));
        Assert.True(report.Has("STK006", "b", "requires"));
        Assert.Contains("'a' needs 'b' (requires.allOf[1]), 'b' needs 'a' (requires)", report.Findings[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Validate.WithReference(mended).Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void STK006ASelfReferenceIsReportedAndItsDependentsAreUnearnable()
    {
        var bad = new CatalogBuilder()
            .Credential("a", c => c with { Requires = Rule.Credential("a") })
            .Credential("c", c => c with { Requires = Rule.Credential("a") })
            .Build();

        var report = Validate.WithReference(bad);
        Assert.True(report.Has("STK006", "a", "requires"));
        Assert.True(report.Has("STK008", "c", "requires"));
        Assert.Equal(2, report.Findings.Length);
    }

    [Fact]
    public void STK007ACycleAnAlternativeBreaksIsAWarningNamingTheCycle()
    {
        Catalog Make(bool cycle) => new CatalogBuilder()
            .Credential("a", c => c with { Requires = Rule.AnyOf(Rule.Credential("x"), Rule.Credential("b")) })
            .Credential("b", c => c with { Requires = cycle ? Rule.Count(1, Select.Ids("a")) : Rule.Credential("x") })
            .Credential("x")
            .Build();

        Triggers(Make(true), Make(false), "STK007", "a", "requires.anyOf[1]", Severity.Warning);
        Assert.Contains("'a' names 'b' (requires.anyOf[1]), 'b' names 'a' (requires)", Validate.WithReference(Make(true)).Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACycleThroughAnEquivalentNamesTheIdWrittenAtEachPath()
    {
        // b's requirement names a2, a's equivalent: the message named 'a' at b's path, where no 'a' is written.
        var broken = new CatalogBuilder()
            .Credential("x")
            .Credential("a2", c => c with { EquivalentTo = ["a"] })
            .Credential("a", c => c with { Requires = Rule.AnyOf(Rule.Credential("x"), Rule.Credential("b")) })
            .Credential("b", c => c with { Requires = Rule.Credential("a2") })
            .Build();
        var stk007 = Validate.WithReference(broken).Findings.Single(f => f.Code == "STK007");
        Assert.Contains("'b' names 'a2' (equivalent to 'a') (requires)", stk007.Message, StringComparison.Ordinal);

        var selfDependent = new CatalogBuilder()
            .Credential("a2", c => c with { EquivalentTo = ["a"], Requires = Rule.Credential("b") })
            .Credential("a", c => c with { Requires = Rule.Credential("b") })
            .Credential("b", c => c with { Requires = Rule.Credential("a2") })
            .Build();
        var stk006 = Validate.WithReference(selfDependent).Findings.First(f => f.Code == "STK006");
        Assert.Contains("needs 'a2' (equivalent to 'a') (requires)", stk006.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void STK008APoolLargerThanEverythingThatMatchesIsReportedAtThePool()
    {
        Catalog Make(int electives) => new CatalogBuilder()
            .Credential("e1", c => c with { Tags = ["elective"], Credits = 3 })
            .Credential("e2", c => c with { Tags = ["elective"], Credits = 3 })
            .Credential("b")
            .Credential("q", c => c with { Requires = Rule.AllOf(Rule.Credential("b"), Rule.Count(electives, Select.Tag("elective"))) })
            .Build();

        Triggers(Make(3), Make(2), "STK008", "q", "requires.allOf[1]");
        Assert.Contains("needs 3 distinct items", Validate.WithReference(Make(3)).Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void STK008NodesThatCompeteForOneCredentialAreReportedAtTheirParent()
    {
        Catalog Make(bool shared) => new CatalogBuilder()
            .Credential("a", c => c with { Credits = 4 })
            .Credential("q", c => c with { Requires = Rule.AllOf(Rule.Credential("a"), Rule.Credits(4, Select.Ids("a")) with { Shared = shared }) })
            .Build();

        Triggers(Make(false), Make(true), "STK008", "q", "requires");
        Assert.Contains("compete", Validate.WithReference(Make(false)).Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void STK008AChainBelowAnUnearnableCredentialNamesTheLeaf()
    {
        var bad = new CatalogBuilder()
            .Credential("a", c => c with { Requires = Rule.Count(2, Select.Ids("x")) })
            .Credential("x")
            .Credential("q", c => c with { Requires = Rule.AnyOf(Rule.AllOf(Rule.Credential("x"), Rule.Credential("a")), Rule.Credential("a")) })
            .Build();

        var report = Validate.WithReference(bad);
        Assert.True(report.Has("STK008", "a", "requires"));
        Assert.True(report.Has("STK008", "q", "requires"));
        Assert.Contains("only 0 of the 2", report.Findings.Single(f => f.Credential == new CredentialId("q")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void STK009ASelectorThatMatchesNothingIsAWarningAtItsSelector()
    {
        Catalog Make(string kind) => new CatalogBuilder()
            .Credential("a", c => c with { Kind = kind })
            .Credential("q", c => c with { Requires = Rule.AnyOf(Rule.Credential("a"), Rule.Count(1, Select.Kind("degree"))) })
            .Build();

        Triggers(Make("course"), Make("degree"), "STK009", "q", "requires.anyOf[1].from", Severity.Warning);
    }

    [Fact]
    public void STK010ReaderFindingsAreMergedOncePerCodeCredentialAndPath()
    {
        var catalog = One(Rule.Credential("a"), "a");
        var reader = new Finding("STK010", Severity.Error, "\"P1X\" is not a duration.", new CredentialId("a"), "validFor");

        var report = Validate.WithReference(catalog, [reader, reader with { }]);

        Assert.Equal<Finding>([reader], report.Findings);
        Assert.False(report.IsValid);
        Assert.Empty(Validate.WithReference(catalog).Findings);
    }

    [Fact]
    public void STK011ADuplicateNodeIdIsReportedAtTheSecondNode()
    {
        Catalog Make(string second) => One(Rule.AllOf(Rule.Credential("a") with { Id = "core" }, Rule.Credential("b") with { Id = second }), "a", "b");

        Triggers(Make("core"), Make("elective"), "STK011", "q", "requires.allOf[1]");
    }

    [Fact]
    public void STK012NestingDeeperThan64IsReportedAtTheFirstNodeTooDeep()
    {
        static Requirement Chain(int levels) => levels == 1 ? Rule.Credential("a") : Rule.AllOf(Chain(levels - 1));
        var path = "requires" + string.Concat(Enumerable.Repeat(".allOf[0]", 64));

        Triggers(One(Chain(65), "a"), One(Chain(64), "a"), "STK012", "q", path);
    }

    [Fact]
    public void EarnabilityIsNotAnalysedWhileTheCatalogHasStructuralErrors()
    {
        var report = Validate.WithReference(One(Rule.AllOf(Rule.Count(5, Select.Ids("a")), Rule.AnyOf()), "a"));

        Assert.Equal(["STK005"], report.Findings.Select(f => f.Code));
    }
}
