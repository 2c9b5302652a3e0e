using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>The planner's only source of truth about eligibility: the eligibility engine (spec §6, §7) behind a narrow seam.</summary>
/// <remarks>Every "is this requirement satisfied by the learner's items plus these planned credentials" question goes here;
/// the planner never re-implements allocation. Planned credentials count as earned at the as-of date, meet every
/// qualifier and never expire (spec §8). Implementations are thread-safe.</remarks>
internal interface IPlanningOracle
{
    /// <summary>Prepares a learner's items at a date once, for many checks.</summary>
    object Prepare(LearnerRecord learner, DateOnly asOf);

    /// <summary>Answers whether a credential's requirement is satisfied (waivers of the credential apply).</summary>
    OracleAnswer Check(CredentialId target, object prepared, IReadOnlyCollection<CredentialId> planned);

    /// <summary>Answers whether a goal requirement is satisfied.</summary>
    OracleAnswer CheckGoal(Requirement goal, object prepared, IReadOnlyCollection<CredentialId> planned);
}

/// <summary>An oracle's answer.</summary>
internal enum OracleAnswer
{
    /// <summary>Satisfied.</summary>
    Yes,

    /// <summary>Not satisfied.</summary>
    No,

    /// <summary>The oracle's work limit was hit: neither is proven.</summary>
    Unknown,
}
