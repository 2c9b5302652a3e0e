using Stacking.Internal;

namespace Stacking.Model;

/// <summary>Builds a <see cref="Catalog"/> in code.</summary>
/// <remarks>
/// <code>
/// var catalog = new CatalogBuilder("Data careers", currency: "USD")
///     .Credential("sql", c => c with { Title = "SQL Foundations", Hours = 60, Cost = 450 })
///     .Credential("python", c => c with { Title = "Python for Data", Hours = 80, Cost = 600 })
///     .Credential("data-cert", c => c with
///     {
///         Kind = "certificate",
///         Requires = Rule.AllOf(Rule.Credential("sql"), Rule.Credential("python")),
///     })
///     .Build();
/// </code>
/// A builder is not thread-safe; the catalog it builds is immutable.
/// </remarks>
public sealed class CatalogBuilder
{
    private readonly List<Credential> _credentials = [];
    private readonly List<Skill> _skills = [];
    private readonly string? _name;
    private readonly string? _currency;

    /// <summary>Creates a builder.</summary>
    /// <param name="name">The catalog's name, if any.</param>
    /// <param name="currency">The ISO 4217 currency of every cost, if any.</param>
    public CatalogBuilder(string? name = null, string? currency = null)
    {
        _name = name;
        _currency = currency;
    }

    /// <summary>Adds a credential.</summary>
    /// <param name="id">The id.</param>
    /// <param name="configure">Sets its attributes, typically with a <c>with</c> expression; null keeps the defaults.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="configure"/> returned null or changed the id.</exception>
    public CatalogBuilder Credential(CredentialId id, Func<Credential, Credential>? configure = null)
    {
        var credential = new Credential(id);
        if (configure is not null)
        {
            credential = configure(credential) ?? throw new InvalidOperationException("The configure function returned null.");
            if (!credential.Id.Equals(id))
            {
                throw new InvalidOperationException($"The configure function changed the id '{id}' to '{credential.Id}'.");
            }
        }

        _credentials.Add(credential);
        return this;
    }

    /// <summary>Adds a credential built elsewhere.</summary>
    /// <param name="credential">The credential.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="credential"/> is null.</exception>
    public CatalogBuilder Add(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials.Add(credential);
        return this;
    }

    /// <summary>Adds a skill to the registry; a catalog built with at least one has a registry (STK003 applies).</summary>
    /// <param name="id">The skill id.</param>
    /// <param name="name">The display name.</param>
    /// <returns>This builder.</returns>
    public CatalogBuilder Skill(SkillId id, string? name = null)
    {
        _skills.Add(new Skill(id, name));
        return this;
    }

    /// <summary>Builds the catalog.</summary>
    /// <returns>The catalog, with the credentials in the order they were added.</returns>
    /// <remarks>The builder does not validate: run the catalog through validation before use.</remarks>
    public Catalog Build() => new(_credentials, _name, _currency, _skills.Count == 0 ? null : _skills);
}
