using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Eligibility;

/// <summary>The planner's dense seam (engine numbers, planned bitsets) answers exactly what the public overloads answer.</summary>
[Properties(Arbitrary = [typeof(EligibilityArbitraries)], MaxTest = 200)]
public sealed class DenseSeamLaws
{
    [Property]
    public bool TheDenseCheckAgreesWithThePublicCheckForEveryCredential(EligibilityCase c)
    {
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var learner = evaluator.Prepare(c.Learner, EligibilityCase.AsOf);
        var bits = Bits(evaluator, c.Planned);
        foreach (var credential in c.Catalog.Credentials)
        {
            var index = evaluator.IndexOf(credential.Id);
            if (evaluator.Check(index, learner, bits) != evaluator.Check(credential.Id, learner, c.Planned)
                || evaluator.Check(index, learner, []) != evaluator.Check(credential.Id, learner))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool TheDenseGoalCheckAgreesWithThePublicGoalCheck(EligibilityCase c)
    {
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var learner = evaluator.Prepare(c.Learner, EligibilityCase.AsOf);
        return evaluator.CheckGoal(c.Requirement, learner, Bits(evaluator, c.Planned)) == evaluator.CheckGoal(c.Requirement, learner, c.Planned)
            && evaluator.CheckGoal(Rule.Credential(EligibilityCase.Target), learner, Bits(evaluator, c.Planned))
                == evaluator.CheckGoal(Rule.Credential(EligibilityCase.Target), learner, c.Planned);
    }

    [Fact]
    public void TheDenseNumbersCoverTheCatalogOnceAndUnknownIdsAreMinusOne()
    {
        var catalog = new CatalogBuilder().Credential("a").Credential("b").Credential("Q", c => c with { Requires = Rule.Credential("a") }).Build();
        var evaluator = new EligibilityEvaluator(catalog);
        Assert.Equal(3, evaluator.CredentialCount);
        Assert.Equal([0, 1, 2], new[] { "a", "b", "Q" }.Select(id => evaluator.IndexOf(id)).Order());
        Assert.Equal(-1, evaluator.IndexOf("nope"));
    }

    [Fact]
    public void APlannedBitCountsAsEarnedAndBitsPastTheCatalogAreIgnored()
    {
        var catalog = new CatalogBuilder().Credential("a").Credential("Q", c => c with { Requires = Rule.Credential("a", minScore: 90) }).Build();
        var evaluator = new EligibilityEvaluator(catalog);
        var learner = evaluator.Prepare(LearnerRecord.Empty, new DateOnly(2025, 1, 1));
        var q = evaluator.IndexOf("Q");
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Check(q, learner, [ulong.MaxValue << 2, ulong.MaxValue]));
        Assert.Equal(EligibilityStatus.Eligible, evaluator.Check(q, learner, [1UL << evaluator.IndexOf("a")]));
        Assert.Equal(EligibilityStatus.NotEligible, evaluator.Check(q, learner, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Check(5, learner, []));
    }

    internal static ulong[] Bits(EligibilityEvaluator evaluator, IEnumerable<CredentialId> ids)
    {
        var bits = new ulong[(evaluator.CredentialCount + 63) / 64];
        foreach (var id in ids)
        {
            var i = evaluator.IndexOf(id);
            if (i >= 0)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }

        return bits;
    }
}
