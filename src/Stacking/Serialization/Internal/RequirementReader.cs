using System.Collections.Immutable;
using System.Text.Json;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Serialization.Internal;

/// <summary>Maps the JSON of one credential's requirement (spec §3) onto the requirement types.</summary>
/// <remarks>
/// <para>Exactly one kind key per node. A node with none, or with two, is reported (STK005); the node is kept as
/// its first kind (or, with none, as an <see cref="AnyOfRequirement"/> with no children, marked so that the
/// writer writes no kind key: a node nobody can read is never satisfied), and every member that does not belong
/// to it is kept as an extension member, so writing it back loses nothing. <c>minScore</c> and <c>within</c> on
/// a node that does not consume are reported (STK005) and kept the same way; a malformed <c>within</c> (STK010)
/// and a non-integer where an integer is required (STK004) are kept as the extension member of the same name,
/// which the writer writes in place of the typed value.</para>
/// <para>Recursion follows the JSON nesting, which the reader has already bounded by
/// <see cref="JsonReadOptions.MaxDepth"/> (at most <see cref="JsonReadOptions.MaxSupportedDepth"/>), so it cannot
/// exhaust the stack.</para>
/// </remarks>
internal sealed class RequirementReader
{
    private static readonly string[] KindKeys = ["credential", "allOf", "anyOf", "atLeast", "count", "credits", "hours", "skill"];

    private readonly ReadSession _session;
    private readonly CredentialId _credential;
    private readonly string _credentialPath;

    public RequirementReader(ReadSession session, CredentialId credential, string credentialJsonPath)
    {
        _session = session;
        _credential = credential;
        _credentialPath = credentialJsonPath;
    }

    /// <summary>Reads the node at a path relative to the credential (<c>requires</c>, <c>requires.allOf[1]</c>...).</summary>
    public Requirement Read(JsonElement element, NodePath path, int depth)
    {
        if (depth > JsonReadOptions.MaxSupportedDepth)
        {
            throw _session.Fail(JsonPath(path), "The requirement is nested too deeply.");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Elements.WrongType(_session, JsonPath(path), "a requirement object", element);
        }

        var members = new List<JsonProperty>();
        var kinds = new List<JsonProperty>(1);
        foreach (var member in element.EnumerateObject())
        {
            // Objects are small: a linear scan beats a set. Newer runtimes already refuse duplicates while parsing.
            foreach (var seen in members)
            {
                if (seen.NameEquals(member.Name))
                {
                    throw _session.Fail(JsonPath(path.Member(member.Name)), $"The member \"{member.Name}\" appears twice in one object.");
                }
            }

            members.Add(member);
            if (Array.IndexOf(KindKeys, member.Name) >= 0)
            {
                kinds.Add(member);
            }
        }

        if (kinds.Count == 0)
        {
            Report("STK005", $"The requirement node has no kind: it needs exactly one of {string.Join(", ", KindKeys)}.", path);
        }
        else if (kinds.Count > 1)
        {
            Report("STK005", $"The requirement node has {kinds.Count} kinds ({string.Join(", ", kinds.Select(k => k.Name))}); it needs exactly one. It was read as \"{kinds[0].Name}\".", path);
        }

        var kind = kinds.Count == 0 ? null : kinds[0].Name;
        var extensions = new List<KeyValuePair<string, string>>();
        var node = Build(kind, element, members, path, depth, extensions);
        string? id = null;
        string? title = null;
        var shared = false;
        decimal? minScore = null;
        Period? within = null;
        var consuming = kind is "credential" or "count" or "credits" or "hours";

        foreach (var member in members)
        {
            var memberPath = path.Member(member.Name);
            switch (member.Name)
            {
                case "id":
                    id = Elements.OptionalString(_session, member.Value, JsonPath(memberPath));
                    break;
                case "title":
                    title = Elements.OptionalString(_session, member.Value, JsonPath(memberPath));
                    break;
                case "shared":
                    shared = member.Value.ValueKind != JsonValueKind.Null && Elements.Boolean(_session, member.Value, JsonPath(memberPath));
                    break;
                case "minScore" when consuming:
                    minScore = member.Value.ValueKind == JsonValueKind.Null ? null : Elements.Decimal(_session, member.Value, JsonPath(memberPath));
                    break;
                case "within" when consuming:
                    var text = Elements.OptionalString(_session, member.Value, JsonPath(memberPath));
                    if (text is not null)
                    {
                        if (Period.TryParse(text, out var period))
                        {
                            within = period;
                        }
                        else
                        {
                            Report("STK010", $"\"{Elements.Shorten(text)}\" is not a duration of the form PnYnMnD or PnW.", memberPath);
                            extensions.Add(new(member.Name, member.Value.GetRawText()));
                        }
                    }

                    break;
                case "minScore" or "within" when kind is not null:
                    Report("STK005", $"\"{member.Name}\" belongs on credential, count, credits and hours nodes only, not on \"{kind}\".", path);
                    extensions.Add(new(member.Name, member.Value.GetRawText()));
                    break;
                default:
                    if (!BelongsTo(kind, member.Name))
                    {
                        extensions.Add(new(member.Name, member.Value.GetRawText()));
                    }

                    break;
            }
        }

        node = node with { Id = id, Title = title, Shared = shared, Extensions = ExtensionMembers.Create(extensions) };
        if (node is ConsumingRequirement consumingNode)
        {
            node = consumingNode with { MinScore = minScore, Within = within };
        }

        return node;
    }

    /// <summary>Gets whether a member is the kind key of the node or one of that kind's own members.</summary>
    private static bool BelongsTo(string? kind, string name) => name == kind || (kind, name) switch
    {
        ("atLeast", "of") => true,
        ("count" or "credits" or "hours", "from") => true,
        ("skill", "level") => true,
        _ => false,
    };

    private static JsonElement? Find(List<JsonProperty> members, string name)
    {
        foreach (var member in members)
        {
            if (member.Name == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    private Requirement Build(string? kind, JsonElement element, List<JsonProperty> members, NodePath path, int depth, List<KeyValuePair<string, string>> extensions)
    {
        if (kind is null)
        {
            return new AnyOfRequirement() { IsKindless = true };
        }

        var value = Find(members, kind)!.Value;
        var valuePath = path.Member(kind);
        switch (kind)
        {
            case "credential":
                return new CredentialRequirement(Elements.CredentialId(_session, Elements.RequiredString(_session, value, JsonPath(valuePath)), JsonPath(valuePath)));
            case "allOf":
                return new AllOfRequirement(Children(value, valuePath, depth));
            case "anyOf":
                return new AnyOfRequirement(Children(value, valuePath, depth));
            case "atLeast":
            {
                var count = Integer(value, valuePath, kind, roundUp: true, extensions);
                var of = Find(members, "of");
                var ofPath = path.Member("of");
                return new AtLeastRequirement(count, of is { ValueKind: not JsonValueKind.Null } ofValue ? Children(ofValue, ofPath, depth) : []);
            }

            case "count":
                return new CountRequirement(Integer(value, valuePath, kind, roundUp: true, extensions), From(members, path));
            case "credits":
                return new CreditsRequirement(Elements.Decimal(_session, value, JsonPath(valuePath)), From(members, path));
            case "hours":
                return new HoursRequirement(Elements.Decimal(_session, value, JsonPath(valuePath)), From(members, path));
            default:
            {
                var skill = Elements.SkillId(_session, Elements.RequiredString(_session, value, JsonPath(valuePath)), JsonPath(valuePath));
                var level = Find(members, "level") is { ValueKind: not JsonValueKind.Null } levelValue
                    ? Integer(levelValue, path.Member("level"), "level", roundUp: true, extensions)
                    : 1;
                return new SkillRequirement(skill, level);
            }
        }
    }

    private int Integer(JsonElement value, NodePath valuePath, string name, bool roundUp, List<KeyValuePair<string, string>> extensions)
    {
        var (result, exact) = Elements.Integer(_session, value, JsonPath(valuePath), roundUp, message => Report("STK004", message, valuePath));
        if (!exact)
        {
            extensions.Add(new(name, value.GetRawText()));
        }

        return result;
    }

    private ImmutableArray<Requirement> Children(JsonElement array, NodePath path, int depth)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Elements.WrongType(_session, JsonPath(path), "an array of requirements", array);
        }

        var children = ImmutableArray.CreateBuilder<Requirement>(array.GetArrayLength());
        var index = 0;
        foreach (var child in array.EnumerateArray())
        {
            children.Add(Read(child, path.Index(index++), depth + 1));
        }

        return children.MoveToImmutable();
    }

    private Selector From(List<JsonProperty> members, NodePath path)
    {
        var fromPath = path.Member("from");
        return Find(members, "from") is { ValueKind: not JsonValueKind.Null } from
            ? ReadSelector(from, fromPath)
            : new Selector();
    }

    private Selector ReadSelector(JsonElement element, NodePath path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Elements.WrongType(_session, JsonPath(path), "a selector object", element);
        }

        var selector = new Selector();
        var extensions = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = path.Member(member.Name);
            var memberJsonPath = JsonPath(memberPath);
            if (!names.Add(member.Name))
            {
                throw _session.Fail(memberJsonPath, $"The member \"{member.Name}\" appears twice in one object.");
            }

            var value = member.Value;
            if (value.ValueKind == JsonValueKind.Null && member.Name is "ids" or "tag" or "kind" or "issuer" or "minLevel" or "skill" or "except" or "any")
            {
                continue;
            }

            selector = member.Name switch
            {
                "ids" => selector with { Ids = [.. Elements.CredentialIds(_session, value, memberJsonPath)] },
                "tag" => selector with { Tag = Elements.RequiredString(_session, value, memberJsonPath) },
                "kind" => selector with { Kind = Elements.RequiredString(_session, value, memberJsonPath) },
                "issuer" => selector with { Issuer = Elements.RequiredString(_session, value, memberJsonPath) },
                "minLevel" => selector with { MinLevel = Integer(value, memberPath, "minLevel", roundUp: true, extensions) },
                "skill" => selector with { Skill = Elements.SkillId(_session, Elements.RequiredString(_session, value, memberJsonPath), memberJsonPath) },
                "except" => selector with { Except = [.. Elements.CredentialIds(_session, value, memberJsonPath)] },
                "any" => selector with { Any = Elements.Boolean(_session, value, memberJsonPath) },
                _ => Keep(selector, member, extensions),
            };
        }

        return selector with { Extensions = ExtensionMembers.Create(extensions) };

        static Selector Keep(Selector selector, JsonProperty member, List<KeyValuePair<string, string>> extensions)
        {
            extensions.Add(new(member.Name, member.Value.GetRawText()));
            return selector;
        }
    }

    private void Report(string code, string message, NodePath path) =>
        _session.Report(code, message, _credential, path.ToString(), JsonPath(path));

    private PathRef JsonPath(NodePath relative) => new(_credentialPath, relative);
}
