using System.Text.Json;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>Writes an <see cref="EligibilityResult"/> as JSON; the member names are documented in docs/eligibility.md and stable.</summary>
internal static class ExplanationJson
{
    public static void Write(Utf8JsonWriter writer, EligibilityResult result)
    {
        writer.WriteStartObject();
        if (result.Target is { } target)
        {
            writer.WriteString("target", target.Value);
        }

        if (result.LearnerId is { } learner)
        {
            writer.WriteString("learner", learner);
        }

        writer.WriteString("asOf", ExplanationBuilder.Date(result.AsOf));
        writer.WriteBoolean("eligible", result.IsEligible);
        writer.WriteString("status", Status(result.Status));
        writer.WriteNumber("progress", Math.Round(result.Progress, 4));
        if (result.Waived)
        {
            writer.WriteBoolean("waived", true);
        }

        writer.WritePropertyName("explanation");
        if (result.Explanation is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteNode(writer, result.Explanation);
        }

        writer.WriteStartArray("witness");
        foreach (var entry in result.Witness)
        {
            writer.WriteStartObject();
            writer.WriteString("path", entry.Path);
            if (entry.Node.Id is { } id)
            {
                writer.WriteString("id", id);
            }

            WriteUses(writer, entry.Items);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            writer.WriteStringValue(warning);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Status(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => "eligible",
        EligibilityStatus.NotEligible => "notEligible",
        _ => "undetermined",
    };

    private static void WriteNode(Utf8JsonWriter writer, ExplanationNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("path", node.Path);
        if (node.Id is { } id)
        {
            writer.WriteString("id", id);
        }

        writer.WriteString("kind", Kind(node.Kind));
        if (node.Requirement.Title is { } title)
        {
            writer.WriteString("title", title);
        }

        switch (node.Requirement)
        {
            case CredentialRequirement c:
                writer.WriteString("credential", c.Credential.Value);
                break;
            case AtLeastRequirement a:
                writer.WriteNumber("atLeast", a.Count);
                break;
            case CountRequirement c:
                writer.WriteNumber("count", c.Count);
                break;
            case CreditsRequirement c:
                writer.WriteNumber("credits", c.Credits);
                break;
            case HoursRequirement h:
                writer.WriteNumber("hours", h.Hours);
                break;
            case SkillRequirement s:
                writer.WriteString("skill", s.Skill.Value);
                writer.WriteNumber("level", s.Level);
                break;
        }

        writer.WriteString("description", node.Description);
        writer.WriteBoolean("satisfied", node.Satisfied);
        writer.WriteString("status", Status(node.Status));
        writer.WriteNumber("progress", Math.Round(node.Progress, 4));
        if (node.Waived)
        {
            writer.WriteBoolean("waived", true);
        }

        if (node.Shared)
        {
            writer.WriteBoolean("shared", true);
        }

        writer.WriteBoolean("inWitness", node.InWitness);
        if (node.Missing is { } missing)
        {
            writer.WriteString("missing", missing);
        }

        if (!node.Used.IsDefaultOrEmpty)
        {
            WriteUses(writer, node.Used);
        }

        if (!node.NotCounted.IsDefaultOrEmpty)
        {
            writer.WriteStartArray("notCounted");
            foreach (var note in node.NotCounted)
            {
                writer.WriteStartObject();
                writer.WriteString("credential", note.Holding.Credential.Value);
                if (!note.CountsAs.Equals(note.Holding.Credential))
                {
                    writer.WriteString("countsAs", note.CountsAs.Value);
                }

                writer.WriteString("earned", ExplanationBuilder.Date(note.Holding.Earned));
                if (note.Holding.Score is { } score)
                {
                    writer.WriteNumber("score", score);
                }

                writer.WriteString("issue", Issue(note.Issue));
                if (note.Date is { } date)
                {
                    writer.WriteString("date", ExplanationBuilder.Date(date));
                }

                writer.WriteString("message", note.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (!node.Children.IsDefaultOrEmpty)
        {
            writer.WriteStartArray("children");
            foreach (var child in node.Children)
            {
                WriteNode(writer, child);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteUses(Utf8JsonWriter writer, System.Collections.Immutable.ImmutableArray<ItemUse> uses)
    {
        writer.WriteStartArray("used");
        foreach (var use in uses)
        {
            writer.WriteStartObject();
            writer.WriteString("credential", use.Credential.Value);
            if (!use.CountsAs.Equals(use.Credential))
            {
                writer.WriteString("countsAs", use.CountsAs.Value);
            }

            writer.WriteString("earned", ExplanationBuilder.Date(use.Earned));
            if (use.Score is { } score)
            {
                writer.WriteNumber("score", score);
            }

            if (use.Planned)
            {
                writer.WriteBoolean("planned", true);
            }

            if (use.Value is { } value)
            {
                writer.WriteNumber("value", value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Kind(RequirementKind kind) => kind switch
    {
        RequirementKind.Credential => "credential",
        RequirementKind.AllOf => "allOf",
        RequirementKind.AnyOf => "anyOf",
        RequirementKind.AtLeast => "atLeast",
        RequirementKind.Count => "count",
        RequirementKind.Credits => "credits",
        RequirementKind.Hours => "hours",
        _ => "skill",
    };

    private static string Issue(HoldingIssue issue) => issue switch
    {
        HoldingIssue.Expired => "expired",
        HoldingIssue.NotYetEarned => "notYetEarned",
        HoldingIssue.TooOld => "tooOld",
        HoldingIssue.BelowMinScore => "belowMinScore",
        _ => "noScore",
    };
}
