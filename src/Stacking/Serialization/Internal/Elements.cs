using System.Globalization;
using System.Text.Json;
using Stacking.Model;

namespace Stacking.Serialization.Internal;

/// <summary>Typed reads of parsed JSON values, each failing with the path of the value.</summary>
internal static class Elements
{
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static StackingFormatException WrongType(ReadSession session, PathRef jsonPath, string expected, JsonElement actual) =>
        session.Fail(jsonPath, $"Expected {expected}, found {Describe(actual.ValueKind)}.");

    /// <summary>Reads an optional string: null reads as absent.</summary>
    public static string? OptionalString(ReadSession session, JsonElement element, PathRef jsonPath) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        _ => throw WrongType(session, jsonPath, "a string", element),
    };

    /// <summary>Reads a required string.</summary>
    public static string RequiredString(ReadSession session, JsonElement element, PathRef jsonPath) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw WrongType(session, jsonPath, "a string", element);

    /// <summary>Reads a number exactly, as a decimal.</summary>
    /// <remarks>
    /// Spec §2: numbers are exact decimals, and a document read and written again loses nothing. A number beyond
    /// decimal's range is refused, and so is one that a decimal holds only rounded (more than 28 or 29 significant
    /// digits, or below 1e-28 in magnitude): <see cref="JsonElement.TryGetDecimal"/> rounds it silently, so that 1e-40
    /// read as 0 and was then left out as the default.
    /// </remarks>
    public static decimal Decimal(ReadSession session, JsonElement element, PathRef jsonPath)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(session, jsonPath, "a number", element);
        }

        var raw = element.GetRawText();
        if (!element.TryGetDecimal(out var value))
        {
            throw session.Fail(jsonPath, OutOfRange(raw));
        }

        return HoldsExactly(value, raw) ? value : throw session.Fail(jsonPath, Rounded(raw));
    }

    /// <summary>The message for a number beyond decimal's range.</summary>
    public static string OutOfRange(string jsonNumber) =>
        $"The number {Shorten(jsonNumber)} is outside the range of exact decimals (magnitude below 7.9e28).";

    /// <summary>The message for a number a decimal would hold only rounded.</summary>
    public static string Rounded(string jsonNumber) =>
        $"The number {Shorten(jsonNumber)} has more significant digits than an exact decimal holds (28, down to 1e-28): it would be rounded.";

    /// <summary>Gets whether a decimal is exactly the number a JSON number's UTF-8 text writes.</summary>
    /// <remarks>At most 28 characters without an exponent always fit (at most 28 digits, at most 26 after the point), so
    /// the usual number is decided without a string.</remarks>
    public static bool HoldsExactly(decimal value, ReadOnlySpan<byte> jsonNumber) =>
        (jsonNumber.Length <= 28 && jsonNumber.IndexOfAny((byte)'e', (byte)'E') < 0)
        || HoldsExactly(value, System.Text.Encoding.UTF8.GetString(jsonNumber));

    /// <summary>Gets whether a decimal is exactly the number a JSON number text writes (its digits and scale, trailing zeros aside).</summary>
    public static bool HoldsExactly(decimal value, string jsonNumber)
    {
        if (jsonNumber.Length <= 28 && jsonNumber.IndexOfAny(['e', 'E']) < 0)
        {
            return true;
        }

        var written = Significant(jsonNumber);
        var held = Significant(value.ToString(CultureInfo.InvariantCulture));
        return written is { } w && held is { } h
            && w.Digits == h.Digits
            && (w.Digits.Length == 0 || (w.Negative == h.Negative && w.Exponent == h.Exponent));
    }

    /// <summary>Splits a JSON number into its sign, its significant digits and the power of ten of the last one; null when the exponent is out of all range.</summary>
    private static (bool Negative, string Digits, long Exponent)? Significant(string number)
    {
        var negative = number.StartsWith('-');
        var mantissa = negative ? number[1..] : number;
        long exponent = 0;
        var e = mantissa.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!long.TryParse(mantissa.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > int.MaxValue)
            {
                // More than ten digits of exponent: zero digits read as zero, anything else is far out of decimal's range.
                return mantissa[..e].Trim('0', '.').Length == 0 ? (negative, string.Empty, 0) : null;
            }

            mantissa = mantissa[..e];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
        }

        digits = digits.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return (negative, trimmed, trimmed.Length == 0 ? 0 : exponent);
    }

    /// <summary>Reads an integer; a number that is not one is reported (STK004) and replaced by a rounded placeholder.</summary>
    /// <param name="session">The read.</param>
    /// <param name="element">The value.</param>
    /// <param name="jsonPath">Its JSON path.</param>
    /// <param name="roundUp">
    /// Round a fraction up (thresholds: "at least 2.5" holds exactly when "at least 3" does) or down
    /// (attributes: a credential "at level 2.5" meets what "level 2" meets).
    /// </param>
    /// <param name="report">Reports the fault with the message; returns normally only when lenient.</param>
    /// <returns>The integer, or the placeholder, clamped to the range of <see cref="int"/>.</returns>
    public static (int Value, bool Exact) Integer(ReadSession session, JsonElement element, PathRef jsonPath, bool roundUp, Action<string> report)
    {
        var value = Decimal(session, element, jsonPath);
        var rounded = roundUp ? Math.Ceiling(value) : Math.Floor(value);
        var clamped = Math.Clamp(rounded, int.MinValue, int.MaxValue);
        if (value == rounded && rounded == clamped)
        {
            return ((int)value, true);
        }

        report($"{element.GetRawText()} is not an integer in the range of a 32-bit int.");
        return ((int)clamped, false);
    }

    /// <summary>Reads a boolean.</summary>
    public static bool Boolean(ReadSession session, JsonElement element, PathRef jsonPath) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongType(session, jsonPath, "true or false", element),
    };

    /// <summary>Parses a credential id, failing when the text breaks the id rule of spec §2.</summary>
    public static CredentialId CredentialId(ReadSession session, string text, PathRef jsonPath) =>
        Model.CredentialId.TryParse(text, out var id)
            ? id
            : throw session.Fail(jsonPath, $"\"{Shorten(text)}\" is not a valid credential id: it must be 1-256 characters, with no control characters, and not only white space.");

    /// <summary>Parses a skill id, failing when the text breaks the id rule of spec §2.</summary>
    public static SkillId SkillId(ReadSession session, string text, PathRef jsonPath) =>
        Model.SkillId.TryParse(text, out var id)
            ? id
            : throw session.Fail(jsonPath, $"\"{Shorten(text)}\" is not a valid skill id: it must be 1-256 characters, with no control characters, and not only white space.");

    /// <summary>Reads an array of credential ids.</summary>
    public static List<CredentialId> CredentialIds(ReadSession session, JsonElement element, PathRef jsonPath)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(session, jsonPath, "an array of credential ids", element);
        }

        var ids = new List<CredentialId>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw WrongType(session, $"{jsonPath}[{index}]", "a credential id", item);
            }

            var text = item.GetString()!;
            ids.Add(Model.CredentialId.TryParse(text, out var id) ? id : CredentialId(session, text, $"{jsonPath}[{index}]"));
            index++;
        }

        return ids;
    }

    /// <summary>Parses a calendar date written strictly as <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (text is null || text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (i is not (4 or 7) && !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Converts the extension data of a transfer object into extension members, in document order.</summary>
    public static List<KeyValuePair<string, string>> Extensions(Dictionary<string, JsonElement>? extra)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                list.Add(new(name, value.GetRawText()));
            }
        }

        return list;
    }

    /// <summary>Shortens text for a message: ids can be long.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
