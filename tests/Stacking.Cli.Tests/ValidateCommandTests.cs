using System.Text.Json;

namespace Stacking.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public void TheDemoCatalogValidatesWithExitCodeZeroAndJsonSaysValid()
    {
        var result = CliProcess.RunShared("validate", CliProcess.Demo("catalog.json"), "--json");

        Assertions.ExitCode(0, result);
        var json = Assertions.Json(result);
        Assertions.HasMembers(json, "valid", "findings");
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void TheDemoCatalogHasNoFindingsAtAll()
    {
        var result = CliProcess.RunShared("validate", CliProcess.Demo("catalog.json"), "--json");

        Assert.Empty(Assertions.Json(result).GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("learner-maya.json")]
    [InlineData("learner-daniel.json")]
    [InlineData("learner-aisha.json")]
    public void EachDemoLearnerValidatesAgainstTheDemoCatalog(string learner)
    {
        var result = CliProcess.RunShared("validate", CliProcess.Demo("catalog.json"), "--learner", CliProcess.Demo(learner), "--json");

        Assertions.ExitCode(0, result);
        Assert.True(Assertions.Json(result).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void AValidCatalogPrintsAHumanSummaryOnStandardOutput()
    {
        var result = CliProcess.RunShared("validate", CliProcess.Demo("catalog.json"));

        Assertions.ExitCode(0, result);
        Assert.Contains("valid", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("49 credentials", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownReferenceExitsWithOneAndListsTheErrorOnStandardError()
    {
        using var files = new TempFiles();
        var catalog = files.Write("bad.json", Fixtures.CatalogWithUnknownReference);

        var result = CliProcess.Run("validate", catalog, "--json");

        Assertions.ExitCode(1, result);
        Assert.Contains("STK002", result.Stderr, StringComparison.Ordinal);
        var json = Assertions.Json(result);
        Assert.False(json.GetProperty("valid").GetBoolean());
        var finding = json.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == "STK002");
        Assertions.HasMembers(finding, "code", "severity", "message", "path");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Contains("cert", finding.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.All(json.GetProperty("findings").EnumerateArray(), f =>
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "error", "warning" }));
    }

    [Fact]
    public void AMalformedValueIsReportedAtItsLineInTheFile()
    {
        using var files = new TempFiles();
        var catalog = files.Write("dates.json", "{\"format\": \"stacking/catalog@1\",\n \"credentials\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"validFor\": \"P1X\"}]}");

        var result = CliProcess.Run("validate", catalog, "--json");
        var plan = CliProcess.Run("plan", catalog, "--target", "a");

        Assertions.ExitCode(1, result);
        var finding = Assertions.Json(result).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "STK010");
        Assert.Equal((4, 27), (finding.GetProperty("line").GetInt32(), finding.GetProperty("position").GetInt32()));
        Assert.Contains("dates.json: line 4, position 27: error STK010 at b: validFor", plan.Stderr, StringComparison.Ordinal);
        Assert.Contains("dates.json: line 4, position 27: error STK010 at b: validFor", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidCatalogWithoutJsonListsItsErrorsOnStandardError()
    {
        using var files = new TempFiles();
        var catalog = files.Write("bad.json", Fixtures.CatalogWithUnknownReference);

        var result = CliProcess.Run("validate", catalog);

        Assertions.ExitCode(1, result);
        Assert.Contains("STK002", result.Stderr, StringComparison.Ordinal);
        Assertions.NoStackTrace(result);
    }

    [Fact]
    public void MalformedJsonExitsWithTwoAndOneLineNamingTheFileLineAndPosition()
    {
        using var files = new TempFiles();
        var catalog = files.Write("malformed.json", Fixtures.MalformedCatalog);

        var result = CliProcess.Run("validate", catalog);

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("malformed.json", line, StringComparison.Ordinal);
        Assert.Contains("line 4", line, StringComparison.Ordinal);
        Assert.Contains("position", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void AMissingFileExitsWithTwoAndNamesTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "stacking-no-such-dir", "nowhere.json");

        var result = CliProcess.Run("validate", missing, "--json");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("nowhere.json", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void ADirectoryGivenAsTheCatalogIsNamedAsADirectoryNotAsAPermissionProblem()
    {
        using var files = new TempFiles();

        var result = CliProcess.Run("validate", files.Root);

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Equal($"stacking: {files.Root}: is a directory, not a file.", result.Stderr.TrimEnd());
    }

    [Fact]
    public void InvalidUtf8InAnUnknownMemberIsMalformedInputWithItsLineAndPositionNotAnInternalError()
    {
        using var files = new TempFiles();
        var catalog = Path.Combine(files.Root, "latin1.json");
        File.WriteAllBytes(catalog, [.. "{\"format\": \"stacking/catalog@1\",\n \"note\": \"caf"u8, 0xE9, .. "\", \"credentials\": []}"u8]);

        var result = CliProcess.Run("validate", catalog);

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Equal("stacking: latin1.json: line 2, position 14: The document is not valid UTF-8 (the byte 0xE9 here is not part of a valid character).", result.Stderr.TrimEnd().Replace(files.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnsupportedFormatExitsWithTwoAndNamesTheSupportedFormat()
    {
        using var files = new TempFiles();
        var catalog = files.Write("v9.json", Fixtures.WrongFormatCatalog);

        var result = CliProcess.Run("validate", catalog);

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("stacking/catalog@1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ALearnerWithAnErrorMakesValidateExitWithOne()
    {
        using var files = new TempFiles();
        var catalog = files.Write("catalog.json", Fixtures.SmallCatalog);
        var learner = files.Write("learner.json", Fixtures.LearnerExpiresBeforeEarned);

        var result = CliProcess.Run("validate", catalog, "--learner", learner, "--json");

        Assertions.ExitCode(1, result);
        var json = Assertions.Json(result);
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void AMissingArgumentIsBadUsageWithExitCodeTwo()
    {
        var result = CliProcess.Run("validate");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);

        // The parser's "Required argument missing for command: 'validate'." did not say which argument.
        Assert.StartsWith("stacking: validate: CATALOG is missing.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACostNearDecimalMaxValueIsAValidationErrorNotAStackTrace()
    {
        // Spec §10: "no stack trace"; spec §9 STK004 "bad number". Validation used to die of an OverflowException (exit 134).
        using var files = new TempFiles();
        var catalog = files.Write("huge.json", """
            {"format": "stacking/catalog@1", "credentials": [
              {"id": "a", "credits": 0.5, "cost": 79228162514264337593543950335},
              {"id": "q", "requires": {"credits": 79228162514264337593543950335, "from": {"any": true}, "shared": true}}]}
            """);

        foreach (var command in new[] { "validate", "plan" })
        {
            var result = command == "plan" ? CliProcess.Run("plan", catalog, "--target", "q") : CliProcess.Run("validate", catalog);

            Assertions.ExitCode(1, result);
            Assert.Contains("STK004", result.Stderr, StringComparison.Ordinal);
            Assertions.NoStackTrace(result);
        }
    }
}
