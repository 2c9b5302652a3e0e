using Stacking.Model;
using Stacking.Rules;
using Stacking.Validation;

namespace Stacking.Tests.Support;

/// <summary>A brute-force reference for "is this requirement satisfied by these planned credentials" (spec §5, §6, §8):
/// every assignment of items to consuming nodes is tried. Only for tiny catalogs.</summary>
internal sealed class BruteForceOracle(Catalog catalog) : IEarnabilityOracle
{
    public int Calls { get; private set; }

    public bool? Check(CredentialId target, IReadOnlyCollection<CredentialId> planned) =>
        catalog.Find(target)?.Requires is not { } requires || CheckGoal(requires, planned) == true;

    public bool? CheckGoal(Requirement goal, IReadOnlyCollection<CredentialId> planned)
    {
        Calls++;

        // Items: planned credentials grouped by equivalence class.
        var items = planned.Where(catalog.Contains)
            .GroupBy(id => catalog.EquivalenceClassOf(id)[0])
            .Select(g => g.Select(id => catalog[id]).ToList())
            .ToList();
        var consuming = new List<Requirement>();
        Collect(goal, false, consuming);
        var assignment = new int[items.Count];
        return Search(0);

        bool Search(int item)
        {
            if (item == items.Count)
            {
                return Holds(goal, false);
            }

            for (var slot = -1; slot < consuming.Count; slot++)
            {
                assignment[item] = slot;
                if (Search(item + 1))
                {
                    return true;
                }
            }

            return false;
        }

        IEnumerable<List<Credential>> ItemsOf(Requirement node, bool shared)
        {
            if (shared)
            {
                return items;
            }

            var slot = consuming.FindIndex(n => ReferenceEquals(n, node));
            return items.Where((_, i) => assignment[i] == slot);
        }

        bool Holds(Requirement node, bool shared)
        {
            shared |= node.Shared;
            switch (node)
            {
                case AllOfRequirement all:
                    return all.Children.All(c => Holds(c, shared));
                case AnyOfRequirement any:
                    return any.Children.Any(c => Holds(c, shared));
                case AtLeastRequirement atLeast:
                    return atLeast.Children.Count(c => Holds(c, shared)) >= atLeast.Count;
                case CredentialRequirement leaf:
                    return ItemsOf(node, shared).Any(item => item.Any(h => catalog.AreEquivalent(h.Id, leaf.Credential)));
                case CountRequirement count:
                    return ItemsOf(node, shared).Count(item => item.Any(h => Matches(count.From, h))) >= count.Count;
                case CreditsRequirement credits:
                    return ItemsOf(node, shared).Where(item => item.Any(h => Matches(credits.From, h)))
                        .Sum(item => item.Where(h => Matches(credits.From, h)).Max(h => h.Credits)) >= credits.Credits;
                case HoursRequirement hours:
                    return ItemsOf(node, shared).Where(item => item.Any(h => Matches(hours.From, h)))
                        .Sum(item => item.Where(h => Matches(hours.From, h)).Max(h => h.Hours)) >= hours.Hours;
                case SkillRequirement skill:
                    return items.Any(item => item.Any(h => h.SkillLevel(skill.Skill) >= Math.Max(1, skill.Level)));
                default:
                    return false;
            }
        }
    }

    private static void Collect(Requirement node, bool shared, List<Requirement> consuming)
    {
        shared |= node.Shared;
        if (node is ConsumingRequirement && !shared)
        {
            consuming.Add(node);
        }

        foreach (var child in node.Children)
        {
            Collect(child, shared, consuming);
        }
    }

    private bool Matches(Selector s, Credential c)
    {
        var selectsByNothing = s.Ids.IsEmpty && s.Tag is null && s.Kind is null && s.Issuer is null && s.MinLevel is null && s.Skill is null && !s.Any;
        if (selectsByNothing)
        {
            return false;
        }

        return (s.Ids.IsEmpty || s.Ids.Any(id => catalog.AreEquivalent(id, c.Id)))
            && (s.Tag is null || c.Tags.Contains(s.Tag))
            && (s.Kind is null || s.Kind == c.Kind)
            && (s.Issuer is null || s.Issuer == c.Issuer)
            && (s.MinLevel is null || (c.Level is { } l && l >= s.MinLevel))
            && (s.Skill is null || c.SkillLevel(s.Skill.Value) >= 1)
            && !s.Except.Any(id => catalog.AreEquivalent(id, c.Id));
    }
}
