namespace Stacking.Model;

/// <summary>One credential a learner has earned, with its date and optional score and expiry (spec §4).</summary>
/// <remarks>
/// A holding is valid at T when <c>earned ≤ T</c> and <c>T &lt; expiresAt</c>, where <c>expiresAt</c> is
/// <see cref="Expires"/> if given, else <see cref="Earned"/> + the credential's <c>validFor</c> if it has one,
/// else never (<see cref="ExpiresAt"/>, <see cref="IsValidAt"/>). Invalid holdings never count.
/// Values outside the rules of spec §4 (a score of 120, an expiry before the earned date) are held as written
/// and reported by validation.
/// </remarks>
public sealed record Holding
{
    private readonly ExtensionMembers _extensions = ExtensionMembers.Empty;
    private readonly CredentialId _credential;

    /// <summary>Creates a holding.</summary>
    /// <param name="credential">The credential held (it need not be in the catalog).</param>
    /// <param name="earned">The date it was earned.</param>
    /// <param name="score">The score 0–100, if any.</param>
    /// <param name="expires">An explicit expiry that overrides the credential's <c>validFor</c>, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="credential"/> is the default <see cref="CredentialId"/>, which is no id.</exception>
    public Holding(CredentialId credential, DateOnly earned, decimal? score = null, DateOnly? expires = null)
    {
        _credential = CredentialId.Checked(credential, nameof(credential));
        Earned = earned;
        Score = score;
        Expires = expires;
    }

    /// <summary>Gets the credential held.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="CredentialId"/>, which is no id.</exception>
    public CredentialId Credential
    {
        get => _credential;
        init => _credential = CredentialId.Checked(value, nameof(value));
    }

    /// <summary>Gets the date it was earned.</summary>
    public DateOnly Earned { get; init; }

    /// <summary>Gets the score 0–100, if any.</summary>
    public decimal? Score { get; init; }

    /// <summary>Gets the explicit expiry, if any (the holding is valid before this date, not on it).</summary>
    public DateOnly? Expires { get; init; }

    /// <summary>Gets the members of the JSON object this holding was read from that the format does not define.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public ExtensionMembers Extensions
    {
        get => _extensions;
        init => _extensions = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets the first date on which the holding is no longer valid, or null when it never expires.</summary>
    /// <remarks>An <see cref="Earned"/> + <c>validFor</c> beyond 9999-12-31 (the last date <see cref="DateOnly"/> can
    /// name) is null too: the holding is valid on every later date there is, 9999-12-31 included.</remarks>
    /// <param name="validFor">The credential's <c>validFor</c>, if any.</param>
    /// <returns><see cref="Expires"/> if given, else <see cref="Earned"/> + <paramref name="validFor"/> (null beyond
    /// 9999-12-31), else null.</returns>
    public DateOnly? ExpiresAt(Period? validFor) => Expires ?? validFor?.AddToOrNull(Earned);

    /// <summary>Gets a value indicating whether the holding is valid at a date.</summary>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="validFor">The credential's <c>validFor</c>, if any.</param>
    /// <returns><see langword="true"/> when <c>earned ≤ T</c> and <c>T &lt; expiresAt</c>.</returns>
    public bool IsValidAt(DateOnly asOf, Period? validFor) =>
        Earned <= asOf && (ExpiresAt(validFor) is not { } expiry || asOf < expiry);

    /// <summary>Returns the holding as the learner format writes it, in compact JSON, such as <c>{"credential":"sql","earned":"2026-01-15","score":74}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Serialization.Internal.DocumentWriter.Text(this);
}
