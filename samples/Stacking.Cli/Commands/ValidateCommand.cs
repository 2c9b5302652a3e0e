using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stacking.Cli.Infrastructure;
using Stacking.Validation;

namespace Stacking.Cli.Commands;

/// <summary><c>stacking validate CATALOG [--learner L] [--json]</c>: every finding of spec §9.</summary>
internal static class ValidateCommand
{
    /// <summary>The examples shown at the end of the command's help.</summary>
    public const string Examples =
        """
        stacking validate catalog.json
        stacking validate catalog.json --learner learner.json --json
        """;

    public static Command Create()
    {
        var catalogArgument = CommonOptions.Catalog();
        var learnerOption = new Option<string>("--learner")
        {
            Description = "Also check a learner document against the catalog.",
            HelpName = "LEARNER",
        };
        var jsonOption = CommonOptions.Json();
        var command = new Command(
            "validate",
            """
            Check a catalog (and optionally a learner) against the rules of the format: unknown references,
            bad numbers, cycles, credentials that can never be earned... Exit code 1 when there are errors.
            """)
        {
            catalogArgument,
            learnerOption,
            jsonOption,
        };
        command.SetAction(parseResult => StackingCli.Guarded(() => Run(
            parseResult.GetValue(catalogArgument)!,
            parseResult.GetValue(learnerOption),
            parseResult.GetValue(jsonOption))));
        return command;
    }

    private static int Run(string catalogPath, string? learnerPath, bool json)
    {
        var read = Inputs.ReadCatalog(catalogPath);
        var reports = new List<(string Path, ValidationReport Report)>
        {
            (catalogPath, CatalogValidator.Validate(read.Value, read.Findings)),
        };
        if (learnerPath is not null)
        {
            var learner = Inputs.ReadLearner(learnerPath);
            reports.Add((learnerPath, LearnerValidator.Validate(learner.Value, read.Value, learner.Findings)));
        }

        var valid = reports.All(r => r.Report.IsValid);
        if (json)
        {
            JsonOutput.Write(new JsonObject
            {
                ["valid"] = valid,
                ["findings"] = new JsonArray(reports
                    .SelectMany(r => r.Report.Findings.Select(f =>
                    {
                        var node = JsonOutput.Finding(f);
                        node["file"] = r.Path;
                        return (JsonNode)node;
                    }))
                    .ToArray()),
            });
            foreach (var (path, report) in reports)
            {
                foreach (var error in report.Errors)
                {
                    Display.Error($"{path}: {JsonOutput.Where(error)}{error}");
                }
            }
        }
        else
        {
            // People read the report where it belongs: on standard output when it passes, on standard error
            // (with the errors, as spec §10 asks) when it fails.
            var console = valid ? Terminal.Out : Terminal.Error;
            foreach (var (path, report) in reports)
            {
                Render(console, path, report, path == catalogPath ? read.Value.Credentials.Length : null);
            }
        }

        return valid ? ExitCodes.Ok : ExitCodes.ValidationErrors;
    }

    private static void Render(IAnsiConsole console, string path, ValidationReport report, int? credentials)
    {
        var errors = report.Errors.Count();
        var warnings = report.Warnings.Count();
        var what = credentials is { } n ? $" ({Display.Count(n, "credential", "credentials")})" : string.Empty;
        var counts = $"{Display.Count(errors, "error", "errors")}, {Display.Count(warnings, "warning", "warnings")}";
        console.MarkupLine(errors == 0
            ? $"[green]valid[/] {Display.Markup(path)}{what}: {counts}"
            : $"[red]invalid[/] {Display.Markup(path)}{what}: {counts}");
        if (report.Findings.IsEmpty)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("severity").AddColumn("code").AddColumn("where").AddColumn("message");
        foreach (var f in report.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal))
        {
            table.AddRow(
                f.Severity == Severity.Error ? "[red]error[/]" : "[yellow]warning[/]",
                Display.Markup(f.Code),
                Display.Markup(f.LineNumber is { } line ? $"{f.Location} (line {line})" : f.Location),
                Display.Markup(f.Message));
        }

        console.Write(table);
    }
}
