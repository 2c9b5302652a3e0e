using Stacking.Model;

namespace Stacking.Eligibility;

/// <summary>One item that a requirement node uses in a witness (or, for shared and skill nodes, an item it matches).</summary>
public sealed class ItemUse
{
    internal ItemUse(CredentialId credential, CredentialId countsAs, DateOnly earned, decimal? score, bool planned, decimal? value)
    {
        Credential = credential;
        CountsAs = countsAs;
        Earned = earned;
        Score = score;
        Planned = planned;
        Value = value;
    }

    /// <summary>Gets the credential the learner holds (or, when <see cref="Planned"/>, plans to earn).</summary>
    public CredentialId Credential { get; }

    /// <summary>Gets the catalog credential the item counts as: <see cref="Credential"/> itself, or the substitute X of a substitution.</summary>
    public CredentialId CountsAs { get; }

    /// <summary>Gets the date the holding was earned (the as-of date for a planned credential).</summary>
    public DateOnly Earned { get; }

    /// <summary>Gets the holding's score, if any.</summary>
    public decimal? Score { get; }

    /// <summary>Gets a value indicating whether this is a planned credential, assumed earned at T (spec §8).</summary>
    public bool Planned { get; }

    /// <summary>Gets the credits or hours the item contributes to a credits or hours node; null for other nodes.</summary>
    public decimal? Value { get; }
}
