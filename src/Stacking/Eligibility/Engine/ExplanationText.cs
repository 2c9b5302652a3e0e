using System.Globalization;
using System.Text;

namespace Stacking.Eligibility.Engine;

/// <summary>Renders an <see cref="EligibilityResult"/> as indented text for people.</summary>
internal static class ExplanationText
{
    public static string Render(EligibilityResult result)
    {
        var builder = new StringBuilder();
        var subject = result.Target is { } target ? target.Value : "goal";
        var verdict = result.Status switch
        {
            EligibilityStatus.Eligible => "eligible",
            EligibilityStatus.NotEligible => "not eligible",
            _ => "undetermined (work limit reached)",
        };
        builder.Append(subject).Append(" as of ").Append(ExplanationBuilder.Date(result.AsOf)).Append(": ").Append(verdict)
            .Append(" (").Append(Percent(result.Progress)).Append(')');
        if (result.Waived)
        {
            builder.Append(", requirement waived");
        }

        builder.Append('\n');
        if (result.Explanation is null)
        {
            builder.Append("  no requirement\n");
        }
        else
        {
            Append(builder, result.Explanation, 1);
        }

        foreach (var warning in result.Warnings)
        {
            builder.Append("warning: ").Append(warning).Append('\n');
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ExplanationNode node, int depth)
    {
        var indent = new string(' ', depth * 2);
        builder.Append(indent).Append(node.Satisfied ? "[x] " : node.Status == EligibilityStatus.Undetermined ? "[?] " : "[ ] ")
            .Append(node.Description);
        if (node.Id is { } id)
        {
            builder.Append(" #").Append(id);
        }

        if (node.Waived)
        {
            builder.Append(" (waived)");
        }

        if (node.Shared)
        {
            builder.Append(" (shared)");
        }

        if (!node.Satisfied)
        {
            builder.Append(" - ").Append(Percent(node.Progress));
        }

        builder.Append('\n');
        if (!node.Used.IsDefaultOrEmpty)
        {
            builder.Append(indent).Append("    uses ").Append(string.Join(", ", node.Used.Select(Use))).Append('\n');
        }

        if (node.Missing is { } missing)
        {
            builder.Append(indent).Append("    missing: ").Append(missing).Append('\n');
        }

        foreach (var note in node.NotCounted)
        {
            builder.Append(indent).Append("    not counted: ").Append(note.Message).Append('\n');
        }

        foreach (var child in node.Children)
        {
            Append(builder, child, depth + 1);
        }
    }

    private static string Use(ItemUse use)
    {
        var text = use.Credential.Value;
        if (!use.Credential.Equals(use.CountsAs))
        {
            text += " as " + use.CountsAs.Value;
        }

        if (use.Planned)
        {
            text += " (planned)";
        }
        else
        {
            text += " (" + ExplanationBuilder.Date(use.Earned) + (use.Score is { } s ? ", score " + ExplanationBuilder.Num(s) : string.Empty) + ")";
        }

        if (use.Value is { } v)
        {
            text += " = " + ExplanationBuilder.Num(v);
        }

        return text;
    }

    private static string Percent(double progress) => (progress * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
