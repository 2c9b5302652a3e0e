using Spectre.Console;

namespace Stacking.Cli.Infrastructure;

/// <summary>The consoles human-readable output goes to.</summary>
internal static class Terminal
{
    /// <summary>Gets the console for standard output (tables and trees for people).</summary>
    public static IAnsiConsole Out { get; } = AnsiConsole.Console;

    /// <summary>Gets a console on standard error, for progress that must never mix with results on standard output.</summary>
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    /// <summary>Gets a value indicating whether standard error is an interactive terminal (progress is shown only then).</summary>
    public static bool ErrorIsTerminal => !Console.IsErrorRedirected;
}
