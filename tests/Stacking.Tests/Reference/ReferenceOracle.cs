using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Validation;

namespace Stacking.Tests.Reference;

/// <summary>
/// <see cref="ReferenceEligibility"/> behind the two seams through which the planner (<see cref="IPlanningOracle"/>)
/// and the catalog validator (<see cref="IEarnabilityOracle"/>) ask "is this satisfied", so that their laws can be
/// checked without the eligibility engine. Only translation lives here; every answer is the brute-force reference's.
/// </summary>
internal sealed class ReferenceOracle(Catalog catalog) : IPlanningOracle, IEarnabilityOracle
{
    /// <summary>The as-of date of the validator's questions: they have no holdings, and planned credentials meet every
    /// qualifier whatever the date (spec §8), so any date gives the same answers.</summary>
    private static readonly DateOnly ValidationDate = new(2000, 1, 1);

    /// <summary>Is the credential's requirement satisfied by the learner's items plus the planned credentials? A credential
    /// the catalog lacks has no requirement.</summary>
    public bool IsEligible(CredentialId target, LearnerRecord learner, DateOnly asOf, IEnumerable<CredentialId> planned) =>
        !catalog.Credentials.Any(c => c.Id.Equals(target)) || ReferenceEligibility.IsEligible(catalog, target, learner, asOf, planned);

    /// <summary>Is the goal satisfied by the learner's items plus the planned credentials (no waivers apply to a goal)?</summary>
    public bool GoalHolds(Requirement goal, LearnerRecord learner, DateOnly asOf, IEnumerable<CredentialId> planned) =>
        ReferenceEligibility.IsSatisfied(catalog, goal, learner, asOf, planned);

    /// <inheritdoc/>
    public object Prepare(LearnerRecord learner, DateOnly asOf, IReadOnlyList<CredentialId> numbering) => new Prepared(learner, asOf, numbering);

    /// <inheritdoc/>
    public OracleAnswer Check(object prepared, int credential, ReadOnlySpan<ulong> planned)
    {
        var p = (Prepared)prepared;
        return Answer(IsEligible(p.Numbering[credential], p.Learner, p.AsOf, Ids(p.Numbering, planned)));
    }

    /// <inheritdoc/>
    public OracleAnswer CheckGoal(object prepared, Requirement goal, ReadOnlySpan<ulong> planned)
    {
        var p = (Prepared)prepared;
        return Answer(GoalHolds(goal, p.Learner, p.AsOf, Ids(p.Numbering, planned)));
    }

    /// <inheritdoc/>
    bool? IEarnabilityOracle.Check(CredentialId target, IReadOnlyCollection<CredentialId> planned) =>
        IsEligible(target, LearnerRecord.Empty, ValidationDate, planned);

    /// <inheritdoc/>
    bool? IEarnabilityOracle.CheckGoal(Requirement goal, IReadOnlyCollection<CredentialId> planned) =>
        GoalHolds(goal, LearnerRecord.Empty, ValidationDate, planned);

    private static OracleAnswer Answer(bool satisfied) => satisfied ? OracleAnswer.Yes : OracleAnswer.No;

    /// <summary>The ids of a planned bitset over the planner's numbering (bit i of word k is credential 64k + i).</summary>
    private static List<CredentialId> Ids(IReadOnlyList<CredentialId> numbering, ReadOnlySpan<ulong> planned)
    {
        var ids = new List<CredentialId>();
        for (var i = 0; i < numbering.Count && (i >> 6) < planned.Length; i++)
        {
            if ((planned[i >> 6] & (1UL << (i & 63))) != 0)
            {
                ids.Add(numbering[i]);
            }
        }

        return ids;
    }

    private sealed record Prepared(LearnerRecord Learner, DateOnly AsOf, IReadOnlyList<CredentialId> Numbering);
}
