using System.Globalization;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>Finds the node that can never be met when even every obtainable credential fails the goal.</summary>
/// <remarks>Works on the largest orderable subset of the cone: a failing allOf child is followed down, a credential leaf
/// whose class cannot be earned is followed into that credential's requirement; the deepest node reached is the reason.</remarks>
internal sealed class InfeasibilityDiagnosis(PlanningProblem problem, BitSet obtainable)
{
    private readonly HashSet<int> _visited = [];
    private readonly List<string> _chain = [];

    public (string Reason, RequirementRef Node) Explain()
    {
        var (node, owner, text) = Blame(problem.Goal, -1);
        var where = new RequirementRef(owner >= 0 ? problem.Catalog.Credentials[owner].Id : (Stacking.Model.CredentialId?)null, node.Path);
        var chain = _chain.Count == 0 ? string.Empty : $" (needed by: {string.Join(" <- ", Enumerable.Reverse(_chain))})";
        return ($"No plan exists: {where} can never be met: {text}{chain}.", where);
    }

    private (CompiledNode Node, int Owner, string Text) Blame(CompiledNode node, int owner)
    {
        var isAll = node.Kind == RequirementKind.AllOf
            || (node.Source is AtLeastRequirement atLeast && atLeast.Count == node.Children.Length);
        if (isAll && !problem.HasWaivers(owner))
        {
            foreach (var child in node.Children)
            {
                if (problem.CheckNode(child, obtainable) == OracleAnswer.No)
                {
                    return Blame(child, owner);
                }
            }
        }

        if (node.Source is CredentialRequirement leaf)
        {
            if (node.Matches.Length == 0)
            {
                return (node, owner, $"credential '{leaf.Credential}' is not in the catalog");
            }

            if (node.Matches.All(m => !obtainable.Contains(m)))
            {
                foreach (var m in node.Matches)
                {
                    if (problem.Catalog.Requirements[m] is { } requirement && _visited.Add(m))
                    {
                        _chain.Add(owner >= 0 ? $"{problem.Catalog.Credentials[owner].Id}: {node.Path}" : node.Path);
                        return Blame(requirement, m);
                    }
                }

                return (node, owner, $"no credential of the class of '{leaf.Credential}' can be earned (it depends on itself)");
            }
        }

        return (node, owner, Describe(node));
    }

    private static string Describe(CompiledNode node) => node.Source switch
    {
        CredentialRequirement c => $"credential '{c.Credential}'" + Qualifiers(c),
        CountRequirement c => string.Create(CultureInfo.InvariantCulture, $"{c.Count} items matching the selector, only {node.MatchGroups.Length} classes match") + Qualifiers(c),
        CreditsRequirement c => string.Create(CultureInfo.InvariantCulture, $"{c.Credits} credits from the selector") + Qualifiers(c),
        HoursRequirement c => string.Create(CultureInfo.InvariantCulture, $"{c.Hours} hours from the selector") + Qualifiers(c),
        SkillRequirement s => string.Create(CultureInfo.InvariantCulture, $"skill '{s.Skill}' at level {s.Level}"),
        AtLeastRequirement a => string.Create(CultureInfo.InvariantCulture, $"at least {a.Count} of {node.Children.Length} children cannot hold together"),
        AnyOfRequirement => "no alternative can be met",
        AllOfRequirement => "its children cannot all be met at once (no item may count twice)",
        _ => node.Kind.ToString(),
    };

    private static string Qualifiers(ConsumingRequirement c) =>
        (c.MinScore is { } score ? string.Create(CultureInfo.InvariantCulture, $", minScore {score}") : string.Empty)
        + (c.Within is { } within ? $", within {within}" : string.Empty);
}
