using System.Text.Json;

namespace Stacking.Cli.Tests;

public sealed class PlanCommandTests
{
    private static readonly string Catalog = CliProcess.Demo("catalog.json");
    private static readonly string Daniel = CliProcess.Demo("learner-daniel.json");
    private static readonly string Aisha = CliProcess.Demo("learner-aisha.json");

    private static string[] Steps(JsonElement json) =>
        json.GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToArray();

    [Fact]
    public void TheJsonAnswerHasEveryMemberOfTheContract()
    {
        var result = CliProcess.RunShared("plan", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01", "--objective", "cost", "--json");

        Assertions.ExitCode(0, result);
        var json = Assertions.Json(result);
        Assertions.HasMembers(json, "target", "asOf", "objective", "status", "steps", "hours", "cost", "credits", "lowerBound");
        Assert.Equal("cloud-cert", json.GetProperty("target").GetString());
        Assert.Equal("cost", json.GetProperty("objective").GetString());
        Assert.Equal("optimal", json.GetProperty("status").GetString());
    }

    [Fact]
    public void TheCheapestPlanForTheLapsedCloudEngineerTakesTheCheapVendorCertification()
    {
        // Architecture: Altostrat (140 h, 200 USD) beats a Cumulus retake (120 h, 300) and the university course (100 h, 980).
        var json = Assertions.Json(CliProcess.RunShared("plan", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01", "--objective", "cost", "--json"));

        Assert.Equal(new[] { "altostrat-engineer", "cloud-cert", "cloud-security" }, Steps(json).Order(StringComparer.Ordinal));
        Assert.Equal("cloud-cert", Steps(json)[^1]);
        Assert.Equal(950m, json.GetProperty("cost").GetDecimal());
        Assert.Equal(200m, json.GetProperty("hours").GetDecimal());
        Assert.True(json.GetProperty("lowerBound").GetDecimal() <= 950m);
    }

    [Fact]
    public void TheFastestPlanForTheLapsedCloudEngineerTakesTheUniversityCourse()
    {
        var json = Assertions.Json(CliProcess.RunShared("plan", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01", "--json"));

        Assert.Equal("hours", json.GetProperty("objective").GetString());
        Assert.Contains("cloud-architecture", Steps(json));
        Assert.Equal(160m, json.GetProperty("hours").GetDecimal());
        Assert.Equal(1730m, json.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public void TheTotalsAreTheSumsOfTheStepsAndTheGoalComesLast()
    {
        var json = Assertions.Json(CliProcess.RunShared("plan", Catalog, Aisha, "--target", "ux-cert", "--as-of", "2026-09-01", "--objective", "cost", "--json"));

        Assert.Equal(new[] { "accessible-design", "interaction-design", "ux-cert" }, Steps(json).Order(StringComparer.Ordinal));
        Assert.Equal("ux-cert", Steps(json)[^1]);
        Assert.Equal(100m, json.GetProperty("hours").GetDecimal());
        Assert.Equal(1000m, json.GetProperty("cost").GetDecimal());
        Assert.Equal(5m, json.GetProperty("credits").GetDecimal());
    }

    [Fact]
    public void WithoutALearnerThePlanStartsFromAnEmptyRecord()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);

        var json = Assertions.Json(CliProcess.Run("plan", catalog, "--target", "cert", "--as-of", "2026-01-01", "--json"));

        Assert.Equal(new[] { "cert", "sql", "stats" }, Steps(json).Order(StringComparer.Ordinal));
        Assert.Equal("cert", Steps(json)[^1]);
        Assert.Equal(100m, json.GetProperty("hours").GetDecimal());
        Assert.Equal(850m, json.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public void WhatTheLearnerHoldsIsNotPlannedAgain()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var learner = files.Write("learner.json", Fixtures.LearnerHoldingSql);

        var json = Assertions.Json(CliProcess.Run("plan", catalog, learner, "--target", "cert", "--as-of", "2026-01-01", "--json"));

        Assert.Equal(new[] { "stats", "cert" }, Steps(json));
    }

    [Fact]
    public void AGoalAlreadyMetHasTheEmptyPlan()
    {
        var json = Assertions.Json(CliProcess.RunShared("plan", Catalog, Aisha, "--target", "prototyping", "--as-of", "2026-09-01", "--json"));

        Assert.Empty(Steps(json));
        Assert.Equal(0m, json.GetProperty("hours").GetDecimal());
    }

    [Fact]
    public void PeopleGetATableOfStepsAndTheStatus()
    {
        var result = CliProcess.RunShared("plan", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01");

        Assertions.ExitCode(0, result);
        Assert.Contains("Cloud Security Fundamentals", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("optimal", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogsTextIsPrintedAsWrittenNeverReadAsMarkup()
    {
        // Titles were escaped but the currency was not: "[b]EUR[/]" printed as "EUR" in the plan's table.
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog.Replace("\"USD\"", "\"[b]EUR[/]\"", StringComparison.Ordinal).Replace("\"SQL\"", "\"[red]SQL[/]\"", StringComparison.Ordinal));

        var result = CliProcess.Run("plan", catalog, "--target", "cert", "--as-of", "2026-01-01");

        Assertions.ExitCode(0, result);
        Assert.Contains("450 [b]EUR[/]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[red]SQL[/] (sql)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownObjectiveIsBadUsage()
    {
        var result = CliProcess.Run("plan", Catalog, Daniel, "--target", "cloud-cert", "--objective", "speed");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);

        // One line that names the option and the accepted values; the parser's own message spread them over three lines.
        Assert.Equal(
            "stacking: --objective: Argument 'speed' not recognized. Must be one of: 'hours', 'cost'",
            result.Stderr.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.Equal(2, result.Stderr.TrimEnd().ReplaceLineEndings("\n").Split('\n').Length);
    }

    [Fact]
    public void ANodeBudgetGivesAPlanNoCheaperThanTheOptimumAndABoundNoHigher()
    {
        // The fastest plan for Daniel costs 160 hours (proven above); a budget may cut the proof short, never the truth.
        var json = Assertions.Json(CliProcess.RunShared("plan", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01", "--node-limit", "0", "--json"));

        var status = json.GetProperty("status").GetString();
        Assert.Contains(status, new[] { "optimal", "feasible" });
        Assert.Equal("cloud-cert", Steps(json)[^1]);
        Assert.True(json.GetProperty("hours").GetDecimal() >= 160m);
        Assert.True(json.GetProperty("lowerBound").GetDecimal() <= 160m);
        if (status == "optimal")
        {
            Assert.Equal(160m, json.GetProperty("hours").GetDecimal());
        }
    }

    [Fact]
    public void AGenerousTimeLimitStillProvesTheOptimum()
    {
        var json = Assertions.Json(CliProcess.RunShared("plan", Catalog, Daniel, "--target", "cloud-cert", "--as-of", "2026-09-01", "--time-limit", "60", "--json"));

        Assert.Equal("optimal", json.GetProperty("status").GetString());
        Assert.Equal(160m, json.GetProperty("hours").GetDecimal());
        Assert.Equal(160m, json.GetProperty("lowerBound").GetDecimal());
    }

    [Theory]
    [InlineData("--time-limit", "0")]
    [InlineData("--time-limit", "-1")]
    [InlineData("--time-limit", "soon")]
    [InlineData("--node-limit", "-1")]
    [InlineData("--node-limit", "many")]
    public void ABudgetThatIsNotANumberInRangeIsBadUsage(string option, string value)
    {
        var result = CliProcess.Run("plan", Catalog, Daniel, "--target", "cloud-cert", option, value);

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
    }
}
