using System.Collections.Frozen;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>What the per-credential rules need to know about the whole catalog.</summary>
internal sealed class CatalogFacts
{
    public CatalogFacts(Catalog catalog, SelectorMatcher matcher)
    {
        Catalog = catalog;
        Matcher = matcher;
        Registry = catalog.Skills is { } skills ? skills.Select(s => s.Id).ToFrozenSet() : null;
    }

    public Catalog Catalog { get; }

    public SelectorMatcher Matcher { get; }

    /// <summary>Gets the skill registry, or null when the catalog has none (then any skill is known).</summary>
    public FrozenSet<SkillId>? Registry { get; }

    public bool KnowsSkill(SkillId skill) => Registry is null || Registry.Contains(skill);
}

/// <summary>The input of <see cref="CredentialRules"/>: one credential and its catalog.</summary>
internal sealed record CredentialFacts(Credential Credential, CatalogFacts Facts);
