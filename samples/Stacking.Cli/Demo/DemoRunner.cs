using System.Globalization;
using Spectre.Console;
using Stacking.Cli.Infrastructure;
using Stacking.Eligibility;
using Stacking.Graph;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Validation;
using Rule = Stacking.Rules.Rule;
using SpectreRule = Spectre.Console.Rule;

namespace Stacking.Cli.Demo;

/// <summary>
/// <c>stacking</c> with no arguments: a guided tour of the library on the embedded catalog and three learners.
/// </summary>
/// <remarks>
/// Everything shown is computed by the library's public API, the same calls a program makes: validation,
/// <see cref="EligibilityEvaluator"/> (eligibility with explanations), <see cref="Planner"/> (cheapest pathways and
/// the hours/cost trade-off) and goals made of skill nodes (the skill gap to a role).
/// </remarks>
internal static class DemoRunner
{
    public static int Run()
    {
        var console = Terminal.Out;
        var catalog = DemoData.Catalog();
        var asOf = DemoData.AsOf;
        var report = CatalogValidator.Validate(catalog);
        if (!report.IsValid)
        {
            Inputs.ReportErrors("embedded demo catalog", report);
            return ExitCodes.ValidationErrors;
        }

        var evaluator = new EligibilityEvaluator(catalog);
        var planner = new Planner(evaluator);
        Introduce(console, catalog, report, asOf);
        var number = 0;
        foreach (var persona in Persona.All)
        {
            var learner = DemoData.Learner(persona.Resource);
            Walk(console, ++number, persona, learner, catalog, evaluator, planner, asOf);
        }

        Conclude(console);
        return ExitCodes.Ok;
    }

    private static void Introduce(IAnsiConsole console, Catalog catalog, ValidationReport report, DateOnly asOf)
    {
        console.Write(new SpectreRule("[bold]Stacking[/]: credential stacking rules for .NET").LeftJustified());
        console.MarkupLine(
            """
            Badges and microcredentials [bold]stack[/] into certificates, certificates into diplomas, diplomas into degrees.
            Stacking reads those rules and answers three questions exactly:
              [bold]1.[/] Is this learner eligible for that credential today, and if not, what is missing?
              [bold]2.[/] What is the cheapest pathway there, in hours or in money, and what is the trade-off?
              [bold]3.[/] What stands between this learner and a role, described as skills?
            """);

        var kinds = catalog.Credentials
            .GroupBy(c => c.Kind ?? "other")
            .OrderByDescending(g => g.Count())
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}{(g.Count() == 1 ? string.Empty : "s")}"));
        var issuers = catalog.Credentials.Select(c => c.Issuer).Where(i => i is not null).Distinct().Count();
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"The embedded catalog [bold]{Markup.Escape(catalog.Name ?? "demo")}[/] has {catalog.Credentials.Length} credentials from {issuers} universities and industry partners: {Markup.Escape(string.Join(", ", kinds))}."));
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Validation found [green]no errors[/] ({report.Warnings.Count()} warnings). Every answer below is as of [bold]{JsonOutput.Date(asOf)}[/], a fixed date so that this output is the same on every run (the commands use today unless given --as-of)."));
        console.WriteLine();
        console.MarkupLine("Two of its rules, as the library reads them. A certificate made of microcredentials, with electives drawn by tag:");
        console.Write(RequirementText.ToTree(Title(catalog, "data-analytics-cert"), catalog["data-analytics-cert"].Requires!, catalog));
        console.MarkupLine("A diploma made of certificates and a credit pool (the same course may count in both, because they are different credentials' rules):");
        console.Write(RequirementText.ToTree(Title(catalog, "diploma-digital-business"), catalog["diploma-digital-business"].Requires!, catalog));
        console.MarkupLine("Within one credential's rules nothing counts twice: a course used as a core course cannot also be an elective.");
        ShowExactness(console, asOf);
    }

    private static void ShowExactness(IAnsiConsole console, DateOnly asOf)
    {
        // The smallest case where a greedy audit fails: the first rule grabs SQL, and the second then finds nothing.
        var rule = Rule.AllOf(
            Rule.AnyOf(Rule.Credential("sql"), Rule.Credential("python")),
            Rule.Count(1, Select.Ids("sql", "stats")));
        var tiny = new CatalogBuilder()
            .Credential("sql").Credential("python").Credential("stats")
            .Credential("cert", c => c with { Requires = rule })
            .Build();
        var learner = new LearnerRecord("sam", [new Holding("sql", asOf.AddYears(-1)), new Holding("python", asOf.AddYears(-1))]);
        var result = new EligibilityEvaluator(tiny).Evaluate("cert", learner, asOf);
        var witness = string.Join(", ", result.Witness.Select(w => $"{w.Path} <- {string.Join(" ", w.Items.Select(i => i.Credential))}"));
        console.MarkupLine(
            $"[grey]For example, with the rule \"(sql or python) and one of (sql, stats)\" and a learner holding sql and python, a greedy audit gives sql to the first part and has nothing left for the second. The evaluator says [/]{(result.IsEligible ? "[green]eligible[/]" : "[red]not eligible[/]")}[grey]: {Markup.Escape(witness)}.[/]");
    }

    private static void Walk(IAnsiConsole console, int number, Persona persona, LearnerRecord learner, Catalog catalog, EligibilityEvaluator evaluator, Planner planner, DateOnly asOf)
    {
        console.WriteLine();
        console.Write(new SpectreRule(string.Create(CultureInfo.InvariantCulture, $"[bold]{number} of {Persona.All.Count}: {Markup.Escape(persona.Name)}[/]")).LeftJustified());
        console.MarkupLine(Markup.Escape(persona.Story));
        ShowHoldings(console, learner, catalog, asOf);

        var prepared = evaluator.Prepare(learner, asOf);
        ShowEligibleNow(console, persona, learner, catalog, evaluator, prepared, asOf);

        // Question 1: the goal, with the explanation.
        var goal = evaluator.Evaluate(persona.Goal, learner, asOf);
        console.MarkupLine(goal.IsEligible
            ? $"[bold]Goal[/]: {Title(catalog, persona.Goal)} - [green]eligible now[/]."
            : $"[bold]Goal[/]: {Title(catalog, persona.Goal)} - [red]not yet[/], {Explanations.Percent(goal.Progress)} of the way. What the evaluator found:");
        console.Write(Explanations.ToTree(goal, catalog));

        // Question 2: the cheapest pathway, and the trade-off between hours and money.
        ShowPathways(console, persona, learner, catalog, planner, asOf);

        // Stacking nests: what the goal itself stacks into, and how far along the learner already is.
        ShowLadder(console, persona, learner, catalog, evaluator, asOf);

        // Question 3: the skill gap to a role, a goal made of skill nodes.
        ShowSkillGap(console, persona, learner, catalog, evaluator, prepared, planner, asOf);
    }

    private static void ShowHoldings(IAnsiConsole console, LearnerRecord learner, Catalog catalog, DateOnly asOf)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[grey]holdings[/]")
            .AddColumn("credential").AddColumn("earned").AddColumn("score").AddColumn("status");
        foreach (var holding in learner.Holdings)
        {
            var credential = catalog.Find(holding.Credential);
            var expiresAt = holding.ExpiresAt(credential?.ValidFor);
            var status = holding.IsValidAt(asOf, credential?.ValidFor)
                ? (expiresAt is { } until ? $"[green]valid[/] until {JsonOutput.Date(until)}" : "[green]valid[/]")
                : $"[red]expired[/] {JsonOutput.Date(expiresAt ?? asOf)}";
            table.AddRow(
                Markup.Escape(Plans.Describe(credential, holding.Credential)),
                JsonOutput.Date(holding.Earned),
                holding.Score is { } score ? Plans.Number(score) : "-",
                status);
        }

        console.Write(table);
    }

    private static void ShowEligibleNow(IAnsiConsole console, Persona persona, LearnerRecord learner, Catalog catalog, EligibilityEvaluator evaluator, PreparedLearner prepared, DateOnly asOf)
    {
        // Held means a valid holding of the credential or of an equivalent; those are not news.
        var held = learner.Holdings
            .Where(h => h.IsValidAt(asOf, catalog.Find(h.Credential)?.ValidFor))
            .SelectMany(h => catalog.EquivalenceClassOf(h.Credential))
            .ToHashSet();
        var unlocked = new List<Credential>();
        var openEntry = 0;
        foreach (var credential in catalog.Credentials.Where(c => !held.Contains(c.Id)))
        {
            if (credential.Requires is null)
            {
                openEntry++;
            }
            else if (evaluator.Check(credential.Id, prepared) == EligibilityStatus.Eligible)
            {
                unlocked.Add(credential);
            }
        }

        // A credential the learner once held but that has lapsed comes back as a retake.
        var lapsed = learner.Holdings.Select(h => h.Credential).ToHashSet();
        string Name(Credential c) => (c.Title ?? c.Id.Value) + (lapsed.Contains(c.Id) ? " (a retake)" : string.Empty);
        var awards = unlocked.Where(c => c.Hours == 0).ToList();
        var courses = unlocked.Where(c => c.Hours > 0).ToList();
        console.MarkupLine($"[bold]Eligible now[/] ({Markup.Escape(persona.Name)}'s record meets the requirement):");
        console.MarkupLine(awards.Count == 0
            ? "  qualifications to claim today: none yet"
            : $"  qualifications to claim today: [green]{Markup.Escape(string.Join(", ", awards.Select(Name)))}[/]");
        console.MarkupLine(courses.Count == 0
            ? "  courses whose prerequisites are met: none"
            : $"  courses whose prerequisites are met: {Markup.Escape(string.Join(", ", courses.Select(Name)))}");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [grey]plus {openEntry} open-entry courses with no prerequisites.[/]"));
    }

    private static void ShowPathways(IAnsiConsole console, Persona persona, LearnerRecord learner, Catalog catalog, Planner planner, DateOnly asOf)
    {
        // The Pareto front holds every plan that is optimal for some balance of hours and money; its two ends are
        // the plan with the fewest hours and the cheapest plan.
        var front = planner.ParetoFront(persona.Goal, learner, asOf)
            .Where(p => p.HasPlan)
            .OrderBy(p => p.Hours)
            .ThenBy(p => p.Cost)
            .ToList();
        if (front.Count == 0)
        {
            var attempt = planner.Plan(persona.Goal, learner, asOf);
            console.MarkupLine($"[red]No pathway[/]: {Markup.Escape(attempt.InfeasibleReason ?? "the goal cannot be reached")}");
            return;
        }

        var fastest = front[0];
        var cheapest = front.OrderBy(p => p.Cost).ThenBy(p => p.Hours).First();
        console.MarkupLine($"[bold]Cheapest pathway[/] to {Title(catalog, persona.Goal)} in hours (each step's prerequisites are met when it is taken):");
        Plans.Render(console, fastest, catalog);
        if (front.Count == 1)
        {
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[bold]Hours or money?[/] No trade-off here: the fastest plan is also the cheapest ({Plans.Number(fastest.Hours)} h, {Plans.Money(fastest.Cost, catalog.Currency)})."));
            return;
        }

        console.MarkupLine("[bold]Hours or money?[/] Each plan below is optimal for some balance of the two (the Pareto front); any other plan is beaten on both:");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("hours").RightAligned())
            .AddColumn(new TableColumn("cost").RightAligned())
            .AddColumn("how it differs from the fastest plan");
        var fastestSteps = fastest.Steps.Select(s => s.Credential).ToHashSet();
        foreach (var plan in front)
        {
            var steps = plan.Steps.Select(s => s.Credential).ToHashSet();
            var added = steps.Except(fastestSteps).Select(id => "+ " + RequirementText.Name(id, catalog));
            var dropped = fastestSteps.Except(steps).Select(id => "- " + RequirementText.Name(id, catalog));
            var diff = string.Join(Environment.NewLine, added.Concat(dropped));
            table.AddRow(Plans.Number(plan.Hours), Plans.Money(plan.Cost, catalog.Currency), Markup.Escape(diff.Length == 0 ? "(the fastest plan)" : diff));
        }

        console.Write(table);
        console.MarkupLine(
            $"The cheapest plan saves [green]{Plans.Money(fastest.Cost - cheapest.Cost, catalog.Currency)}[/] for [yellow]{Plans.Number(cheapest.Hours - fastest.Hours)} more hours[/] of study.");
    }

    private static void ShowLadder(IAnsiConsole console, Persona persona, LearnerRecord learner, Catalog catalog, EligibilityEvaluator evaluator, DateOnly asOf)
    {
        var graph = StackingGraph.Build(catalog);
        var next = graph.StacksInto(persona.Goal)
            .Where(id => catalog.Find(id)?.Kind is "diploma" or "degree")
            .OrderBy(id => catalog[id].Level)
            .ThenBy(id => id)
            .Select(id => $"{RequirementText.Name(id, catalog)} ({Explanations.Percent(evaluator.Evaluate(id, learner, asOf).Progress)} of the way today)")
            .ToList();
        if (next.Count > 0)
        {
            console.MarkupLine($"[grey]Further up the ladder, {Markup.Escape(RequirementText.Name(persona.Goal, catalog))} stacks into {Markup.Escape(string.Join(" and ", next))}.[/]");
        }
    }

    private static void ShowSkillGap(IAnsiConsole console, Persona persona, LearnerRecord learner, Catalog catalog, EligibilityEvaluator evaluator, PreparedLearner prepared, Planner planner, DateOnly asOf)
    {
        console.MarkupLine($"[bold]Skill gap[/] to the role [bold]{Markup.Escape(persona.Role)}[/] (a goal made of skill nodes, checked like any requirement):");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("skill").AddColumn("level needed").AddColumn("status");
        foreach (var node in persona.RoleGoal.Children.OfType<SkillRequirement>())
        {
            var met = evaluator.CheckGoal(node, prepared) == EligibilityStatus.Eligible;
            table.AddRow(
                Markup.Escape(RequirementText.SkillName(node.Skill, catalog)),
                node.Level.ToString(CultureInfo.InvariantCulture),
                met ? "[green]met[/]" : "[red]missing[/]");
        }

        console.Write(table);
        var plan = planner.PlanGoal(persona.RoleGoal, learner, asOf, Plans.Options("hours"));
        if (plan.Status == PlanStatus.Infeasible)
        {
            console.MarkupLine($"[red]The catalog cannot close this gap[/]: {Markup.Escape(plan.InfeasibleReason ?? string.Empty)}");
        }
        else if (plan.Steps.IsEmpty)
        {
            console.MarkupLine("[green]No gap[/]: the record already shows every skill at the level the role needs.");
        }
        else
        {
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Fewest hours to close it: {Markup.Escape(string.Join(" -> ", plan.Steps.Select(s => RequirementText.Name(s.Credential, catalog))))} ({Plans.Number(plan.Hours)} h, {Plans.Money(plan.Cost, catalog.Currency)}, {Plans.Status(plan.Status)})."));
        }
    }

    private static void Conclude(IAnsiConsole console)
    {
        console.WriteLine();
        console.Write(new SpectreRule("[bold]What you just saw[/]").LeftJustified());
        console.MarkupLine(
            """
            Every answer above came from four calls of the public API, on one immutable, thread-safe catalog:
              [bold]CatalogValidator.Validate[/]      the catalog's rules are sound (stable codes STK001...)
              [bold]EligibilityEvaluator.Evaluate[/]  eligible or not, progress, the explanation tree, what is missing
              [bold]Planner.Plan / ParetoFront[/]     the provably cheapest pathway, and the hours/cost trade-off
              [bold]CheckGoal / PlanGoal[/]           any requirement as a goal: here, the skills of a role
            Try the commands on the demo's own files (samples/Stacking.Cli/Demo):
              stacking check catalog.json learner-maya.json --target data-analytics-cert --as-of 2026-09-01
              stacking plan catalog.json learner-daniel.json --target cloud-cert --objective cost --as-of 2026-09-01
              stacking portfolio catalog.json learner-daniel.json --as-of 2026-09-01
              stacking graph catalog.json --target bachelor-digital
            and 'stacking --help' for the rest. The documentation starts at docs/index.md.
            """);
    }

    private static string Title(Catalog catalog, CredentialId id) => Markup.Escape(RequirementText.Name(id, catalog));
}
