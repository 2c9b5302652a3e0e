using Stacking.Model;

namespace Stacking.Rules;

/// <summary>Factories for requirement nodes, for catalogs written in code.</summary>
/// <remarks>
/// <code>
/// var rule = Rule.AllOf(
///     Rule.Credential("sql-foundations"),
///     Rule.Count(2, Select.Tag("analytics-elective")),
///     Rule.Credits(6, Select.Any) with { Shared = true });
/// </code>
/// </remarks>
public static class Rule
{
    /// <summary>Creates a credential leaf.</summary>
    /// <param name="credential">The credential required.</param>
    /// <param name="minScore">The least score, if any.</param>
    /// <param name="within">How recently it must have been earned, if limited.</param>
    /// <returns>The node.</returns>
    public static CredentialRequirement Credential(CredentialId credential, decimal? minScore = null, Period? within = null) =>
        new(credential) { MinScore = minScore, Within = within };

    /// <summary>Creates an allOf node.</summary>
    /// <param name="children">The children.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public static AllOfRequirement AllOf(params Requirement[] children) => new(children);

    /// <summary>Creates an anyOf node.</summary>
    /// <param name="children">The children.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public static AnyOfRequirement AnyOf(params Requirement[] children) => new(children);

    /// <summary>Creates an atLeast node.</summary>
    /// <param name="count">How many children must hold.</param>
    /// <param name="children">The children.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    /// <exception cref="ArgumentException">A child is null.</exception>
    public static AtLeastRequirement AtLeast(int count, params Requirement[] children) => new(count, children);

    /// <summary>Creates a count pool.</summary>
    /// <param name="count">How many distinct items are needed.</param>
    /// <param name="from">The selector.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    public static CountRequirement Count(int count, Selector from) => new(count, from);

    /// <summary>Creates a credits pool.</summary>
    /// <param name="credits">The credits needed.</param>
    /// <param name="from">The selector.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    public static CreditsRequirement Credits(decimal credits, Selector from) => new(credits, from);

    /// <summary>Creates an hours pool.</summary>
    /// <param name="hours">The hours needed.</param>
    /// <param name="from">The selector.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> is null.</exception>
    public static HoursRequirement Hours(decimal hours, Selector from) => new(hours, from);

    /// <summary>Creates a skill leaf.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="level">The least level.</param>
    /// <returns>The node.</returns>
    public static SkillRequirement Skill(SkillId skill, int level = 1) => new(skill, level);
}
