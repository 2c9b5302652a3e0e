using Stacking.Model;

namespace Stacking.Tests.Model;

public sealed class HoldingValidityTests
{
    private static readonly DateOnly Earned = new(2024, 2, 29);

    [Fact]
    public void AHoldingIsValidOnTheDayItIsEarnedAndNotBefore()
    {
        var holding = new Holding("x", Earned);
        Assert.True(holding.IsValidAt(Earned, validFor: null));
        Assert.False(holding.IsValidAt(Earned.AddDays(-1), validFor: null));
    }

    [Fact]
    public void AHoldingIsNoLongerValidOnItsExpiryDate()
    {
        var holding = new Holding("x", Earned);
        var validFor = Period.FromYears(1);
        Assert.Equal(new DateOnly(2025, 2, 28), holding.ExpiresAt(validFor));
        Assert.True(holding.IsValidAt(new DateOnly(2025, 2, 27), validFor));
        Assert.False(holding.IsValidAt(new DateOnly(2025, 2, 28), validFor));
    }

    [Fact]
    public void AnExplicitExpiryOverridesValidFor()
    {
        var holding = new Holding("x", Earned, expires: new DateOnly(2030, 1, 1));
        Assert.True(holding.IsValidAt(new DateOnly(2029, 12, 31), Period.FromYears(1)));
        Assert.False(holding.IsValidAt(new DateOnly(2030, 1, 1), Period.FromYears(1)));
    }

    [Fact]
    public void WithoutValidForOrExpiryAHoldingNeverExpires()
    {
        var holding = new Holding("x", Earned);
        Assert.Null(holding.ExpiresAt(null));
        Assert.True(holding.IsValidAt(DateOnly.MaxValue, null));
    }

    [Fact]
    public void WhatIfHoldingsLeaveTheOriginalRecordUnchanged()
    {
        var record = new LearnerRecord("l1", [new Holding("a", Earned)]);
        var extended = record.WithHoldings([new Holding("b", Earned)]);
        Assert.Single(record.Holdings);
        Assert.Equal(2, extended.Holdings.Length);
        Assert.NotEqual(record, extended);
        Assert.Equal(record, new LearnerRecord("l1", [new Holding("a", Earned)]));
    }
}
