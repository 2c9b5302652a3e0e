using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;

namespace Stacking.Tests.Planning;

/// <summary>
/// Spec §8: "Where several plans are optimal, which one is returned is the implementation's choice (fewest steps first is a
/// good rule), but it must not depend on input order, hashing or timing." The example of docs/planning.md
/// ("Deterministic"): if this test changes, change that paragraph with it.
/// </summary>
public sealed class PlanTieTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    private static Catalog Make(bool reverseChildren, bool reverseCatalog)
    {
        Requirement[] children = [Rule.Credential("b"), Rule.Credential("a"), Rule.AllOf(Rule.Credential("c"), Rule.Credential("d"))];
        Credential[] credentials =
        [
            new("b") { Hours = 5 },
            new("a") { Hours = 5 },
            new("c") { Hours = 2 },
            new("d") { Hours = 3 },
            new("q") { Requires = Rule.AnyOf(reverseChildren ? [.. Enumerable.Reverse(children)] : children) },
        ];
        return new Catalog(reverseCatalog ? Enumerable.Reverse(credentials) : credentials);
    }

    [Theory]
    [InlineData(false, "b,q")]
    [InlineData(true, "c,d,q")]
    public void AmongEqualPlansTheChoiceFollowsTheRequirementButNeverTheCatalogOrder(bool reverseChildren, string expected)
    {
        foreach (var reverseCatalog in new[] { false, true })
        {
            var result = new Planner(Make(reverseChildren, reverseCatalog)).Plan("q", LearnerRecord.Empty, AsOf);

            Assert.Equal(PlanStatus.Optimal, result.Status);
            Assert.Equal(5m, result.ObjectiveValue);
            Assert.Equal(expected, string.Join(',', result.Steps.Select(s => s.Credential.Value)));
        }
    }
}
