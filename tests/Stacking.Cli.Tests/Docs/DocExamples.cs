using System.Runtime.CompilerServices;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Cli.Tests.Docs;

/// <summary>
/// The C# examples of docs/rules.md, compiled. Each is captured with its source text, so the docs test can check
/// that the page shows exactly this code and that it builds the same requirement as the JSON beside it.
/// </summary>
internal static class DocExamples
{
    public static IReadOnlyList<(string Source, Requirement Rule)> Rules { get; } =
    [
        Example(Rule.Credential("sql-foundations")),
        Example(Rule.Credential("cloud-security", minScore: 70, within: Period.FromYears(5))),
        Example(Rule.AllOf(Rule.Credential("sql-foundations"), Rule.Credential("stats-foundations"))),
        Example(Rule.AnyOf(Rule.Credential("cws-architect"), Rule.Credential("cloud-architecture"))),
        Example(Rule.AtLeast(2,
                Rule.Credential("agile-practice"),
                Rule.Credential("risk-management"),
                Rule.Credential("stakeholder-leadership"),
                Rule.Credential("scheduling-cost"))
            with { Id = "electives", Title = "Two of the four project electives" }),
        Example(Rule.Count(2, Select.Tag("data-elective"))),
        Example(Rule.Count(2, Select.Tag("data-elective")) with { MinScore = 60, Within = Period.FromYears(10) }),
        Example(Rule.Credits(30, Select.MinLevel(5)) with { Id = "credit-pool" }),
        Example(Rule.Hours(40, Select.Tag("ux-elective"))),
        Example(Rule.Skill("statistics", 3)),
        Example(Rule.AllOf(
            Rule.Credits(60, Select.Any) with { Id = "total-credits" },
            Rule.Credits(12, Select.MinLevel(6)) with { Id = "advanced-credits", Title = "12 of them at level 6 or above", Shared = true })),
        Example(Rule.Count(1, Select.Ids("sql-foundations", "data-cleaning"))),
        Example(Rule.Count(1, Select.Issuer("Insightful Analytics") with { Kind = "certification" })),
        Example(Rule.Credits(6, Select.Skill("sql") with { MinLevel = 5 })),
        Example(Rule.Credits(60, Select.Any with { Except = ["degree-project"] })),
        Example(Rule.Count(2, Select.Kind("certificate"))),
        Example(Rule.AllOf(
            Rule.AllOf(
                    Rule.Credential("sql-foundations"),
                    Rule.Credential("stats-foundations"),
                    Rule.Credential("python-data"))
                with { Id = "core", Title = "Core courses" },
            Rule.Count(2, Select.Tag("data-elective")) with { Id = "electives", Title = "Two data electives" },
            Rule.Credential("data-capstone") with { Id = "capstone", Title = "Capstone project" })),
        Example(Rule.AllOf(
            Rule.Skill("sql", 2),
            Rule.Skill("statistics", 2),
            Rule.Skill("python", 2),
            Rule.Skill("data-viz", 2))),
    ];

    /// <summary>The first example of docs/getting-started.md, compiled (the docs test finds its text here).</summary>
    public static PlanResult GettingStartedInCode()
    {
        var catalog = new CatalogBuilder("Data careers", currency: "USD")
            .Credential("stats", c => c with { Title = "Statistics", Hours = 60, Cost = 540 })
            .Credential("sql", c => c with { Title = "SQL Foundations", Hours = 60, Cost = 450, Tags = ["data-elective"] })
            .Credential("viz", c => c with { Title = "Data Visualisation", Hours = 40, Cost = 350, Tags = ["data-elective"] })
            .Credential("data-cert", c => c with
            {
                Kind = "certificate",
                Requires = Rule.AllOf(Rule.Credential("stats", minScore: 60), Rule.Count(2, Select.Tag("data-elective"))),
            })
            .Build();
        var learner = new LearnerRecord("maya", [new Holding("stats", new DateOnly(2025, 6, 20), score: 74)]);
        var asOf = new DateOnly(2026, 9, 1);

        var report = CatalogValidator.Validate(catalog);              // findings with stable codes
        var evaluator = new EligibilityEvaluator(catalog);            // one per catalog, thread-safe
        var result = evaluator.Evaluate("data-cert", learner, asOf);  // eligible? progress, explanation
        var plan = new Planner(evaluator).Plan("data-cert", learner, asOf);
        Assert.True(report.IsValid);
        Assert.False(result.IsEligible);
        return plan;
    }

    /// <summary>The second example of docs/getting-started.md.</summary>
    public static (Catalog, LearnerRecord) GettingStartedFromFiles(string catalogPath, string learnerPath)
    {
        Catalog catalog = CatalogJson.ReadFile(catalogPath);          // StackingFormatException if malformed
        LearnerRecord learner = LearnerJson.ReadFile(learnerPath);
        return (catalog, learner);
    }

    private static (string, Requirement) Example(Requirement rule, [CallerArgumentExpression(nameof(rule))] string source = "") =>
        (source, rule);
}
