using System.Globalization;
using System.Text.Json;

namespace Stacking.Cli.Tests;

public sealed class CheckCommandTests
{
    private static readonly string Catalog = CliProcess.Demo("catalog.json");
    private static readonly string Maya = CliProcess.Demo("learner-maya.json");
    private static readonly string Daniel = CliProcess.Demo("learner-daniel.json");

    [Fact]
    public void AnEligibleLearnerGetsEligibleTrueAndFullProgressInJson()
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", "data-viz", "--as-of", "2026-09-01", "--json");

        Assertions.ExitCode(0, result);
        var json = Assertions.Json(result);
        Assertions.HasMembers(json, "target", "asOf", "eligible", "progress", "explanation");
        Assert.Equal("data-viz", json.GetProperty("target").GetString());
        Assert.Equal("2026-09-01", json.GetProperty("asOf").GetString());
        Assert.True(json.GetProperty("eligible").GetBoolean());
        Assert.Equal(1.0, json.GetProperty("progress").GetDouble());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("explanation").ValueKind);
    }

    [Fact]
    public void NotEligibleIsAnAnswerWithExitCodeZero()
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", "data-analytics-cert", "--as-of", "2026-09-01", "--json");

        Assertions.ExitCode(0, result);
        var json = Assertions.Json(result);
        Assert.False(json.GetProperty("eligible").GetBoolean());
        var progress = json.GetProperty("progress").GetDouble();
        Assert.InRange(progress, 0.0, 0.999);
    }

    [Fact]
    public void ALapsedCertificationNoLongerCountsButItsRetakeIsOpen()
    {
        // Daniel's Cumulus architect certification (valid for three years) lapsed in March 2024.
        var retake = Assertions.Json(CliProcess.RunShared("check", Catalog, Daniel, "--target", "cws-architect", "--as-of", "2026-09-01", "--json"));
        var certificate = Assertions.Json(CliProcess.RunShared("check", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01", "--json"));

        Assert.True(retake.GetProperty("eligible").GetBoolean(), "retaking the certification is open to him");
        Assert.False(certificate.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public void HoldingsEarnedAfterTheAsOfDateDoNotCount()
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", "data-viz", "--as-of", "2020-01-01", "--json");

        Assertions.ExitCode(0, result);
        Assert.False(Assertions.Json(result).GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public void AsOfDefaultsToToday()
    {
        var result = CliProcess.Run("check", Catalog, Maya, "--target", "data-viz", "--json");

        Assertions.ExitCode(0, result);
        var today = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(today, Assertions.Json(result).GetProperty("asOf").GetString());
    }

    [Fact]
    public void PeopleGetAVerdictAndTheExplanationTree()
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", "data-analytics-cert", "--as-of", "2026-09-01");

        Assertions.ExitCode(0, result);
        Assert.Contains("not eligible", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-09-01", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTargetIsBadUsage()
    {
        var result = CliProcess.Run("check", Catalog, Maya, "--target", "no-such-credential");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("no-such-credential", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTargetIsBadUsage()
    {
        var result = CliProcess.Run("check", Catalog, Maya);

        Assertions.ExitCode(2, result);
        Assert.Contains("--target", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("01/09/2026")]
    [InlineData("yesterday")]
    public void AMalformedDateIsBadUsage(string date)
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", "data-viz", "--as-of", date);

        Assertions.ExitCode(2, result);
        Assert.Contains("YYYY-MM-DD", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ADateOfTheRightFormThatIsNotInTheCalendarIsBadUsageAndSaysWhichPartIsWrong()
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", "data-viz", "--as-of", "2026-02-30");

        Assertions.ExitCode(2, result);
        Assert.Contains("--as-of: '2026-02-30' is not a date of the calendar", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyTargetIsBadUsageNamingTheOption()
    {
        var result = CliProcess.RunShared("check", Catalog, Maya, "--target", string.Empty, "--as-of", "2026-09-01");

        Assertions.ExitCode(2, result);
        Assert.StartsWith("stacking: --target: '' is not a valid credential id", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ALearnerWithValidationErrorsExitsWithOne()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var learner = files.Write("learner.json", Fixtures.LearnerExpiresBeforeEarned);

        var result = CliProcess.Run("check", catalog, learner, "--target", "cert");

        Assertions.ExitCode(1, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("error", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void ACatalogWithValidationErrorsExitsWithOneBeforeEvaluating()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.CatalogWithUnknownReference);
        var learner = files.Write("learner.json", Fixtures.LearnerHoldingSql);

        var result = CliProcess.Run("check", catalog, learner, "--target", "cert", "--json");

        Assertions.ExitCode(1, result);
        Assert.Contains("STK002", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void AMalformedLearnerExitsWithTwo()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var learner = files.Write("learner.json", "{ \"format\": \"stacking/learner@1\", \"holdings\": [ }");

        var result = CliProcess.Run("check", catalog, learner, "--target", "cert");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("learner.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingLearnerFileExitsWithTwo()
    {
        var result = CliProcess.Run("check", Catalog, "/nonexistent/learner.json", "--target", "data-viz");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("learner.json", result.Stderr, StringComparison.Ordinal);
    }
}
