using System.CommandLine;
using Stacking.Cli.Infrastructure;
using Stacking.Graph;
using Stacking.Model;

namespace Stacking.Cli.Commands;

/// <summary><c>stacking graph CATALOG [--target ID] [--format mermaid|dot]</c>: the stacking graph as text.</summary>
internal static class GraphCommand
{
    /// <summary>The examples shown at the end of the command's help.</summary>
    public const string Examples =
        """
        stacking graph catalog.json > catalog.mmd
        stacking graph catalog.json --target data-analytics-cert --format dot | dot -Tsvg > pathway.svg
        """;

    public static Command Create()
    {
        var catalogArgument = CommonOptions.Catalog();
        var targetOption = CommonOptions.Target(required: false);
        targetOption.Description = "Draw only what leads to this credential.";
        var formatOption = new Option<string>("--format")
        {
            Description = "mermaid (renders on GitHub and in most Markdown viewers) or dot (Graphviz).",
            DefaultValueFactory = _ => "mermaid",
        };
        formatOption.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command(
            "graph",
            """
            Draw the stacking graph: an edge from each credential to every credential whose requirement uses it.
            """)
        {
            catalogArgument,
            targetOption,
            formatOption,
        };
        command.SetAction(parseResult => StackingCli.Guarded(() => Run(
            parseResult.GetValue(catalogArgument)!,
            parseResult.GetValue(targetOption),
            parseResult.GetValue(formatOption) ?? "mermaid")));
        return command;
    }

    private static int Run(string catalogPath, string? targetText, string format)
    {
        if (Loaded.From(catalogPath, learnerPath: null) is not { } loaded)
        {
            return ExitCodes.ValidationErrors;
        }

        var options = new GraphExportOptions
        {
            Target = targetText is null ? null : (CredentialId?)loaded.Target(targetText),
            PathwayOnly = targetText is not null,
            IncludeTitles = true,
        };
        var graph = StackingGraph.Build(loaded.Catalog);
        Console.Out.WriteLine(format == "dot" ? graph.ToDot(options) : graph.ToMermaid(options));
        return ExitCodes.Ok;
    }
}
