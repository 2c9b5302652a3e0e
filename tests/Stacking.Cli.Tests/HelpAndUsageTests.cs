namespace Stacking.Cli.Tests;

public sealed class HelpAndUsageTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("graph")]
    [InlineData("batch")]
    [InlineData("portfolio")]
    public void EveryCommandHasHelpWithAnExample(string command)
    {
        var result = CliProcess.RunShared(command, "--help");

        Assertions.ExitCode(0, result);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("stacking " + command, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRootHelpListsEveryCommandAndTheExitCodes()
    {
        var result = CliProcess.Run("--help");

        Assertions.ExitCode(0, result);
        foreach (var command in new[] { "validate", "check", "plan", "graph", "batch", "portfolio" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUsageLinesNameTheStackingCommandNotTheAssembly()
    {
        // Spec §10: the command is `stacking`; the help's "Usage:" lines said "Stacking.Cli plan ...", the assembly's name.
        var result = CliProcess.RunShared("plan", "--help");

        Assert.Contains("  stacking plan <CATALOG> [<LEARNER>] [options]", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Stacking.Cli", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownCommandIsBadUsageWithExitCodeTwo()
    {
        var result = CliProcess.Run("frobnicate");

        Assertions.ExitCode(2, result);
        Assertions.NoStackTrace(result);
        Assert.Contains("frobnicate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownOptionIsBadUsageWithExitCodeTwo()
    {
        var result = CliProcess.RunShared("validate", CliProcess.Demo("catalog.json"), "--colour");

        Assertions.ExitCode(2, result);
    }
}
