namespace Stacking.Model;

/// <summary>An entry of a catalog's skill registry: a skill id and its display name.</summary>
/// <remarks>When a catalog has a registry, every skill named anywhere in it must be in the registry (STK003).</remarks>
public sealed record Skill
{
    /// <summary>Creates a registry entry.</summary>
    /// <param name="id">The skill id.</param>
    /// <param name="name">The display name, if any.</param>
    /// <param name="extensions">Unknown JSON members, kept for lossless writing.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default <see cref="SkillId"/>, which is no id.</exception>
    public Skill(SkillId id, string? name = null, ExtensionMembers? extensions = null)
    {
        Id = SkillId.Checked(id, nameof(id));
        Name = name;
        Extensions = extensions ?? ExtensionMembers.Empty;
    }

    /// <summary>Gets the skill id.</summary>
    public SkillId Id { get; }

    /// <summary>Gets the display name, if any.</summary>
    public string? Name { get; }

    /// <summary>Gets the members of the JSON object this entry was read from that the format does not define.</summary>
    public ExtensionMembers Extensions { get; }
}
