using System.Globalization;
using System.Text;

namespace Stacking.Cli.Infrastructure;

/// <summary>Makes text from documents safe to print on a terminal or in a line-oriented log.</summary>
/// <remarks>
/// Titles, ids, node ids and learner ids come from catalogs and LMS exports, and reach standard output and standard
/// error in the human-readable forms. A control character there would let a document forge an output line (a line
/// break inside a validation message) or drive the terminal (an escape sequence that clears the screen or sets the
/// window title, also through C1 controls such as U+009B). So every C0 and C1 control character, DEL, the line and
/// paragraph separators U+2028/U+2029 and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069,
/// which reorder what a reader sees) is printed as its escape, <c>\u001B</c>, the way the JSON output writes it.
/// The JSON output needs none of this: its writer escapes control characters itself.
/// </remarks>
internal static class Display
{
    /// <summary>Returns <paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>.</summary>
    public static string Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (Unsafe.Contains(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Returns <paramref name="text"/> made safe (<see cref="Plain"/>) and escaped as Spectre markup.</summary>
    public static string Markup(string text) => Spectre.Console.Markup.Escape(Plain(text));

    /// <summary>Returns "1 error", "2 errors": the count and its noun, singular only for exactly one.</summary>
    public static string Count(decimal count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{Plans.Number(count)} {(count == 1 ? singular : plural)}");

    /// <summary>Writes one line to standard error, made safe: a message that quotes a document stays one line.</summary>
    public static void Error(string line) => Console.Error.WriteLine(Plain(line));

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(Characters());

    private static string Characters()
    {
        var sb = new StringBuilder();
        for (var c = '\u0000'; c <= '\u001F'; c++)
        {
            sb.Append(c);
        }

        for (var c = '\u007F'; c <= '\u009F'; c++)
        {
            sb.Append(c);
        }

        sb.Append("\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
        return sb.ToString();
    }
}
