using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stacking.Model;
using Stacking.Planning;

namespace Stacking.Cli.Infrastructure;

/// <summary>Shows plans to people and to programs.</summary>
internal static class Plans
{
    /// <summary>Maps the <c>--objective</c> value and the budgets to request options.</summary>
    public static PlanRequestOptions Options(string objective, TimeSpan? timeLimit = null, long? nodeLimit = null) => new()
    {
        Objective = objective == "cost" ? PlanObjective.Cost : PlanObjective.Hours,
        TimeLimit = timeLimit,
        NodeLimit = nodeLimit,
    };

    /// <summary>Gets the <c>--objective</c> name of the options' objective.</summary>
    public static string ObjectiveName(PlanRequestOptions options) => PlanObjective.Cost.Equals(options.Objective) ? "cost" : "hours";

    /// <summary>Gets the lower-case name of a status: spec §8's three, and <c>unknown</c> (docs/planning.md).</summary>
    public static string Status(PlanStatus status) => status switch
    {
        PlanStatus.Optimal => "optimal",
        PlanStatus.Feasible => "feasible",
        PlanStatus.Infeasible => "infeasible",
        _ => "unknown",
    };

    /// <summary>The <c>plan --json</c> object: target, asOf, objective, status, steps, hours, cost, credits, lowerBound.</summary>
    public static JsonObject ToJson(PlanResult result, string target, DateOnly asOf, string objective)
    {
        var node = new JsonObject
        {
            ["target"] = target,
            ["asOf"] = JsonOutput.Date(asOf),
            ["objective"] = objective,
            ["status"] = Status(result.Status),
            ["steps"] = JsonOutput.Strings(result.Steps.Select(s => s.Credential.Value)),
            ["hours"] = result.Hours,
            ["cost"] = result.Cost,
            ["credits"] = result.Credits,
            ["lowerBound"] = result.LowerBound,
        };
        if (result.InfeasibleReason is { } reason)
        {
            node["infeasibleReason"] = reason;
        }

        return node;
    }

    /// <summary>Writes the steps as a table, then the totals and the status.</summary>
    public static void Render(IAnsiConsole console, PlanResult result, Catalog catalog)
    {
        if (result.Status == PlanStatus.Infeasible)
        {
            console.MarkupLine($"[red]infeasible[/]: {Display.Markup(result.InfeasibleReason ?? "no sequence of catalog credentials reaches the goal")}");
            return;
        }

        if (result.Status == PlanStatus.Unknown)
        {
            console.MarkupLine($"[yellow]unknown[/]: the search stopped before any plan was found (a budget, Ctrl+C or an undetermined eligibility check); no plan can cost less than {Number(result.LowerBound)}. Try a larger --time-limit or --node-limit.");
            return;
        }

        if (result.Steps.IsEmpty)
        {
            console.MarkupLine("[green]Nothing to do[/]: the goal is already met.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("credential").AddColumn("issuer")
            .AddColumn(new TableColumn("hours").RightAligned())
            .AddColumn(new TableColumn("cost").RightAligned())
            .AddColumn(new TableColumn("credits").RightAligned());
        var i = 0;
        foreach (var step in result.Steps)
        {
            var credential = catalog.Find(step.Credential);
            table.AddRow(
                (++i).ToString(CultureInfo.InvariantCulture),
                Display.Markup(Describe(credential, step.Credential)) + (step.IsRetake ? " [yellow](retake)[/]" : string.Empty),
                Display.Markup(credential?.Issuer ?? string.Empty),
                Number(step.Hours),
                Money(step.Cost, catalog.Currency),
                Number(step.Credits));
        }

        table.AddEmptyRow();
        table.AddRow(string.Empty, "[bold]total[/]", string.Empty, $"[bold]{Number(result.Hours)}[/]", $"[bold]{Money(result.Cost, catalog.Currency)}[/]", $"[bold]{Number(result.Credits)}[/]");
        console.Write(table);
        console.MarkupLine(result.Status switch
        {
            PlanStatus.Optimal => "[green]optimal[/]: no cheaper plan exists.",

            // A stop (time limit or Ctrl+C) after the bound met the plan: no plan is cheaper, but which of several equally
            // cheap plans this is depended on where the search stopped, so it is not called optimal (spec §8).
            _ when result.LowerBound == result.ObjectiveValue =>
                $"[yellow]feasible[/]: no plan can cost less than {Number(result.LowerBound)}, so none is cheaper than this one, but the search stopped (a budget or Ctrl+C) before it finished; without the stop another plan of the same cost may be chosen.",
            _ => $"[yellow]feasible[/]: the search stopped before a proof (a budget or Ctrl+C); no plan can cost less than {Number(result.LowerBound)}.",
        });
    }

    /// <summary>Formats a credential as <c>Title (id)</c>.</summary>
    public static string Describe(Credential? credential, CredentialId id) =>
        credential?.Title is { } title ? $"{title} ({id})" : id.Value;

    /// <summary>Formats a number without trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Formats an amount of money in the catalog's currency, as markup (the currency is the catalog's text, escaped).</summary>
    public static string Money(decimal value, string? currency) =>
        currency is null ? Number(value) : $"{value.ToString("#,0.##", CultureInfo.InvariantCulture)} {Display.Markup(currency)}";
}
