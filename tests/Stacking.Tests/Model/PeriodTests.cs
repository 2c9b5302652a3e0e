using Stacking.Model;

namespace Stacking.Tests.Model;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2024-02-29", "P1Y", "2025-02-28")]
    [InlineData("2024-01-31", "P1M", "2024-02-29")]
    [InlineData("2023-01-31", "P1M", "2023-02-28")]
    [InlineData("2024-01-31", "P1M1D", "2024-03-01")]
    [InlineData("2024-02-29", "P4Y", "2028-02-29")]
    [InlineData("2025-03-01", "P2W", "2025-03-15")]
    [InlineData("2025-03-01", "P0D", "2025-03-01")]
    public void AddingClampsEachStepToTheEndOfTheMonth(string start, string period, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Period.Parse(period).AddTo(DateOnly.Parse(start)));
    }

    [Theory]
    [InlineData("2025-02-28", "P1Y", "2024-02-28")]
    [InlineData("2024-03-31", "P1M", "2024-02-29")]
    [InlineData("2025-03-31", "P1Y1M", "2024-02-29")]
    public void SubtractingNegatesEachPartInTheSameOrder(string start, string period, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Period.Parse(period).SubtractFrom(DateOnly.Parse(start)));
    }

    [Theory]
    [InlineData("P3Y")]
    [InlineData("P1Y6M")]
    [InlineData("P1Y0M")]
    [InlineData("P90D")]
    [InlineData("P2W")]
    [InlineData("P1Y2M3D")]
    public void TextRoundTripsInTheFormItWasWritten(string text)
    {
        Assert.Equal(text, Period.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("3Y")]
    [InlineData("P1M1Y")]
    [InlineData("P1W1D")]
    [InlineData("P1Y1W")]
    [InlineData("P-1Y")]
    [InlineData("PT1H")]
    [InlineData("P1.5Y")]
    [InlineData("P1Y1Y")]
    public void MalformedTextIsRejected(string text)
    {
        Assert.False(Period.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Period.Parse(text));
    }

    [Fact]
    public void AdditionBeyondTheCalendarSaturates()
    {
        Assert.Equal(DateOnly.MaxValue, Period.FromYears(9000).AddTo(new DateOnly(2025, 1, 1)));
        Assert.Equal(DateOnly.MinValue, Period.FromYears(9000).SubtractFrom(new DateOnly(2025, 1, 1)));
    }
}
