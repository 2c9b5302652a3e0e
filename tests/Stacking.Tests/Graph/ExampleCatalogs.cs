using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Graph;

/// <summary>The small catalogs the graph tests and docs/graph.md use.</summary>
internal static class ExampleCatalogs
{
    /// <summary>The data-careers pathway of docs/graph.md.</summary>
    public static Catalog DataCareers() => new CatalogBuilder("Data careers", "USD")
        .Credential("intro-data", c => c with { Kind = "badge", Hours = 10 })
        .Credential("excel-basics", c => c with { Kind = "badge", Hours = 12 })
        .Credential("sql-foundations", c => c with
        {
            Kind = "microcredential",
            Hours = 60,
            Requires = Rule.AnyOf(Rule.Credential("intro-data"), Rule.Credential("excel-basics")),
        })
        .Credential("python-data", c => c with { Kind = "microcredential", Hours = 80, Requires = Rule.Credential("intro-data") })
        .Credential("viz-elective", c => c with { Kind = "course", Hours = 40, Tags = ["analytics-elective"] })
        .Credential("stats-elective", c => c with { Kind = "course", Hours = 40, Tags = ["analytics-elective"] })
        .Credential("data-analyst-cert", c => c with
        {
            Kind = "certificate",
            Requires = Rule.AllOf(
                Rule.Credential("sql-foundations"),
                Rule.Credential("python-data"),
                Rule.Count(1, Select.Tag("analytics-elective"))),
        })
        .Build();
}
