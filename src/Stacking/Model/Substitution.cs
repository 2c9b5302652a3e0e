namespace Stacking.Model;

/// <summary>"Use <see cref="With"/> in place of <see cref="Substitute"/>": <c>{"substitute": X, "with": Y}</c> (spec §5).</summary>
/// <remarks>
/// Every valid holding of Y is also a holding of X, with Y's date, score and validity: it matches what a
/// holding of X matches, and qualifiers are tested on Y's date and score (a substitute does not dodge
/// <c>minScore</c>). It stays Y's one item, used once, as X or as Y. Substitutions do not chain. X must be in
/// the catalog; Y need not be (transfer credit).
/// </remarks>
public sealed record Substitution : AdvisorException
{
    /// <summary>Creates a substitution.</summary>
    /// <param name="substitute">X, the catalog credential that is replaced.</param>
    /// <param name="with">Y, the credential the learner holds instead.</param>
    /// <param name="reason">Why, if recorded.</param>
    public Substitution(CredentialId substitute, CredentialId with, string? reason = null)
        : base(reason)
    {
        Substitute = substitute;
        With = with;
    }

    /// <summary>Gets X, the catalog credential that is replaced.</summary>
    public CredentialId Substitute { get; init; }

    /// <summary>Gets Y, the credential held instead.</summary>
    public CredentialId With { get; init; }
}
