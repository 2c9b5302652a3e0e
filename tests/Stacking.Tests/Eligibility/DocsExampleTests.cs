using Stacking.Eligibility;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Eligibility;

/// <summary>The worked example of docs/eligibility.md: its JSON reads, and the answer and text are what the page says.</summary>
public sealed class DocsExampleTests
{
    [Fact]
    public void TheWorkedExampleOfTheDocsHoldsTrue()
    {
        var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "eligibility.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = page.Split("```json\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToList();
        var catalog = CatalogJson.Read(blocks[0]);
        var learner = LearnerJson.Read(blocks[1]);
        var result = new EligibilityEvaluator(catalog).Evaluate("cert", learner, new DateOnly(2025, 6, 15));
        Assert.True(result.IsEligible);
        Assert.Equal(["sql", "stats"], result.Witness.Select(w => w.Items.Single().Credential.Value));
        var text = page.Split("```\n")[1].Split("```")[0];
        Assert.Contains(result.ToText(), page, StringComparison.Ordinal);
        Assert.NotEmpty(text);
        var without = learner with { Holdings = learner.Holdings.RemoveAt(0) };
        Assert.False(new EligibilityEvaluator(catalog).Evaluate("cert", without, new DateOnly(2025, 6, 15)).IsEligible);
    }
}
