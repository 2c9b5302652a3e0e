using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Stacking.Cli.Commands;
using Stacking.Cli.Demo;
using Stacking.Cli.Infrastructure;

namespace Stacking.Cli;

/// <summary>The <c>stacking</c> command line of spec §10: a thin shell over the library's public API.</summary>
internal static class StackingCli
{
    private const string RootExamples =
        """
        stacking                                  the guided demo
        stacking validate catalog.json
        stacking check catalog.json learner.json --target data-analytics-cert
        stacking plan catalog.json learner.json --target data-analytics-cert --objective cost
        stacking graph catalog.json --target data-analytics-cert --format mermaid
        stacking batch catalog.json cohort.jsonl --target data-analytics-cert > results.jsonl
        stacking portfolio catalog.json learner.json
        """;

    /// <summary>Parses and runs a command line; returns the exit code of spec §10.</summary>
    public static int Run(string[] args) => Guarded(() => ParseAndRun(args));

    /// <summary>Parses and runs; the caller turns anything the parser itself throws into one line and exit code 2.</summary>
    private static int ParseAndRun(string[] args)
    {
        var root = BuildRoot();
        var parseResult = root.Parse(args);

        // System.CommandLine answers parse errors with exit code 1; spec §10 reserves 1 for validation errors,
        // so bad usage is reported here, as 2, before anything runs.
        if (parseResult.Errors.Count > 0 && parseResult.Action is not (HelpAction or ExamplesHelpAction))
        {
            foreach (var error in parseResult.Errors)
            {
                Display.Error($"stacking: {Describe(error)}");
            }

            Display.Error("Run 'stacking --help' (or 'stacking COMMAND --help') for usage and examples.");
            return ExitCodes.BadInput;
        }

        return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Builds the command tree.</summary>
    /// <remarks>
    /// The root is a plain command named <c>stacking</c> rather than a <see cref="RootCommand"/>, which takes the
    /// name of the entry assembly (<c>Stacking.Cli</c>, see the project file) for every "Usage:" line of the help:
    /// the command people type is <c>stacking</c> (spec §10), and the help's examples say so too.
    /// </remarks>
    public static Command BuildRoot()
    {
        var root = new Command(
            "stacking",
            """
            Credential stacking rules: validate catalogs, check eligibility, plan the cheapest pathway to a
            qualification, draw the stacking graph and evaluate cohorts. With no command, runs a short guided
            demo on an embedded sample catalog.

            Exit codes: 0 the command ran (not eligible and infeasible are answers), 1 validation errors
            (listed on standard error), 2 bad usage, a file that cannot be read, or malformed JSON.
            """)
        {
            new HelpOption(),
            new VersionOption(),
        };
        var examples = new Dictionary<Command, string>
        {
            [root] = RootExamples,
        };
        void Add(Command command, string text)
        {
            root.Subcommands.Add(command);
            examples[command] = text;
        }

        Add(ValidateCommand.Create(), ValidateCommand.Examples);
        Add(CheckCommand.Create(), CheckCommand.Examples);
        Add(PlanCommand.Create(), PlanCommand.Examples);
        Add(GraphCommand.Create(), GraphCommand.Examples);
        Add(BatchCommand.Create(), BatchCommand.Examples);
        Add(PortfolioCommand.Create(), PortfolioCommand.Examples);
        ExamplesHelpAction.Install(root, examples);
        root.SetAction(_ => Guarded(DemoRunner.Run));
        return root;
    }

    /// <summary>Formats a parse error as one line that names the option it is about.</summary>
    /// <remarks>
    /// System.CommandLine lists the accepted values of an option on lines of their own and without the option's name
    /// ("Argument 'COST' not recognized. Must be one of:" then "'hours'", "'cost'"); spec §10 asks for one clear line.
    /// </remarks>
    private static string Describe(ParseError error)
    {
        // "Required argument missing for command: 'check'." (once per missing argument) does not say which: name it.
        if (error.Message.StartsWith("Required argument missing for command", StringComparison.Ordinal)
            && error.SymbolResult is ArgumentResult { Argument.Name: var argument, Parent: CommandResult { Command.Name: var command } })
        {
            return $"{command}: {argument} is missing.";
        }

        var lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var message = lines.Length <= 1 ? error.Message.Trim() : $"{lines[0]} {string.Join(", ", lines.Skip(1))}";
        return error.SymbolResult is OptionResult { Option.Name: var name } && !message.Contains(name, StringComparison.Ordinal)
            ? $"{name}: {message}"
            : message;
    }

    /// <summary>Runs a command body, turning unusable input into one line on standard error and exit code 2.</summary>
    public static int Guarded(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (BadInputException e)
        {
            Display.Error($"stacking: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            // Reading is checked where the files are opened (BadInputException); what is left is a stream that failed
            // while the command ran, standard output on a full disk or a closed pipe: not the input's fault.
            Display.Error($"stacking: a read or write failed while the command ran: {e.Message}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The last resort of spec §10: whatever fails, one line on standard error and never a stack trace.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Display.Error($"stacking: the input could not be processed (internal error, please report it with the input): {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
