using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stacking.Eligibility;
using Stacking.Model;

namespace Stacking.Cli.Infrastructure;

/// <summary>Shows eligibility results: the explanation tree for people, and the library's own JSON for programs.</summary>
internal static class Explanations
{
    /// <summary>Gets a status's JSON name, the same as the library's <see cref="EligibilityResult.ToJson"/> uses.</summary>
    public static string Status(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => "eligible",
        EligibilityStatus.NotEligible => "notEligible",
        _ => "undetermined",
    };

    /// <summary>Rounds progress for output, as the library does.</summary>
    public static double Progress(double progress) => Math.Round(progress, 4);

    /// <summary>Formats progress as a whole percentage.</summary>
    public static string Percent(double progress) => (progress * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The <c>check --json</c> answer: the library's result document (target, asOf, eligible, progress, explanation...).</summary>
    public static JsonObject ToJson(EligibilityResult result) =>
        JsonNode.Parse(result.ToJson()) as JsonObject ?? throw new InvalidOperationException("The eligibility result did not serialise to a JSON object.");

    /// <summary>Builds the explanation tree: each node's status, progress, what is missing, what counted and what did not.</summary>
    public static IRenderable ToTree(EligibilityResult result, Catalog catalog)
    {
        var root = new Tree(result.Waived ? "[green]requirement waived by an advisor[/]" : "[grey]requirement[/]");
        if (result.Explanation is { } node)
        {
            Add(root.AddNode(Line(node, catalog)), node, catalog);
        }
        else
        {
            root.AddNode("[green]no requirement[/]: always eligible");
        }

        foreach (var warning in result.Warnings)
        {
            root.AddNode($"[yellow]warning[/] {Display.Markup(warning)}");
        }

        return root;
    }

    private static void Add(TreeNode parent, ExplanationNode node, Catalog catalog)
    {
        foreach (var note in node.NotCounted)
        {
            parent.AddNode($"[grey]not counted:[/] {Display.Markup(note.Message)}");
        }

        foreach (var child in node.Children)
        {
            Add(parent.AddNode(Line(child, catalog)), child, catalog);
        }
    }

    private static string Line(ExplanationNode node, Catalog catalog)
    {
        var mark = node.Waived
            ? "[green]waived[/]"
            : node.Status switch
            {
                EligibilityStatus.Eligible => "[green]met[/]",
                EligibilityStatus.NotEligible => $"[red]not met[/] {Percent(node.Progress)}",
                _ => "[yellow]undetermined[/]",
            };
        var text = $"{mark}  {Display.Markup(node.Description)}";
        if (!node.Used.IsEmpty)
        {
            var used = node.Used.Select(u =>
                (u.Planned ? "planned " : string.Empty)
                + RequirementText.Name(u.Credential, catalog)
                + (u.CountsAs.Equals(u.Credential) ? string.Empty : $" as {RequirementText.Name(u.CountsAs, catalog)}"));
            text += $" [grey]<- {Display.Markup(string.Join(", ", used))}[/]";
        }

        if (node.Status != EligibilityStatus.Eligible && node.Missing is { } missing && !node.Waived)
        {
            text += $"{Environment.NewLine}[yellow]missing:[/] {Display.Markup(missing)}";
        }

        return text;
    }
}
