using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>The planner's only source of truth about eligibility: the eligibility engine (spec §6, §7) behind a narrow seam.</summary>
/// <remarks>Every "is this requirement satisfied by the learner's items plus these planned credentials" question goes here;
/// the planner never re-implements allocation. Planned credentials count as earned at the as-of date, meet every
/// qualifier and never expire (spec §8). A planned set is a bitset over the planner's numbering of the catalog (the
/// credentials in ordinal id order, given once per problem to <see cref="Prepare"/>), so that a question costs no ids
/// and no collections. Implementations are thread-safe; a prepared context is used by one search at a time.</remarks>
internal interface IPlanningOracle
{
    /// <summary>Prepares a learner's items at a date once, for many checks, with the planner's numbering of the catalog.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="numbering">The planner's credentials: bit i of a planned set is <c>numbering[i]</c>.</param>
    object Prepare(LearnerRecord learner, DateOnly asOf, IReadOnlyList<CredentialId> numbering);

    /// <summary>Answers whether a credential's requirement is satisfied (waivers of the credential apply).</summary>
    /// <param name="prepared">The context from <see cref="Prepare"/>.</param>
    /// <param name="credential">The planner's number of the credential.</param>
    /// <param name="planned">The planned credentials, as a bitset over the planner's numbering.</param>
    OracleAnswer Check(object prepared, int credential, ReadOnlySpan<ulong> planned);

    /// <summary>Answers whether a goal requirement is satisfied.</summary>
    /// <param name="prepared">The context from <see cref="Prepare"/>.</param>
    /// <param name="goal">The goal.</param>
    /// <param name="planned">The planned credentials, as a bitset over the planner's numbering.</param>
    OracleAnswer CheckGoal(object prepared, Requirement goal, ReadOnlySpan<ulong> planned);
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
