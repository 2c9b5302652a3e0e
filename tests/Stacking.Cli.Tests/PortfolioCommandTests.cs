namespace Stacking.Cli.Tests;

public sealed class PortfolioCommandTests
{
    private static readonly string Catalog = CliProcess.Demo("catalog.json");

    [Fact]
    public void HoldingsAreGroupedBySkillAreaWithWhatTheyStackInto()
    {
        var result = CliProcess.RunShared("portfolio", Catalog, CliProcess.Demo("learner-maya.json"), "--as-of", "2026-09-01", "--json");

        Assertions.ExitCode(0, result);
        var json = Assertions.Json(result);
        Assertions.HasMembers(json, "learner", "asOf", "areas", "expiringSoon", "lapsed");
        var areas = json.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area").GetString()!);
        Assert.Contains("Digital marketing", areas.Keys);
        Assert.Contains("Data analysis", areas.Keys);
        var spreadsheets = areas["Data analysis"].GetProperty("credentials").EnumerateArray()
            .Single(c => c.GetProperty("credential").GetString() == "spreadsheets-essentials");
        var into = spreadsheets.GetProperty("stacksInto").EnumerateArray().ToDictionary(
            s => s.GetProperty("credential").GetString()!, s => s.GetProperty("eligibleNow").GetBoolean());
        Assert.True(into["data-viz"], "her spreadsheet course opens Data Visualisation now");
        Assert.True(into.ContainsKey("spreadsheet-modelling"));
    }

    [Fact]
    public void LapsedCertificationsAreListedApart()
    {
        var json = Assertions.Json(CliProcess.RunShared("portfolio", Catalog, CliProcess.Demo("learner-daniel.json"), "--as-of", "2026-09-01", "--json"));

        var lapsed = json.GetProperty("lapsed").EnumerateArray().Select(e => e.GetProperty("credential").GetString()).ToArray();
        Assert.Equal(new[] { "cws-practitioner", "cws-architect" }, lapsed);
        Assert.DoesNotContain(
            json.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("credentials").EnumerateArray()),
            c => c.GetProperty("credential").GetString() == "cws-architect");
    }

    [Fact]
    public void HoldingsThatExpireSoonAreFlagged()
    {
        // On 2024-01-01 the architect certification (expires 2024-03-15) is valid, and expires within 180 days.
        var json = Assertions.Json(CliProcess.RunShared("portfolio", Catalog, CliProcess.Demo("learner-daniel.json"), "--as-of", "2024-01-01", "--json"));

        var soon = json.GetProperty("expiringSoon").EnumerateArray().Single();
        Assert.Equal("cws-architect", soon.GetProperty("credential").GetString());
        Assert.Equal("2024-03-15", soon.GetProperty("expires").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("-1")]
    public void ADayCountThatIsNotAWholeNumberInRangeIsBadUsageNotAStackTrace(string days)
    {
        // "abc" and a number beyond int crashed the parser's validator: a stack trace and exit code 134.
        var result = CliProcess.Run("portfolio", Catalog, CliProcess.Demo("learner-daniel.json"), "--expiring-within", days);

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.StartsWith($"stacking: --expiring-within: '{days}' is not a whole number of days", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLargestDayCountFlagsEveryHoldingThatExpiresAtAll()
    {
        var json = Assertions.Json(CliProcess.Run("portfolio", Catalog, CliProcess.Demo("learner-daniel.json"), "--as-of", "2024-01-01", "--expiring-within", "2147483647", "--json"));

        Assert.Contains(json.GetProperty("expiringSoon").EnumerateArray(), e => e.GetProperty("credential").GetString() == "cws-architect");
    }

    [Fact]
    public void PeopleGetATablePerArea()
    {
        var result = CliProcess.RunShared("portfolio", Catalog, CliProcess.Demo("learner-daniel.json"), "--as-of", "2026-09-01");

        Assertions.ExitCode(0, result);
        Assert.Contains("Cloud", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Lapsed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificationEarnedAgainIsHeldNotLapsed()
    {
        // The 2018 practitioner certification lapsed in 2021; earned again in 2025, it is listed as held, and the old
        // holding no longer under "Lapsed (no longer counts towards anything)".
        using var files = new TempFiles();
        var learner = files.Write("retaken.json", """
            {"format": "stacking/learner@1", "id": "retaken", "holdings": [
              {"credential": "cws-practitioner", "earned": "2018-05-10"},
              {"credential": "cws-practitioner", "earned": "2025-01-20"},
              {"credential": "cws-architect", "earned": "2021-03-15"}]}
            """);

        var json = Assertions.Json(CliProcess.Run("portfolio", Catalog, learner, "--as-of", "2026-09-01", "--json"));

        var lapsed = json.GetProperty("lapsed").EnumerateArray().Select(e => e.GetProperty("credential").GetString()).ToArray();
        Assert.Equal(new[] { "cws-architect" }, lapsed);
        Assert.Contains(
            json.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("credentials").EnumerateArray()),
            c => c.GetProperty("credential").GetString() == "cws-practitioner" && c.GetProperty("earned").GetString() == "2025-01-20");
    }
}
