using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stacking.Cli.Infrastructure;
using Stacking.Model;
using Stacking.Planning;

namespace Stacking.Cli.Commands;

/// <summary><c>stacking plan CATALOG [LEARNER] --target ID [--as-of DATE] [--objective hours|cost] [--time-limit SECONDS] [--node-limit N] [--json]</c>.</summary>
internal static class PlanCommand
{
    /// <summary>The examples shown at the end of the command's help.</summary>
    public const string Examples =
        """
        stacking plan catalog.json learner.json --target data-analytics-cert
        stacking plan catalog.json --target bachelor-digital --objective cost --json
        stacking plan catalog.json learner.json --target bachelor-digital --time-limit 2
        """;

    public static Command Create()
    {
        var catalogArgument = CommonOptions.Catalog();
        var learnerArgument = new Argument<string?>("LEARNER")
        {
            Description = "The learner document; without it, the plan starts from an empty record.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var targetOption = CommonOptions.Target(required: true);
        var asOfOption = AsOf.CreateOption();
        var objectiveOption = new Option<string>("--objective")
        {
            Description = "What to minimise: total hours of effort, or total cost.",
            DefaultValueFactory = _ => "hours",
        };
        objectiveOption.AcceptOnlyFromAmong("hours", "cost");
        var timeLimitOption = Budgets.TimeLimit();
        var nodeLimitOption = Budgets.NodeLimit();
        var jsonOption = CommonOptions.Json();
        var command = new Command(
            "plan",
            """
            Find the cheapest pathway to a credential: the credentials to earn, in an order where each one's
            requirement is met when it is taken, minimising hours or cost. The answer is optimal (proven),
            feasible (a plan and a lower bound, when a budget or Ctrl+C stopped the search), infeasible (with
            the reason), or unknown (stopped before any plan was found).
            """)
        {
            catalogArgument,
            learnerArgument,
            targetOption,
            asOfOption,
            objectiveOption,
            timeLimitOption,
            nodeLimitOption,
            jsonOption,
        };
        command.SetAction(parseResult => StackingCli.Guarded(() => Run(
            parseResult.GetValue(catalogArgument)!,
            parseResult.GetValue(learnerArgument),
            parseResult.GetValue(targetOption),
            AsOf.Resolve(parseResult.GetValue(asOfOption)),
            Plans.Options(parseResult.GetValue(objectiveOption) ?? "hours", Budgets.ToTimeSpan(parseResult.GetValue(timeLimitOption)), parseResult.GetValue(nodeLimitOption)),
            parseResult.GetValue(jsonOption))));
        return command;
    }

    private static int Run(string catalogPath, string? learnerPath, string? targetText, DateOnly asOf, PlanRequestOptions options, bool json)
    {
        if (Loaded.From(catalogPath, learnerPath) is not { } loaded)
        {
            return ExitCodes.ValidationErrors;
        }

        var target = loaded.Target(targetText);
        var planner = new Planner(loaded.Catalog);
        var result = Budgets.Cancellable(token => planner.Plan(target, loaded.Learner, asOf, options, token));
        var objective = Plans.ObjectiveName(options);
        if (json)
        {
            JsonOutput.Write(Plans.ToJson(result, target.Value, asOf, objective));
            return ExitCodes.Ok;
        }

        var title = loaded.Catalog[target].Title ?? target.Value;
        Terminal.Out.MarkupLine($"Pathway to [bold]{Display.Markup(title)}[/] ({Display.Markup(target.Value)}) as of {JsonOutput.Date(asOf)}, minimising {objective}:");
        Plans.Render(Terminal.Out, result, loaded.Catalog);
        return ExitCodes.Ok;
    }
}
