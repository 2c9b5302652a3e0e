using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Tests.Generators;

namespace Stacking.Tests.Model;

/// <summary>Period arithmetic at month ends and leap days (spec §2), checked against a small independent reference.</summary>
public sealed class PeriodCalendarTests
{
    [Theory]
    [InlineData("2024-03-31", "P1M", "2024-04-30")]
    [InlineData("2024-12-31", "P2M", "2025-02-28")]
    [InlineData("2023-12-31", "P2M", "2024-02-29")]
    [InlineData("2024-02-29", "P12M", "2025-02-28")]
    [InlineData("2023-02-28", "P1Y", "2024-02-28")]
    [InlineData("2024-02-28", "P1D", "2024-02-29")]
    [InlineData("2024-02-29", "P1D", "2024-03-01")]
    [InlineData("2023-12-31", "P1D", "2024-01-01")]
    [InlineData("2024-01-30", "P1M1D", "2024-03-01")]
    [InlineData("2023-01-31", "P1Y1M", "2024-02-29")]
    [InlineData("2024-02-29", "P1Y1D", "2025-03-01")]
    [InlineData("2020-02-29", "P100Y", "2120-02-29")]
    [InlineData("2000-02-29", "P100Y", "2100-02-28")]
    [InlineData("2024-02-22", "P1W", "2024-02-29")]
    [InlineData("2024-12-31", "P0Y0M0D", "2024-12-31")]
    public void AddingAtMonthEndsAndLeapDaysClampsEachStep(string start, string period, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Period.Parse(period).AddTo(DateOnly.Parse(start)));
    }

    [Theory]
    [InlineData("2024-02-29", "P1Y", "2023-02-28")]
    [InlineData("2024-03-30", "P1M", "2024-02-29")]
    [InlineData("2023-03-31", "P1M", "2023-02-28")]
    [InlineData("2024-03-01", "P1D", "2024-02-29")]
    [InlineData("2024-01-01", "P1D", "2023-12-31")]
    [InlineData("2025-03-31", "P1M1D", "2025-02-27")]
    [InlineData("2024-05-31", "P3M", "2024-02-29")]
    public void SubtractingAtMonthEndsAndLeapDaysClampsEachStep(string start, string period, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Period.Parse(period).SubtractFrom(DateOnly.Parse(start)));
    }

    [Property(MaxTest = 300)]
    public Property AddingAgreesWithTheCalendarReference() =>
        Prop.ForAll(Dates.ToArbitrary(), StackingGenerators.Periods.ToArbitrary(), (date, period) =>
            period.AddTo(date) == Reference(date, period, +1));

    [Property(MaxTest = 300)]
    public Property SubtractingAgreesWithTheCalendarReference() =>
        Prop.ForAll(Dates.ToArbitrary(), StackingGenerators.Periods.ToArbitrary(), (date, period) =>
            period.SubtractFrom(date) == Reference(date, period, -1));

    [Property(MaxTest = 200)]
    public Property AddingIsMonotoneInTheDate() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(0, 800).ToArbitrary(), StackingGenerators.Periods.ToArbitrary(), (date, later, period) =>
            period.AddTo(date) <= period.AddTo(date.AddDays(later)));

    [Property(MaxTest = 200)]
    public Property AddingNeverGoesBackAndSubtractingNeverGoesForward() =>
        Prop.ForAll(Dates.ToArbitrary(), StackingGenerators.Periods.ToArbitrary(), (date, period) =>
            period.AddTo(date) >= date && period.SubtractFrom(date) <= date);

    [Property(MaxTest = 200)]
    public Property AWeekIsSevenDays() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), (date, weeks) =>
            Period.FromWeeks(weeks).AddTo(date) == Period.FromDays(weeks * 7).AddTo(date)
            && Period.Parse($"P{weeks}W").AddTo(date) == date.AddDays(weeks * 7));

    [Property(MaxTest = 200)]
    public Property EveryPeriodRoundTripsThroughItsText() =>
        Prop.ForAll(StackingGenerators.Periods.ToArbitrary(), period =>
            Period.TryParse(period.ToString(), out var parsed) && parsed.Equals(period) && parsed.ToString() == period.ToString());

    private static Gen<DateOnly> Dates => Gen.Choose(new DateOnly(1900, 1, 1).DayNumber, new DateOnly(2200, 12, 31).DayNumber).Select(DateOnly.FromDayNumber);

    /// <summary>Years, then months, then days, each step clamping the day to the month's length: written from the spec, not from DateOnly's helpers.</summary>
    private static DateOnly Reference(DateOnly date, Period period, int sign)
    {
        int year = date.Year, month = date.Month, day = date.Day;
        year += sign * period.Years;
        day = Math.Min(day, DaysIn(year, month));
        var months = (year * 12) + (month - 1) + (sign * period.Months);
        year = months / 12;
        month = (months % 12) + 1;
        day = Math.Min(day, DaysIn(year, month));
        return DateOnly.FromDayNumber(new DateOnly(year, month, day).DayNumber + (sign * period.Days));
    }

    private static int DaysIn(int year, int month)
    {
        var leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month switch
        {
            2 => leap ? 29 : 28,
            4 or 6 or 9 or 11 => 30,
            _ => 31,
        };
    }
}
