using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Stacking.Cli.Infrastructure;

/// <summary>The standard help, followed by the examples of the command asked about.</summary>
/// <remarks>
/// Examples live apart from descriptions so that the root's command list stays one line per command while
/// <c>stacking COMMAND --help</c> still ends with something to copy.
/// </remarks>
internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _inner;
    private readonly IReadOnlyDictionary<Command, string> _examples;

    public ExamplesHelpAction(HelpAction inner, IReadOnlyDictionary<Command, string> examples)
    {
        _inner = inner;
        _examples = examples;
    }

    /// <summary>Installs the action on the root's (recursive) help option.</summary>
    public static void Install(Command root, IReadOnlyDictionary<Command, string> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!, examples);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = _inner.Invoke(parseResult);
        if (_examples.TryGetValue(parseResult.CommandResult.Command, out var text))
        {
            parseResult.InvocationConfiguration.Output.WriteLine("Examples:");
            foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
            {
                parseResult.InvocationConfiguration.Output.WriteLine("  " + line);
            }

            parseResult.InvocationConfiguration.Output.WriteLine();
        }

        return exitCode;
    }
}
