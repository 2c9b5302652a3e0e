namespace Stacking.Eligibility;

/// <summary>The answer to "is this requirement satisfied" (spec §6, §7).</summary>
public enum EligibilityStatus
{
    /// <summary>The requirement is satisfied: some choice of alternatives and assignment of items satisfies it.</summary>
    Eligible,

    /// <summary>Proven: no choice of alternatives and assignment of items satisfies the requirement.</summary>
    NotEligible,

    /// <summary>The work limit (<see cref="EligibilityOptions.WorkLimit"/>) ran out before an answer was proven, and the linear relaxation tried then proved nothing; this is not a guess either way.</summary>
    Undetermined,
}
