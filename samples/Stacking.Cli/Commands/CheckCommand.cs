using System.CommandLine;
using Spectre.Console;
using Stacking.Cli.Infrastructure;
using Stacking.Eligibility;

namespace Stacking.Cli.Commands;

/// <summary><c>stacking check CATALOG LEARNER --target ID [--as-of DATE] [--json]</c>: is the learner eligible, and why.</summary>
internal static class CheckCommand
{
    /// <summary>The examples shown at the end of the command's help.</summary>
    public const string Examples =
        """
        stacking check catalog.json learner.json --target data-analytics-cert
        stacking check catalog.json learner.json --target cloud-cert --as-of 2026-09-01 --json
        """;

    public static Command Create()
    {
        var catalogArgument = CommonOptions.Catalog();
        var learnerArgument = CommonOptions.Learner();
        var targetOption = CommonOptions.Target(required: true);
        var asOfOption = AsOf.CreateOption();
        var jsonOption = CommonOptions.Json();
        var command = new Command(
            "check",
            """
            Decide whether a learner is eligible for a credential at a date, exactly (no item counts twice),
            with the explanation: each rule's status and progress, what is missing, and which holdings counted.
            Not eligible is an answer: the exit code is 0 either way.
            """)
        {
            catalogArgument,
            learnerArgument,
            targetOption,
            asOfOption,
            jsonOption,
        };
        command.SetAction(parseResult => StackingCli.Guarded(() => Run(
            parseResult.GetValue(catalogArgument)!,
            parseResult.GetValue(learnerArgument)!,
            parseResult.GetValue(targetOption),
            AsOf.Resolve(parseResult.GetValue(asOfOption)),
            parseResult.GetValue(jsonOption))));
        return command;
    }

    private static int Run(string catalogPath, string learnerPath, string? targetText, DateOnly asOf, bool json)
    {
        if (Loaded.From(catalogPath, learnerPath) is not { } loaded)
        {
            return ExitCodes.ValidationErrors;
        }

        var target = loaded.Target(targetText);
        var evaluator = new EligibilityEvaluator(loaded.Catalog);
        var result = evaluator.Evaluate(target, loaded.Learner, asOf);
        if (json)
        {
            JsonOutput.Write(Explanations.ToJson(result));
            return ExitCodes.Ok;
        }

        var credential = loaded.Catalog[target];
        var title = Display.Markup(credential.Title ?? target.Value);
        var who = Display.Markup(loaded.Learner.Id ?? "the learner");
        Terminal.Out.MarkupLine(result.Status switch
        {
            EligibilityStatus.Eligible => $"[green]eligible[/]  {who} can be awarded {title} ({Display.Markup(target.Value)}) as of {JsonOutput.Date(asOf)}",
            EligibilityStatus.NotEligible => $"[red]not eligible[/]  {who} cannot yet be awarded {title} ({Display.Markup(target.Value)}) as of {JsonOutput.Date(asOf)}; progress {Explanations.Percent(result.Progress)}",
            _ => $"[yellow]undetermined[/]  the work limit ran out before {title} ({Display.Markup(target.Value)}) was decided",
        });
        Terminal.Out.Write(Explanations.ToTree(result, loaded.Catalog));
        return ExitCodes.Ok;
    }
}
