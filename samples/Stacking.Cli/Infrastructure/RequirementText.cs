using System.Globalization;
using Spectre.Console;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Cli.Infrastructure;

/// <summary>Describes requirement trees in plain words (display only: deciding them is the eligibility engine's job).</summary>
internal static class RequirementText
{
    /// <summary>Describes one node without its children: "all of", "2 of", "30 credits from level 5 or above"...</summary>
    public static string Describe(Requirement node, Catalog catalog)
    {
        var text = node switch
        {
            CredentialRequirement c => Name(c.Credential, catalog) + Qualifiers(c),
            AllOfRequirement => "all of",
            AnyOfRequirement => "any one of",
            AtLeastRequirement a => string.Create(CultureInfo.InvariantCulture, $"at least {a.Count} of"),
            CountRequirement c => string.Create(CultureInfo.InvariantCulture, $"{Display.Count(c.Count, "credential", "distinct credentials")} from {Selector(c.From, catalog)}") + Qualifiers(c),
            CreditsRequirement c => $"{Display.Count(c.Credits, "credit", "credits")} from {Selector(c.From, catalog)}" + Qualifiers(c),
            HoursRequirement h => $"{Display.Count(h.Hours, "hour", "hours")} from {Selector(h.From, catalog)}" + Qualifiers(h),
            SkillRequirement s => string.Create(CultureInfo.InvariantCulture, $"skill {SkillName(s.Skill, catalog)} at level {s.Level} or above"),
            _ => node.Kind.ToString(),
        };
        if (node.Shared)
        {
            text += " (shared: counts items used elsewhere)";
        }

        return node.Title is { } title && node is not CredentialRequirement ? $"{title}: {text}" : text;
    }

    /// <summary>Builds a Spectre tree of a requirement.</summary>
    public static Tree ToTree(string label, Requirement requirement, Catalog catalog)
    {
        var tree = new Tree(label);
        Add(tree.AddNode(Display.Markup(Describe(requirement, catalog))), requirement, catalog);
        return tree;
    }

    private static void Add(TreeNode parent, Requirement node, Catalog catalog)
    {
        foreach (var child in node.Children)
        {
            Add(parent.AddNode(Display.Markup(Describe(child, catalog))), child, catalog);
        }
    }

    /// <summary>Formats a credential as its title (or id when it has none).</summary>
    public static string Name(CredentialId id, Catalog catalog) => catalog.Find(id)?.Title ?? id.Value;

    /// <summary>Formats a skill as its registry name.</summary>
    public static string SkillName(SkillId id, Catalog catalog) =>
        catalog.Skills?.FirstOrDefault(s => s.Id.Equals(id))?.Name ?? id.Value;

    private static string Qualifiers(ConsumingRequirement node)
    {
        var parts = new List<string>();
        if (node.MinScore is { } score)
        {
            parts.Add($"score at least {Plans.Number(score)}");
        }

        if (node.Within is { } within)
        {
            parts.Add($"earned within {within}");
        }

        return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }

    private static string Selector(Selector selector, Catalog catalog)
    {
        var parts = new List<string>();
        if (selector.Any)
        {
            parts.Add("any credential");
        }

        if (!selector.Ids.IsEmpty)
        {
            parts.Add(string.Join(", ", selector.Ids.Select(id => Name(id, catalog))));
        }

        if (selector.Tag is { } tag)
        {
            parts.Add($"tag '{tag}'");
        }

        if (selector.Kind is { } kind)
        {
            parts.Add($"kind '{kind}'");
        }

        if (selector.Issuer is { } issuer)
        {
            parts.Add($"issuer '{issuer}'");
        }

        if (selector.MinLevel is { } level)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"level {level} or above"));
        }

        if (selector.Skill is { } skill)
        {
            parts.Add($"showing {SkillName(skill, catalog)}");
        }

        var text = string.Join(" and ", parts);
        return selector.Except.IsEmpty ? text : $"{text} except {string.Join(", ", selector.Except.Select(id => Name(id, catalog)))}";
    }
}
