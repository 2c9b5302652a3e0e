using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Stacking.Cli.Infrastructure;

/// <summary>The planner's budget options, <c>--time-limit</c> and <c>--node-limit</c>, and Ctrl+C as a cancellation.</summary>
/// <remarks>
/// Without them the planner runs to a proof or to its default node budget. A budget or Ctrl+C that stops the
/// search still yields an honest answer: <c>feasible</c> with a proven lower bound, or <c>unknown</c> when no
/// plan was found yet (docs/planning.md).
/// </remarks>
internal static class Budgets
{
    /// <summary>The largest accepted <c>--time-limit</c>, one day, far beyond any interactive use.</summary>
    private const double MaxSeconds = 86_400;

    /// <summary>Creates <c>--time-limit SECONDS</c>.</summary>
    public static Option<double?> TimeLimit() => new("--time-limit")
    {
        Description = "Stop the search after this many seconds (decimals allowed) and answer with the best plan found and a proven lower bound.",
        HelpName = "SECONDS",
        CustomParser = ParseSeconds,
    };

    /// <summary>Creates <c>--node-limit N</c>.</summary>
    public static Option<long?> NodeLimit() => new("--node-limit")
    {
        Description = "Stop the search after this many branch-and-bound nodes (default: the library's, 200000).",
        HelpName = "N",
        CustomParser = ParseNodes,
    };

    /// <summary>Converts a validated <c>--time-limit</c> value.</summary>
    public static TimeSpan? ToTimeSpan(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>Runs a search that Ctrl+C cancels instead of killing the process, so the answer so far is still written.</summary>
    /// <typeparam name="T">The answer's type.</typeparam>
    /// <param name="search">The search, given the token that Ctrl+C cancels.</param>
    /// <returns>The search's answer.</returns>
    public static T Cancellable<T>(Func<CancellationToken, T> search)
    {
        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // A second Ctrl+C after the search stopped still ends the process the usual way.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return search(cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static double? ParseSeconds(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds > 0 && seconds <= MaxSeconds)
        {
            return seconds;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"--time-limit: '{text}' is not a number of seconds above 0 and at most {MaxSeconds}."));
        return null;
    }

    private static long? ParseNodes(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var nodes))
        {
            return nodes;
        }

        result.AddError($"--node-limit: '{text}' is not a whole number of 0 or more.");
        return null;
    }
}
