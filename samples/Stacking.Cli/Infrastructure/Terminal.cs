using Spectre.Console;

namespace Stacking.Cli.Infrastructure;

/// <summary>The consoles human-readable output goes to.</summary>
internal static class Terminal
{
    /// <summary>Gets the console for standard output (tables and trees for people).</summary>
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Gets a console on standard error, for progress that must never mix with results on standard output.</summary>
    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });

        // Redirected output has no width; 80 columns would wrap every sentence of a log or a saved demo.
        if (redirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>Gets a value indicating whether standard error is an interactive terminal (progress is shown only then).</summary>
    public static bool ErrorIsTerminal => !Console.IsErrorRedirected;
}
