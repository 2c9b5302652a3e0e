using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Generators;

/// <summary>Compact text of generated cases for failure messages: a shrunk counterexample should read at a glance.</summary>
public static class CaseText
{
    /// <summary>A requirement tree on one line: <c>all(c0&gt;=70,count(2,tag:x)!s#n)</c>, where <c>!s</c> marks a shared
    /// node, <c>#id</c> its id, <c>&gt;=</c> a minScore and <c>~</c> a within.</summary>
    public static string Of(Requirement? r) => r switch
    {
        null => "-",
        CredentialRequirement c => $"{c.Credential}{Qualifiers(c)}{Marks(r)}",
        CountRequirement c => $"count({c.Count},{Of(c.From)}){Qualifiers(c)}{Marks(r)}",
        CreditsRequirement c => $"credits({c.Credits},{Of(c.From)}){Qualifiers(c)}{Marks(r)}",
        HoursRequirement c => $"hours({c.Hours},{Of(c.From)}){Qualifiers(c)}{Marks(r)}",
        SkillRequirement s => $"skill({s.Skill},{s.Level}){Marks(r)}",
        AllOfRequirement => $"all({string.Join(",", r.Children.Select(Of))}){Marks(r)}",
        AnyOfRequirement => $"any({string.Join(",", r.Children.Select(Of))}){Marks(r)}",
        AtLeastRequirement a => $"atLeast{a.Count}({string.Join(",", r.Children.Select(Of))}){Marks(r)}",
        _ => r.ToString(),
    };

    /// <summary>A selector's members, joined by <c>&amp;</c>.</summary>
    public static string Of(Selector s)
    {
        var parts = new List<string>();
        if (s.Any)
        {
            parts.Add("any");
        }

        if (!s.Ids.IsEmpty)
        {
            parts.Add("ids:" + string.Join("|", s.Ids));
        }

        Add("tag", s.Tag);
        Add("kind", s.Kind);
        Add("issuer", s.Issuer);
        Add("lvl>=", s.MinLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("skill", s.Skill?.ToString());
        if (!s.Except.IsEmpty)
        {
            parts.Add("except:" + string.Join("|", s.Except));
        }

        return parts.Count == 0 ? "nothing" : string.Join("&", parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + (name.EndsWith('=') ? string.Empty : ":") + value);
            }
        }
    }

    /// <summary>A catalog and a learner, one credential, holding or exception a line.</summary>
    public static string Of(Catalog catalog, LearnerRecord learner)
    {
        var lines = catalog.Credentials.Select(c =>
            $"  {c.Id} h={c.Hours} $={c.Cost} cr={c.Credits} tags=[{string.Join(",", c.Tags)}] kind={c.Kind} lvl={c.Level} skills=[{string.Join(",", c.Skills.Select(s => $"{s.Key}:{s.Value}"))}] validFor={c.ValidFor} eq=[{string.Join(",", c.EquivalentTo)}] req={Of(c.Requires)}")
            .Concat(learner.Holdings.Select(h => $"  holds {h.Credential} earned {h.Earned:yyyy-MM-dd} score={h.Score} expires={h.Expires:yyyy-MM-dd}"))
            .Concat(learner.Exceptions.Select(e => e switch
            {
                Substitution s => $"  substitute {s.Substitute} with {s.With}",
                Waiver w => $"  waive {w.Credential}/{w.Node?.ToString() ?? "(whole)"}",
                _ => "  " + e,
            }));
        return string.Join("\n", lines);
    }

    private static string Qualifiers(ConsumingRequirement c) =>
        (c.MinScore is { } m ? $">={m}" : string.Empty) + (c.Within is { } w ? $"~{w}" : string.Empty);

    private static string Marks(Requirement r) => (r.Shared ? "!s" : string.Empty) + (r.Id is { } id ? "#" + id : string.Empty);
}
