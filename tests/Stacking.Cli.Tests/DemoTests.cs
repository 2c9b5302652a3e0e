using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Cli.Tests;

public sealed class DemoTests
{
    [Fact]
    public void TheDemoRunsWalksThroughTheThreeLearnersAndExitsWithZero()
    {
        var result = CliProcess.RunShared();

        Assertions.ExitCode(0, result);
        Assertions.NoStackTrace(result);
        foreach (var expected in new[] { "Maya", "Daniel", "Aisha", "2026-09-01", "Eligible now", "Cheapest pathway", "Skill gap" })
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }

        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"the demo took {result.Elapsed}");
    }

    [Fact]
    public void TheDemoOutputIsReproducible()
    {
        var first = CliProcess.RunShared();
        var second = CliProcess.Run();

        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void TheEmbeddedDemoCatalogValidatesWithNoFindings()
    {
        var catalog = CatalogJson.ReadFileWithFindings(CliProcess.Demo("catalog.json"));
        var report = CatalogValidator.Validate(catalog.Value, catalog.Findings);

        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Findings));
        Assert.Empty(report.Findings);
        Assert.InRange(catalog.Value.Credentials.Length, 40, 60);
    }

    [Theory]
    [InlineData("learner-maya.json")]
    [InlineData("learner-daniel.json")]
    [InlineData("learner-aisha.json")]
    public void EachEmbeddedLearnerValidatesWithNoErrors(string file)
    {
        var catalog = CatalogJson.ReadFile(CliProcess.Demo("catalog.json"));
        var learner = LearnerJson.ReadFileWithFindings(CliProcess.Demo(file));

        var report = LearnerValidator.Validate(learner.Value, catalog, learner.Findings);

        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Findings));
    }
}
