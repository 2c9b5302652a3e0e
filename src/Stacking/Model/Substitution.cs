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
    private readonly CredentialId _substitute;
    private readonly CredentialId _with;

    /// <summary>Creates a substitution.</summary>
    /// <param name="substitute">X, the catalog credential that is replaced.</param>
    /// <param name="with">Y, the credential the learner holds instead.</param>
    /// <param name="reason">Why, if recorded.</param>
    /// <exception cref="ArgumentException"><paramref name="substitute"/> or <paramref name="with"/> is the default <see cref="CredentialId"/>, which is no id.</exception>
    public Substitution(CredentialId substitute, CredentialId with, string? reason = null)
        : base(reason)
    {
        _substitute = CredentialId.Checked(substitute, nameof(substitute));
        _with = CredentialId.Checked(with, nameof(with));
    }

    /// <summary>Gets X, the catalog credential that is replaced.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialId Substitute
    {
        get => _substitute;
        init => _substitute = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets Y, the credential held instead.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialId With
    {
        get => _with;
        init => _with = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Returns the substitution as the learner format writes it, in compact JSON, such as <c>{"substitute":"sql","with":"transfer-sql"}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Serialization.Internal.DocumentWriter.Text(this);
}
