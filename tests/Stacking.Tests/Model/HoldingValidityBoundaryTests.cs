using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Tests.Generators;

namespace Stacking.Tests.Model;

/// <summary>Spec §4 validity at the boundaries, for holdings as read from documents: valid from the day earned, invalid from the day it expires.</summary>
public sealed class HoldingValidityBoundaryTests
{
    private const string CatalogJsonText = """
        {"format": "stacking/catalog@1", "credentials": [
          {"id": "cert", "validFor": "P1Y"},
          {"id": "badge"},
          {"id": "course", "validFor": "P6M"}]}
        """;

    private const string LearnerJsonText = """
        {"format": "stacking/learner@1", "holdings": [
          {"credential": "cert", "earned": "2024-02-29"},
          {"credential": "badge", "earned": "2025-01-31"},
          {"credential": "course", "earned": "2024-08-31", "expires": "2025-01-01"}]}
        """;

    [Theory]
    [InlineData("cert", "2024-02-28", false)]
    [InlineData("cert", "2024-02-29", true)]
    [InlineData("cert", "2025-02-27", true)]
    [InlineData("cert", "2025-02-28", false)]
    [InlineData("badge", "2025-01-30", false)]
    [InlineData("badge", "2025-01-31", true)]
    [InlineData("badge", "9999-12-31", true)]
    [InlineData("course", "2024-12-31", true)]
    [InlineData("course", "2025-01-01", false)]
    [InlineData("course", "2025-02-28", false)]
    public void AHoldingReadFromADocumentIsValidFromTheDayEarnedUntilTheDayBeforeItExpires(string credential, string asOf, bool valid)
    {
        var catalog = CatalogJson.Read(CatalogJsonText);
        var learner = LearnerJson.Read(LearnerJsonText);
        var holding = learner.Holdings.Single(h => h.Credential.Value == credential);

        Assert.Equal(valid, holding.IsValidAt(DateOnly.Parse(asOf), catalog[holding.Credential].ValidFor));
    }

    [Property(MaxTest = 300)]
    public Property EarnedOnTIsValidOnTAndExpiringOnTIsNot() =>
        Prop.ForAll(
            StackingGenerators.Dates.Where(d => d.Year is > 1 and < 9000).ToArbitrary(),
            StackingGenerators.Periods.Where(p => p.Years + p.Months + p.Days > 0).ToArbitrary(),
            (earned, validFor) =>
            {
                var holding = new Holding("x", earned);
                var expiry = validFor.AddTo(earned);
                return holding.IsValidAt(earned, validFor)
                    && !holding.IsValidAt(earned.AddDays(-1), validFor)
                    && holding.IsValidAt(expiry.AddDays(-1), validFor)
                    && !holding.IsValidAt(expiry, validFor)
                    && !new Holding("x", earned, expires: earned).IsValidAt(earned, validFor);
            });

    [Property(MaxTest = 200)]
    public Property ValidityIsExactlyTheHalfOpenIntervalFromEarnedToExpiry() =>
        Prop.ForAll(
            StackingGenerators.Dates.Where(d => d.Year is > 1 and < 9000).ToArbitrary(),
            Gen.Choose(-800, 800).ToArbitrary(),
            StackingGenerators.Periods.ToArbitrary(),
            (earned, offset, validFor) =>
            {
                var asOf = earned.AddDays(offset);
                var expiresAt = validFor.AddTo(earned);
                var holding = new Holding("x", earned);
                return holding.IsValidAt(asOf, validFor) == (earned <= asOf && asOf < expiresAt);
            });

    [Theory]
    [InlineData("P1Y", "9999-12-31", false)]
    [InlineData("P7999Y", "9999-12-31", true)]
    [InlineData("P2147483647D", "9999-12-31", true)]
    [InlineData("P7979Y11M30D", "9999-12-30", true)]
    [InlineData("P7979Y11M30D", "9999-12-31", false)]
    public void AHoldingWhoseExpiryLiesBeyondTheCalendarIsValidOnItsLastDate(string validFor, string asOf, bool valid)
    {
        // Earned 2020-01-01: + P7979Y11M30D is exactly 9999-12-31 (expired that day); anything longer lies beyond it.
        var holding = new Holding(new CredentialId("cert"), new DateOnly(2020, 1, 1));
        var period = Period.Parse(validFor);
        Assert.Equal(valid, holding.IsValidAt(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), period));
    }
}
