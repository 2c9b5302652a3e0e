using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Stacking.Cli.Infrastructure;

/// <summary>The <c>--as-of</c> option: an ISO date, today by default.</summary>
internal static class AsOf
{
    /// <summary>Creates the option.</summary>
    /// <remarks>
    /// The library never reads a clock (every evaluation takes its date explicitly); the command line is a
    /// sample at the edge of the system, so defaulting to today is its decision, and the date used is always
    /// echoed in the output.
    /// </remarks>
    public static Option<DateOnly?> CreateOption() => new("--as-of")
    {
        Description = "The date the question is asked at, as YYYY-MM-DD (default: today). Holdings earned later or expired by then do not count.",
        HelpName = "DATE",
        CustomParser = Parse,
    };

    /// <summary>Resolves the option's value: the date given, else today's date on this machine.</summary>
    public static DateOnly Resolve(DateOnly? value) => value ?? DateOnly.FromDateTime(DateTime.Today);

    private static DateOnly? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        // "2026-02-30" has the form but names no day: say so, rather than that the form is wrong.
        result.AddError(IsDateShaped(text)
            ? $"--as-of: '{text}' is not a date of the calendar (the form YYYY-MM-DD is right, the month or the day is not)."
            : $"--as-of: '{text}' is not a date of the form YYYY-MM-DD.");
        return null;
    }

    private static bool IsDateShaped(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-' && text.Where((c, i) => i is not (4 or 7)).All(char.IsAsciiDigit);
}
