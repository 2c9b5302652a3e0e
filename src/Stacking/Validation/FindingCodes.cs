namespace Stacking.Validation;

/// <summary>The stable codes of validation findings (spec §9, and the learner codes this library adds).</summary>
/// <remarks>A code never changes meaning. <c>docs/validation.md</c> has an example and a fix for each.</remarks>
public static class FindingCodes
{
    /// <summary>Error: a credential id appears more than once.</summary>
    public const string DuplicateCredential = "STK001";

    /// <summary>Error: a reference to a credential the catalog lacks (leaf, selector <c>ids</c> or <c>except</c>, <c>equivalentTo</c>).</summary>
    public const string UnknownCredential = "STK002";

    /// <summary>Error: a skill missing from the catalog's skill registry.</summary>
    public const string UnknownSkill = "STK003";

    /// <summary>Error: a number out of its range (atLeast, count, credits, hours, cost, level, score, skill level).</summary>
    public const string BadNumber = "STK004";

    /// <summary>Error: a malformed node (empty list, no kind or two kinds, a selector that selects by nothing, a misplaced qualifier).</summary>
    public const string MalformedNode = "STK005";

    /// <summary>Error: a credential that could only be earned if it were already held: every way to satisfy it depends on itself.</summary>
    public const string SelfDependent = "STK006";

    /// <summary>Warning: a cycle of explicit references that an alternative breaks.</summary>
    public const string BrokenCycle = "STK007";

    /// <summary>Error: a credential that can never be earned, from an empty record, with everything the catalog offers.</summary>
    public const string Unearnable = "STK008";

    /// <summary>Warning: a selector that matches no credential.</summary>
    public const string EmptySelector = "STK009";

    /// <summary>Error: a malformed duration or date (reported by the reader).</summary>
    public const string MalformedDuration = "STK010";

    /// <summary>Error: a node <c>id</c> used twice within one requirement.</summary>
    public const string DuplicateNodeId = "STK011";

    /// <summary>Error: a requirement nested deeper than 64 levels (the root is level 1).</summary>
    public const string TooDeep = "STK012";

    /// <summary>Warning (learner): a holding of a credential the catalog lacks; it matches nothing except through a substitution.</summary>
    public const string UnknownHolding = "STK013";

    /// <summary>Error (learner): a holding that expires before it was earned.</summary>
    public const string ExpiresBeforeEarned = "STK014";

    /// <summary>Error (learner): an exception that names a credential the catalog lacks (a substitution's <c>substitute</c>, a waiver's <c>credential</c>).</summary>
    public const string ExceptionUnknownCredential = "STK015";

    /// <summary>Error (learner): a waiver that names a node id the credential's requirement lacks.</summary>
    public const string ExceptionUnknownNode = "STK016";

    /// <summary>Warning: whether a credential can be earned could not be decided within the eligibility engine's work limit.</summary>
    public const string EarnabilityUndetermined = "STK017";
}
