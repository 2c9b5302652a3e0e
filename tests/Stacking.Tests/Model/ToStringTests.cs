using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Model;

/// <summary>What a log line or a debugger shows: the model's parts in the format's own words (compact JSON), and the
/// documents and results as one-line summaries, never a collection's type name.</summary>
public sealed class ToStringTests
{
    private static readonly DateOnly T = new(2026, 9, 1);

    [Fact]
    public void TheModelsPartsPrintAsTheFormatWritesThem()
    {
        var rule = Rule.AllOf(Rule.Credential("stats", minScore: 60), Rule.Count(2, Select.Tag("data-elective")));

        Assert.Equal("""{"allOf":[{"credential":"stats","minScore":60},{"count":2,"from":{"tag":"data-elective"}}]}""", rule.ToString());
        Assert.Equal("""{"tag":"data-elective"}""", Select.Tag("data-elective").ToString());
        Assert.Equal("""{"id":"sql","hours":60,"cost":450,"tags":["data"]}""", new Credential("sql") { Hours = 60, Cost = 450, Tags = ["data"] }.ToString());
        Assert.Equal("""{"credential":"sql","earned":"2026-01-15","score":74}""", new Holding("sql", new DateOnly(2026, 1, 15), 74).ToString());
        Assert.Equal("""{"waive":{"credential":"data-cert","node":"capstone"}}""", new Waiver("data-cert", "capstone").ToString());
        Assert.Equal("""{"substitute":"sql","with":"transfer-sql"}""", new Substitution("sql", "transfer-sql").ToString());
    }

    [Fact]
    public void DocumentsAndResultsPrintAsOneLineSummaries()
    {
        var catalog = new Catalog([new Credential("stats"), new Credential("cert") { Requires = Rule.Credential("stats") }], name: "Data careers");
        var learner = new LearnerRecord("maya", [new Holding("stats", new DateOnly(2025, 6, 20))], [new Waiver("other")]);

        var result = new EligibilityEvaluator(catalog).Evaluate("cert", learner, T);

        Assert.Equal("catalog \"Data careers\": 2 credentials", catalog.ToString());
        Assert.Equal("catalog \"a\\\"b\\nc\": 0 credentials", new Catalog([], name: "a\"b\nc").ToString());
        Assert.Equal("learner maya: 1 holding, 1 exception", learner.ToString());
        Assert.Equal("cert for maya at 2026-09-01: eligible (100%)", result.ToString());
        Assert.Equal("cert for maya at 2026-09-01: not eligible (0%)", new EligibilityEvaluator(catalog).Evaluate("cert", LearnerRecord.Empty with { Id = "maya" }, T).ToString());
    }

    [Fact]
    public void ATreeTooDeepToWriteIsNamedInsteadOfThrowing()
    {
        Requirement deep = Rule.Credential("a");
        for (var i = 0; i < 200; i++)
        {
            deep = Rule.AllOf(deep);
        }

        Assert.Equal("AllOf requirement nested 201 levels deep", deep.ToString());
        Assert.Equal("credential q with a requirement nested 201 levels deep", new Credential("q") { Requires = deep }.ToString());
    }
}
