using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Rules;

/// <summary>Decides which catalog credentials a <see cref="Selector"/> matches (spec §3), with equivalents and <c>except</c>.</summary>
/// <remarks>
/// <para>One matcher per catalog; immutable apart from a thread-safe memo of selector results, so it may be shared.
/// Credentials are numbered densely in document order, keeping the first credential of a repeated id (as
/// <see cref="Catalog.Find"/> does); <see cref="MatchIndices"/> answers in those numbers, ascending.</para>
/// <para>Semantics: every member that is set must match. <c>ids</c>: the credential is one of them or equivalent to
/// one; <c>tag</c>, <c>kind</c>, <c>issuer</c>: exact, case-sensitive; <c>minLevel</c>: a level at least n (no level
/// never matches); <c>skill</c>: shows it at level 1 or more; <c>except</c>: never the listed credentials nor their
/// equivalents; <c>any</c>: every credential. A selector that selects by nothing (STK005) matches nothing.</para>
/// </remarks>
internal sealed class SelectorMatcher
{
    private readonly ConcurrentDictionary<Selector, ImmutableArray<int>> _memo = new();
    private readonly FrozenDictionary<CredentialId, int> _indexOf;
    private readonly ImmutableArray<int>[] _classes;

    /// <summary>Creates the matcher of a catalog.</summary>
    /// <param name="catalog">The catalog.</param>
    public SelectorMatcher(Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        var distinct = new List<Credential>(catalog.Credentials.Length);
        var indexOf = new Dictionary<CredentialId, int>(catalog.Credentials.Length);
        foreach (var credential in catalog.Credentials)
        {
            if (indexOf.TryAdd(credential.Id, distinct.Count))
            {
                distinct.Add(credential);
            }
        }

        Credentials = [.. distinct];
        _indexOf = indexOf.ToFrozenDictionary();

        // Every class once, shared by all its members: leaves ask for classes tens of thousands of times.
        var classes = new ImmutableArray<int>[Credentials.Length];
        foreach (var members in catalog.EquivalenceClasses())
        {
            var indices = members.Select(id => indexOf[id]).Order().ToImmutableArray();
            foreach (var index in indices)
            {
                classes[index] = indices;
            }
        }

        _classes = classes;
    }

    /// <summary>Gets the catalog.</summary>
    public Catalog Catalog { get; }

    /// <summary>Gets the distinct credentials of the catalog, in document order (first occurrence of each id).</summary>
    public ImmutableArray<Credential> Credentials { get; }

    /// <summary>Gets the dense number of a credential, or -1 when the catalog lacks it.</summary>
    public int IndexOf(CredentialId id) => _indexOf.TryGetValue(id, out var index) ? index : -1;

    /// <summary>Gets the dense numbers of a credential's equivalence class (itself included), ascending; empty when unknown.</summary>
    public ImmutableArray<int> ClassIndices(CredentialId id) =>
        _indexOf.TryGetValue(id, out var index) ? _classes[index] : ImmutableArray<int>.Empty;

    /// <summary>Gets a value indicating whether a selector matches a credential.</summary>
    public bool Matches(Selector selector, Credential credential)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(credential);
        if (!selector.SelectsBySomething)
        {
            return false;
        }

        if (!selector.Ids.IsEmpty && !InAnyClass(selector.Ids, credential.Id))
        {
            return false;
        }

        return MatchesAttributes(selector, credential)
            && (selector.Except.IsEmpty || !InAnyClass(selector.Except, credential.Id));
    }

    /// <summary>Gets the catalog credentials a selector matches, in document order.</summary>
    public ImmutableArray<CredentialId> Match(Selector selector)
    {
        var indices = MatchIndices(selector);
        var result = new CredentialId[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = Credentials[indices[i]].Id;
        }

        return ImmutableArray.Create(result);
    }

    /// <summary>Gets the dense numbers of the credentials a selector matches, ascending.</summary>
    public ImmutableArray<int> MatchIndices(Selector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return _memo.GetOrAdd(selector, Compute);
    }

    private static bool MatchesAttributes(Selector selector, Credential credential) =>
        (selector.Tag is null || credential.HasTag(selector.Tag))
        && (selector.Kind is null || string.Equals(selector.Kind, credential.Kind, StringComparison.Ordinal))
        && (selector.Issuer is null || string.Equals(selector.Issuer, credential.Issuer, StringComparison.Ordinal))
        && (selector.MinLevel is not { } minLevel || (credential.Level is { } level && level >= minLevel))
        && (selector.Skill is not { } skill || credential.SkillLevel(skill) >= 1);

    private bool InAnyClass(ImmutableArray<CredentialId> ids, CredentialId id)
    {
        foreach (var listed in ids)
        {
            if (listed.Equals(id) || Catalog.AreEquivalent(listed, id))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<int> Compute(Selector selector)
    {
        if (!selector.SelectsBySomething)
        {
            return ImmutableArray<int>.Empty;
        }

        HashSet<int>? excluded = null;
        if (!selector.Except.IsEmpty)
        {
            excluded = [];
            foreach (var id in selector.Except)
            {
                excluded.UnionWith(ClassIndices(id));
            }
        }

        var result = new List<int>();
        if (!selector.Ids.IsEmpty)
        {
            var candidates = new SortedSet<int>();
            foreach (var id in selector.Ids)
            {
                candidates.UnionWith(ClassIndices(id));
            }

            foreach (var index in candidates)
            {
                if ((excluded is null || !excluded.Contains(index)) && MatchesAttributes(selector, Credentials[index]))
                {
                    result.Add(index);
                }
            }
        }
        else
        {
            for (var index = 0; index < Credentials.Length; index++)
            {
                if ((excluded is null || !excluded.Contains(index)) && MatchesAttributes(selector, Credentials[index]))
                {
                    result.Add(index);
                }
            }
        }

        return [.. result];
    }
}
