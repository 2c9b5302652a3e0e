using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Rules;

/// <summary>Factories for selectors; combine criteria with <c>with</c>: <c>Select.Tag("data") with { MinLevel = 5 }</c>.</summary>
public static class Select
{
    /// <summary>Gets the selector that matches every credential: <c>{"any": true}</c>.</summary>
    public static Selector Any { get; } = new() { Any = true };

    /// <summary>Selects these credentials and their equivalents.</summary>
    /// <param name="ids">The ids.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    public static Selector Ids(params CredentialId[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new() { Ids = ids.ToImmutableArray() };
    }

    /// <summary>Selects credentials with a tag.</summary>
    /// <param name="tag">The tag (exact).</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    public static Selector Tag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new() { Tag = tag };
    }

    /// <summary>Selects credentials of a kind.</summary>
    /// <param name="kind">The kind (exact).</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="kind"/> is null.</exception>
    public static Selector Kind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new() { Kind = kind };
    }

    /// <summary>Selects credentials of an issuer.</summary>
    /// <param name="issuer">The issuer (exact).</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="issuer"/> is null.</exception>
    public static Selector Issuer(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return new() { Issuer = issuer };
    }

    /// <summary>Selects credentials at a level or above.</summary>
    /// <param name="level">The least level.</param>
    /// <returns>The selector.</returns>
    public static Selector MinLevel(int level) => new() { MinLevel = level };

    /// <summary>Selects credentials that show a skill at any level.</summary>
    /// <param name="skill">The skill.</param>
    /// <returns>The selector.</returns>
    public static Selector Skill(SkillId skill) => new() { Skill = skill };
}
