using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Cli.Demo;

/// <summary>One learner of the guided demo: who they are, the qualification they aim for, and the role they want.</summary>
internal sealed record Persona(
    string Name,
    string Resource,
    string Story,
    CredentialId Goal,
    string Role,
    Requirement RoleGoal)
{
    /// <summary>The three learners of the demo, in the order they are shown.</summary>
    public static IReadOnlyList<Persona> All { get; } =
    [
        new(
            "Maya",
            "learner-maya.json",
            "Maya spent five years in digital marketing and holds the Certificate in Digital Marketing. She wants to move "
            + "into data analysis: her goal is the Certificate in Data Analytics, and her target role is junior data analyst.",
            "data-analytics-cert",
            "Junior data analyst",
            Rule.AllOf(
                Rule.Skill("sql", 2) with { Id = "sql" },
                Rule.Skill("statistics", 2) with { Id = "statistics" },
                Rule.Skill("python", 2) with { Id = "python" },
                Rule.Skill("data-viz", 2) with { Id = "data-viz" },
                Rule.Skill("dashboards", 2) with { Id = "dashboards" })),
        new(
            "Daniel",
            "learner-daniel.json",
            "Daniel has run infrastructure for twelve years. His Cumulus Solutions Architect certification (valid for three "
            + "years) lapsed in 2024. His goal is the Certificate in Cloud Infrastructure; his target role is cloud engineer.",
            "cloud-cert",
            "Cloud engineer",
            Rule.AllOf(
                Rule.Skill("cloud-architecture", 3) with { Id = "cloud-architecture" },
                Rule.Skill("cloud-security", 2) with { Id = "cloud-security" },
                Rule.Skill("devops", 2) with { Id = "devops" },
                Rule.Skill("linux", 2) with { Id = "linux" })),
        new(
            "Aisha",
            "learner-aisha.json",
            "Aisha graduated this year with a handful of short courses, two of them in UX. Her goal is the Certificate in "
            + "UX Design; her target role is junior UX designer.",
            "ux-cert",
            "Junior UX designer",
            Rule.AllOf(
                Rule.Skill("ux-research", 2) with { Id = "ux-research" },
                Rule.Skill("interaction-design", 2) with { Id = "interaction-design" },
                Rule.Skill("prototyping", 2) with { Id = "prototyping" },
                Rule.Skill("accessibility", 1) with { Id = "accessibility" })),
    ];
}
