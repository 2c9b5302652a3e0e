using Stacking.Model;

namespace Stacking.Rules;

/// <summary>A leaf satisfied when some held item shows a skill at a level or above: <c>{"skill": ID, "level": N}</c>.</summary>
/// <remarks>Skill nodes never consume: the item that shows the skill may also count elsewhere (spec §6).</remarks>
public sealed record SkillRequirement : Requirement
{
    /// <summary>Creates a skill leaf.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="level">The least level (default 1).</param>
    public SkillRequirement(SkillId skill, int level = 1)
    {
        Skill = skill;
        Level = level;
    }

    /// <inheritdoc/>
    public override RequirementKind Kind => RequirementKind.Skill;

    /// <summary>Gets the skill.</summary>
    public SkillId Skill { get; init; }

    /// <summary>Gets the least level.</summary>
    public int Level { get; init; }
}
