namespace Stacking.Rules;

/// <summary>The kinds of requirement node of spec §3.</summary>
public enum RequirementKind
{
    /// <summary><c>{"credential": ID}</c>: one item of ID's equivalence class.</summary>
    Credential,

    /// <summary><c>{"allOf": [...]}</c>: every child.</summary>
    AllOf,

    /// <summary><c>{"anyOf": [...]}</c>: at least one child.</summary>
    AnyOf,

    /// <summary><c>{"atLeast": N, "of": [...]}</c>: at least N children.</summary>
    AtLeast,

    /// <summary><c>{"count": N, "from": S}</c>: N distinct matching items.</summary>
    Count,

    /// <summary><c>{"credits": X, "from": S}</c>: matching items whose credits add up to X.</summary>
    Credits,

    /// <summary><c>{"hours": X, "from": S}</c>: matching items whose hours add up to X.</summary>
    Hours,

    /// <summary><c>{"skill": ID, "level": N}</c>: some held item shows the skill at level N or more.</summary>
    Skill,
}
