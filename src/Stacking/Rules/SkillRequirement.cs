using Stacking.Model;

namespace Stacking.Rules;

/// <summary>A leaf satisfied when some held item shows a skill at a level or above: <c>{"skill": ID, "level": N}</c>.</summary>
/// <remarks>Skill nodes never consume: the item that shows the skill may also count elsewhere (spec §6).</remarks>
public sealed record SkillRequirement : Requirement
{
    private readonly SkillId _skill;

    /// <summary>Creates a skill leaf.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="level">The least level (default 1).</param>
    /// <exception cref="ArgumentException"><paramref name="skill"/> is the default <see cref="SkillId"/>, which is no id.</exception>
    public SkillRequirement(SkillId skill, int level = 1)
    {
        _skill = SkillId.Checked(skill, nameof(skill));
        Level = level;
    }

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Skill;

    /// <summary>Gets the skill.</summary>
    /// <exception cref="ArgumentException">On init: the value is the default <see cref="SkillId"/>, which is no id.</exception>
    public SkillId Skill
    {
        get => _skill;
        init => _skill = SkillId.Checked(value, nameof(value));
    }

    /// <summary>Gets the least level.</summary>
    public int Level { get; init; }
}
