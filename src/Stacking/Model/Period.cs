using System.Globalization;
using System.Text;

namespace Stacking.Model;

/// <summary>A calendar duration in the ISO 8601 form <c>PnYnMnD</c> or <c>PnW</c> (spec §2).</summary>
/// <remarks>
/// <para>A period has years, months and days, each a non-negative integer; the week form <c>PnW</c> stands
/// alone and means n × 7 days. The text form keeps which components were written, so <c>P1Y0M</c>
/// formats back as <c>P1Y0M</c> and <c>P2W</c> as <c>P2W</c>; two periods are equal when their text forms are.</para>
/// <para>Adding a period to a date adds years, then months, then days, each step clamping the day to the end
/// of the month: 2024-02-29 + P1Y = 2025-02-28. Subtracting works the same way with negated parts. A result
/// beyond the range of <see cref="DateOnly"/> saturates at <see cref="DateOnly.MaxValue"/> or
/// <see cref="DateOnly.MinValue"/>; a holding's expiry beyond 9999-12-31 is none at all
/// (<see cref="Holding.ExpiresAt"/>), so the holding is valid on 9999-12-31 too.</para>
/// </remarks>
public readonly record struct Period
{
    [Flags]
    private enum Parts : byte
    {
        None = 0,
        Years = 1,
        Months = 2,
        Days = 4,
        Weeks = 8,
    }

    private readonly Parts _parts;

    private Period(int years, int months, int days, Parts parts)
    {
        Years = years;
        Months = months;
        Days = days;
        _parts = parts;
    }

    /// <summary>Creates a period of years, months and days.</summary>
    /// <param name="years">Whole years, ≥ 0.</param>
    /// <param name="months">Whole months, ≥ 0.</param>
    /// <param name="days">Whole days, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A component is negative.</exception>
    public Period(int years, int months, int days)
        : this(years, months, days, PartsOf(years, months, days))
    {
    }

    /// <summary>Gets the whole years.</summary>
    public int Years { get; }

    /// <summary>Gets the whole months.</summary>
    public int Months { get; }

    /// <summary>Gets the whole days (for the week form, 7 × weeks).</summary>
    public int Days { get; }

    /// <summary>Gets a value indicating whether the period was written in the week form <c>PnW</c>.</summary>
    public bool IsWeeks => (_parts & Parts.Weeks) != 0;

    /// <summary>Gets the period of zero days, <c>P0D</c>.</summary>
    public static Period Zero => new(0, 0, 0, Parts.Days);

    /// <summary>Creates a period of whole years.</summary>
    /// <param name="years">Whole years, ≥ 0.</param>
    /// <returns>The period <c>PnY</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative.</exception>
    public static Period FromYears(int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        return new Period(years, 0, 0, Parts.Years);
    }

    /// <summary>Creates a period of whole months.</summary>
    /// <param name="months">Whole months, ≥ 0.</param>
    /// <returns>The period <c>PnM</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is negative.</exception>
    public static Period FromMonths(int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        return new Period(0, months, 0, Parts.Months);
    }

    /// <summary>Creates a period of whole days.</summary>
    /// <param name="days">Whole days, ≥ 0.</param>
    /// <returns>The period <c>PnD</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static Period FromDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return new Period(0, 0, days, Parts.Days);
    }

    /// <summary>Creates a period of whole weeks, written <c>PnW</c>.</summary>
    /// <param name="weeks">Whole weeks, ≥ 0.</param>
    /// <returns>The period <c>PnW</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is negative or too large.</exception>
    public static Period FromWeeks(int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, int.MaxValue / 7);
        return new Period(0, 0, weeks * 7, Parts.Weeks);
    }

    /// <summary>Parses the ISO 8601 text of a period.</summary>
    /// <param name="text">Text such as <c>P3Y</c>, <c>P1Y6M</c>, <c>P90D</c> or <c>P2W</c>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a period of spec §2.</exception>
    public static Period Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a duration of the form PnYnMnD or PnW (for example P3Y, P1Y6M, P90D, P2W).");
    }

    /// <summary>Tries to parse the ISO 8601 text of a period.</summary>
    /// <param name="text">Text such as <c>P3Y</c>, <c>P1Y6M</c>, <c>P90D</c> or <c>P2W</c>.</param>
    /// <param name="period">The period, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a period of spec §2.</returns>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is null || text.Length < 3 || text[0] != 'P')
        {
            return false;
        }

        int years = 0, months = 0, days = 0;
        var parts = Parts.None;
        var i = 1;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                i++;
            }

            if (i == start || i == text.Length)
            {
                return false;
            }

            if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            // Components appear at most once and in the order Y, M, D; W appears alone.
            var unit = text[i++];
            switch (unit)
            {
                case 'Y' when parts == Parts.None:
                    years = value;
                    parts |= Parts.Years;
                    break;
                case 'M' when (parts & (Parts.Months | Parts.Days | Parts.Weeks)) == 0:
                    months = value;
                    parts |= Parts.Months;
                    break;
                case 'D' when (parts & (Parts.Days | Parts.Weeks)) == 0:
                    days = value;
                    parts |= Parts.Days;
                    break;
                case 'W' when parts == Parts.None && i == text.Length && value <= int.MaxValue / 7:
                    days = value * 7;
                    parts |= Parts.Weeks;
                    break;
                default:
                    return false;
            }
        }

        period = new Period(years, months, days, parts);
        return true;
    }

    /// <summary>Adds the period to a date: years, then months, then days, clamping to month ends.</summary>
    /// <param name="date">The start date.</param>
    /// <returns>The date, saturated at <see cref="DateOnly.MaxValue"/>.</returns>
    public DateOnly AddTo(DateOnly date) => Shift(date, +1);

    /// <summary>Subtracts the period from a date: years, then months, then days, clamping to month ends.</summary>
    /// <param name="date">The start date.</param>
    /// <returns>The date, saturated at <see cref="DateOnly.MinValue"/>.</returns>
    public DateOnly SubtractFrom(DateOnly date) => Shift(date, -1);

    /// <summary>Returns the ISO 8601 text of the period, in the form it was written.</summary>
    /// <returns>Text such as <c>P3Y</c>.</returns>
    public override string ToString()
    {
        var parts = _parts == Parts.None ? Parts.Days : _parts;
        if ((parts & Parts.Weeks) != 0)
        {
            return "P" + (Days / 7).ToString(CultureInfo.InvariantCulture) + "W";
        }

        var builder = new StringBuilder("P");
        if ((parts & Parts.Years) != 0)
        {
            builder.Append(Years.ToString(CultureInfo.InvariantCulture)).Append('Y');
        }

        if ((parts & Parts.Months) != 0)
        {
            builder.Append(Months.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if ((parts & Parts.Days) != 0)
        {
            builder.Append(Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        return builder.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(Period other) => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static Parts PartsOf(int years, int months, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var parts = Parts.None;
        if (years != 0)
        {
            parts |= Parts.Years;
        }

        if (months != 0)
        {
            parts |= Parts.Months;
        }

        if (days != 0 || parts == Parts.None)
        {
            parts |= Parts.Days;
        }

        return parts;
    }

    /// <summary>Adds the period to a date, or null when the result lies beyond <see cref="DateOnly.MaxValue"/>.</summary>
    /// <remarks>An expiry beyond the last representable date is never reached: a holding valid until then is valid on
    /// every date <see cref="DateOnly"/> can name, 9999-12-31 included, which the saturated <see cref="AddTo"/> would lose.</remarks>
    internal DateOnly? AddToOrNull(DateOnly date) => Shift(date, +1, out var result) ? result : null;

    private DateOnly Shift(DateOnly date, int sign) =>
        Shift(date, sign, out var result) ? result : sign > 0 ? DateOnly.MaxValue : DateOnly.MinValue;

    /// <summary>Shifts a date by the period; false when the result lies outside <see cref="DateOnly"/>'s range.</summary>
    private bool Shift(DateOnly date, int sign, out DateOnly result)
    {
        result = default;

        // DateOnly.AddYears and AddMonths clamp the day to the end of the month, as spec §2 requires.
        if ((long)Years > 9999 || (long)Months > 9999 * 12 || (long)Days > 9999 * 366)
        {
            return false;
        }

        var years = date.Year + (sign * Years);
        if (years is < 1 or > 9999)
        {
            return false;
        }

        date = date.AddYears(sign * Years);
        var monthIndex = (date.Year * 12L) + date.Month - 1 + (sign * (long)Months);
        if (monthIndex < 12 || monthIndex >= 10000 * 12)
        {
            return false;
        }

        date = date.AddMonths(sign * Months);
        var dayNumber = (long)date.DayNumber + (sign * (long)Days);
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        result = DateOnly.FromDayNumber((int)dayNumber);
        return true;
    }
}
