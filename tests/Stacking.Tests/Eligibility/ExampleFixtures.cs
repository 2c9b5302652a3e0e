using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Eligibility;

/// <summary>What the named eligibility examples share: the as-of date, the one-qualification catalog "Q", terse builders,
/// and a check that asks every evaluation path and the brute-force reference, so that each example pins all of them.</summary>
internal static class ExampleFixtures
{
    public static readonly DateOnly T = new(2025, 6, 15);

    /// <summary>The credentials plus a qualification "Q" with the given requirement.</summary>
    public static Catalog Catalog(Requirement requires, params Credential[] credentials) =>
        new([.. credentials, new Credential("Q") { Requires = requires }]);

    public static Credential C(string id, decimal credits = 0, decimal hours = 0, params string[] tags) =>
        new(id) { Credits = credits, Hours = hours, Tags = [.. tags] };

    /// <summary>A holding earned <paramref name="daysAgo"/> days before <see cref="T"/>.</summary>
    public static Holding H(string id, int daysAgo = 10, decimal? score = null, DateOnly? expires = null) =>
        new(id, T.AddDays(-daysAgo), score, expires);

    public static LearnerRecord Holds(params Holding[] holdings) => new("l", holdings);

    public static LearnerRecord With(Holding[] holdings, params AdvisorException[] exceptions) => new("l", holdings, exceptions);

    /// <summary>Q's status at <see cref="T"/>, asserted equal on the brute-force reference, the general engine (past the
    /// compiled fast path), the explaining evaluation and (without planned credentials) the batch.</summary>
    public static EligibilityStatus Status(Catalog catalog, LearnerRecord learner, IReadOnlyCollection<CredentialId>? planned = null)
    {
        var evaluator = new EligibilityEvaluator(catalog);
        var prepared = evaluator.Prepare(learner, T);
        var status = evaluator.Check("Q", prepared, planned);
        Assert.Equal(ReferenceEligibility.IsEligible(catalog, "Q", learner, T, planned), status == EligibilityStatus.Eligible);
        Assert.Equal(status, evaluator.CheckGeneral(evaluator.IndexOf("Q"), prepared, PlannedBits(evaluator, planned)));
        Assert.Equal(status, evaluator.Evaluate("Q", prepared, planned).Status);
        if (planned is null || planned.Count == 0)
        {
            // The batch reads the learner record itself (its own fast path, transfer credit folded in).
            Assert.Equal(status, evaluator.CheckBatch("Q", [learner], T)[0]);
        }

        return status;
    }

    public static void Eligible(Catalog catalog, LearnerRecord learner, IReadOnlyCollection<CredentialId>? planned = null) =>
        Assert.Equal(EligibilityStatus.Eligible, Status(catalog, learner, planned));

    public static void NotEligible(Catalog catalog, LearnerRecord learner, IReadOnlyCollection<CredentialId>? planned = null) =>
        Assert.Equal(EligibilityStatus.NotEligible, Status(catalog, learner, planned));

    private static ulong[] PlannedBits(EligibilityEvaluator evaluator, IReadOnlyCollection<CredentialId>? planned)
    {
        var bits = new ulong[(evaluator.CredentialCount + 63) / 64];
        foreach (var id in planned ?? [])
        {
            if (evaluator.IndexOf(id) is var i and >= 0)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }

        return bits;
    }
}
