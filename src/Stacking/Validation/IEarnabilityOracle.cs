using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>Answers "is this requirement satisfied from an empty record, when these credentials are held ideally" (spec §8 planned credentials).</summary>
/// <remarks>Implemented over the eligibility engine, the one place that decides satisfaction; tests may plug in a brute-force reference.
/// Answers: <see langword="true"/> satisfied, <see langword="false"/> not, <see langword="null"/> undetermined (work limit).</remarks>
internal interface IEarnabilityOracle
{
    /// <summary>Checks a credential's requirement (a credential without one is satisfied).</summary>
    bool? Check(CredentialId target, IReadOnlyCollection<CredentialId> planned);

    /// <summary>Checks a goal requirement.</summary>
    bool? CheckGoal(Requirement goal, IReadOnlyCollection<CredentialId> planned);
}
