using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Peers;

/// <summary>The benchmark's own reading of spec §3 selectors, so that the peer encodings need nothing from our engines.</summary>
public static class SelectorMatch
{
    /// <summary>True when <paramref name="credential"/> matches every member of <paramref name="selector"/>.</summary>
    public static bool Matches(Catalog catalog, Selector selector, Credential credential)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(credential);
        if (!selector.Ids.IsEmpty && !selector.Ids.Any(id => id.Equals(credential.Id) || catalog.AreEquivalent(id, credential.Id)))
        {
            return false;
        }

        if (selector.Tag is { } tag && !credential.HasTag(tag))
        {
            return false;
        }

        if (selector.Kind is { } kind && !string.Equals(kind, credential.Kind, StringComparison.Ordinal))
        {
            return false;
        }

        if (selector.Issuer is { } issuer && !string.Equals(issuer, credential.Issuer, StringComparison.Ordinal))
        {
            return false;
        }

        if (selector.MinLevel is { } level && !(credential.Level >= level))
        {
            return false;
        }

        if (selector.Skill is { } skill && credential.SkillLevel(skill) < 1)
        {
            return false;
        }

        if (selector.Except.Any(id => id.Equals(credential.Id) || catalog.AreEquivalent(id, credential.Id)))
        {
            return false;
        }

        return selector.SelectsBySomething;
    }
}
