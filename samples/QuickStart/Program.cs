// The region between the markers is the README's quick start, verbatim (a test compares them).
// <quickstart>
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Validation;

// A catalog in code: four microcredentials stack into a certificate.
var catalog = new CatalogBuilder("Data careers", currency: "USD")
    .Credential("sql", c => c with { Title = "SQL Foundations", Hours = 60, Cost = 450, Tags = ["data-elective"] })
    .Credential("stats", c => c with { Title = "Statistics", Hours = 60, Cost = 540 })
    .Credential("python", c => c with
    {
        Title = "Python for Data", Hours = 80, Cost = 690, Tags = ["data-elective"],
        Requires = Rule.Credential("stats"),                    // a prerequisite
    })
    .Credential("viz", c => c with { Title = "Data Visualisation", Hours = 40, Cost = 350, Tags = ["data-elective"] })
    .Credential("data-cert", c => c with
    {
        Title = "Certificate in Data Analytics", Kind = "certificate", Cost = 150,
        Requires = Rule.AllOf(
            Rule.Credential("stats", minScore: 60),             // core, with a minimum score
            Rule.Count(2, Select.Tag("data-elective"))),        // two electives chosen by tag
    })
    .Build();

// Check the rules once, before use.
var report = CatalogValidator.Validate(catalog);
Console.WriteLine($"valid: {report.IsValid}");

// A learner, and the date the question is asked at (the library never reads the clock).
var learner = new LearnerRecord("maya", [
    new Holding("stats", new DateOnly(2025, 6, 20), score: 74),
    new Holding("sql", new DateOnly(2026, 1, 15)),
]);
var asOf = new DateOnly(2026, 9, 1);

// Is Maya eligible? Exactly, with progress and an explanation.
var evaluator = new EligibilityEvaluator(catalog);
var result = evaluator.Evaluate("data-cert", learner, asOf);
Console.WriteLine($"eligible: {result.IsEligible}, progress: {result.Progress:P0}");

// The cheapest way there, in hours, in the order she can take it.
var plan = new Planner(evaluator).Plan("data-cert", learner, asOf);
Console.WriteLine($"{plan.Status}: {string.Join(" -> ", plan.Steps.Select(s => s.Credential))} ({plan.Hours} h, {plan.Cost} USD)");
// </quickstart>
