using System.Collections.Frozen;
using System.Collections.Immutable;
using Stacking.Internal;

namespace Stacking.Model;

/// <summary>A catalog of credentials and their stacking rules: the <c>stacking/catalog@1</c> document (spec §2).</summary>
/// <remarks>
/// <para>Immutable and thread-safe: one catalog serves every thread. Lookups by id and the equivalence classes
/// of spec §5 are computed once, on first use.</para>
/// <para>A catalog holds what its document says, faults included (a duplicate id, a reference to an unknown
/// credential): validation reports them. Where ids repeat, lookups find the first credential with the id.</para>
/// </remarks>
public sealed class Catalog : IEquatable<Catalog>
{
    /// <summary>The value of the <c>format</c> member of a catalog document.</summary>
    public const string Format = "stacking/catalog@1";

    private readonly Lazy<Index> _index;

    /// <summary>Creates a catalog.</summary>
    /// <param name="credentials">The credentials, in document order.</param>
    /// <param name="name">The catalog's name, if any.</param>
    /// <param name="currency">The ISO 4217 currency of every cost, if any.</param>
    /// <param name="skills">The skill registry, or null when the catalog has none.</param>
    /// <param name="extensions">Unknown JSON members of the document, kept for lossless writing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is null.</exception>
    /// <exception cref="ArgumentException">A credential or skill is null.</exception>
    public Catalog(
        IEnumerable<Credential> credentials,
        string? name = null,
        string? currency = null,
        IEnumerable<Skill>? skills = null,
        ExtensionMembers? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Credentials = Seq.ToImmutableChecked(credentials, nameof(credentials));
        Name = name;
        Currency = currency;
        Skills = skills is null ? null : Seq.ToImmutableChecked(skills, nameof(skills));
        Extensions = extensions ?? ExtensionMembers.Empty;
        _index = new Lazy<Index>(() => new Index(Credentials), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the catalog's name, if any.</summary>
    public string? Name { get; }

    /// <summary>Gets the ISO 4217 currency of every cost, if any.</summary>
    public string? Currency { get; }

    /// <summary>Gets the skill registry, or null when the catalog has none.</summary>
    /// <remarks>When present, every skill named anywhere in the catalog must be in it (STK003).</remarks>
    public ImmutableArray<Skill>? Skills { get; }

    /// <summary>Gets the credentials, in document order.</summary>
    public ImmutableArray<Credential> Credentials { get; }

    /// <summary>Gets the members of the document that the format does not define.</summary>
    public ExtensionMembers Extensions { get; }

    /// <summary>Finds the credential with an id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The first credential with the id, or null.</returns>
    public Credential? Find(CredentialId id) => _index.Value.ById.TryGetValue(id, out var credential) ? credential : null;

    /// <summary>Gets a value indicating whether the catalog has a credential with an id.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(CredentialId id) => _index.Value.ById.ContainsKey(id);

    /// <summary>Gets the credential with an id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="KeyNotFoundException">The catalog has no credential with the id.</exception>
    public Credential this[CredentialId id] =>
        Find(id) ?? throw new KeyNotFoundException($"The catalog has no credential '{id}'.");

    /// <summary>Gets the equivalence class of a credential (spec §5): itself and everything linked to it by <c>equivalentTo</c>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The members of the class that are in the catalog, in ordinal order; empty when <paramref name="id"/> is not in the catalog.</returns>
    /// <remarks>Links are symmetric and transitive; links to ids the catalog lacks are ignored (validation reports them as STK002).</remarks>
    public ImmutableArray<CredentialId> EquivalenceClassOf(CredentialId id) =>
        _index.Value.ClassOf.TryGetValue(id, out var members) ? members : ImmutableArray<CredentialId>.Empty;

    /// <summary>Gets a value indicating whether two credentials are in the same equivalence class.</summary>
    /// <param name="a">One id.</param>
    /// <param name="b">The other id.</param>
    /// <returns><see langword="true"/> when both are in the catalog and equivalent (every credential is equivalent to itself).</returns>
    public bool AreEquivalent(CredentialId a, CredentialId b) =>
        _index.Value.ClassOf.TryGetValue(a, out var members) && members.Contains(b);

    /// <summary>Gets the distinct equivalence classes of the catalog, each in ordinal order, ordered by their first member.</summary>
    /// <returns>The classes.</returns>
    public ImmutableArray<ImmutableArray<CredentialId>> EquivalenceClasses() => _index.Value.Classes;

    /// <inheritdoc/>
    public bool Equals(Catalog? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(Name, other.Name, StringComparison.Ordinal)
                && string.Equals(Currency, other.Currency, StringComparison.Ordinal)
                && Skills.HasValue == other.Skills.HasValue
                && (!Skills.HasValue || Seq.Equal(Skills.Value, other.Skills!.Value))
                && Seq.Equal(Credentials, other.Credentials)
                && Extensions.Equals(other.Extensions)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Catalog);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Currency, Seq.Hash(Credentials));

    /// <summary>Lookups computed once per catalog.</summary>
    private sealed class Index
    {
        public Index(ImmutableArray<Credential> credentials)
        {
            var byId = new Dictionary<CredentialId, Credential>();
            foreach (var credential in credentials)
            {
                byId.TryAdd(credential.Id, credential);
            }

            ById = byId.ToFrozenDictionary();

            // Union-find over catalog ids; the representative is irrelevant, members are sorted afterwards.
            var parent = byId.Keys.ToDictionary(id => id, id => id);
            CredentialId Root(CredentialId id)
            {
                while (!parent[id].Equals(id))
                {
                    parent[id] = parent[parent[id]];
                    id = parent[id];
                }

                return id;
            }

            foreach (var credential in byId.Values)
            {
                foreach (var other in credential.EquivalentTo)
                {
                    if (parent.ContainsKey(other))
                    {
                        var (ra, rb) = (Root(credential.Id), Root(other));
                        if (!ra.Equals(rb))
                        {
                            parent[ra] = rb;
                        }
                    }
                }
            }

            var groups = byId.Keys
                .GroupBy(Root)
                .Select(g => g.OrderBy(id => id).ToImmutableArray())
                .OrderBy(g => g[0])
                .ToImmutableArray();
            Classes = groups;
            var classOf = new Dictionary<CredentialId, ImmutableArray<CredentialId>>();
            foreach (var group in groups)
            {
                foreach (var id in group)
                {
                    classOf[id] = group;
                }
            }

            ClassOf = classOf.ToFrozenDictionary();
        }

        public FrozenDictionary<CredentialId, Credential> ById { get; }

        public FrozenDictionary<CredentialId, ImmutableArray<CredentialId>> ClassOf { get; }

        public ImmutableArray<ImmutableArray<CredentialId>> Classes { get; }
    }

    /// <summary>Returns a one-line summary for logs, such as <c>catalog "Data careers": 49 credentials</c>.</summary>
    /// <returns>The summary (the document itself is <c>CatalogJson.Write</c>).</returns>
    public override string ToString() =>
        $"catalog{(Name is null ? string.Empty : $" \"{System.Text.Json.JsonEncodedText.Encode(Name, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"")}: {Credentials.Length} {(Credentials.Length == 1 ? "credential" : "credentials")}";
}
