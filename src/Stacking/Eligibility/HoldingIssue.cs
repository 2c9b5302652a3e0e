namespace Stacking.Eligibility;

/// <summary>Why a holding that would have matched a requirement node did not count (spec §7).</summary>
public enum HoldingIssue
{
    /// <summary>The holding expired on or before the as-of date (its <c>expires</c>, or earned + <c>validFor</c>).</summary>
    Expired,

    /// <summary>The holding is dated after the as-of date.</summary>
    NotYetEarned,

    /// <summary>The holding was earned before T − <c>within</c>.</summary>
    TooOld,

    /// <summary>The holding's score is below the node's <c>minScore</c>.</summary>
    BelowMinScore,

    /// <summary>The node has a <c>minScore</c> and the holding has no score.</summary>
    NoScore,
}
