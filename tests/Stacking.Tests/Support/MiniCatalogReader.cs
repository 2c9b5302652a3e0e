using System.Globalization;
using System.Text.Json;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Support;

/// <summary>A minimal, test-only reader of stacking/catalog@1 documents (the well-formed subset), used until
/// Stacking.Serialization lands; it ignores unknown members and does no error reporting.</summary>
internal static class MiniCatalogReader
{
    public static Catalog ReadFile(string path) => Read(File.ReadAllText(path));

    public static Catalog Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        var root = document.RootElement;
        var credentials = root.GetProperty("credentials").EnumerateArray().Select(ReadCredential).ToList();
        var skills = root.TryGetProperty("skills", out var s)
            ? s.EnumerateArray().Select(e => new Skill(e.GetProperty("id").GetString()!, e.TryGetProperty("name", out var n) ? n.GetString() : null)).ToList()
            : null;
        return new Catalog(credentials, Str(root, "name"), Str(root, "currency"), skills);
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static Credential ReadCredential(JsonElement e)
    {
        var c = new Credential(e.GetProperty("id").GetString()!)
        {
            Title = Str(e, "title"),
            Kind = Str(e, "kind"),
            Issuer = Str(e, "issuer"),
            Hours = e.TryGetProperty("hours", out var h) ? h.GetDecimal() : 0,
            Credits = e.TryGetProperty("credits", out var cr) ? cr.GetDecimal() : 0,
            Cost = e.TryGetProperty("cost", out var co) ? co.GetDecimal() : 0,
            Level = e.TryGetProperty("level", out var l) ? l.GetInt32() : null,
            Tags = e.TryGetProperty("tags", out var t) ? [.. t.EnumerateArray().Select(x => x.GetString()!)] : [],
            EquivalentTo = e.TryGetProperty("equivalentTo", out var eq) ? [.. eq.EnumerateArray().Select(x => new CredentialId(x.GetString()!))] : [],
            ValidFor = e.TryGetProperty("validFor", out var vf) ? Period.Parse(vf.GetString()!) : null,
            Requires = e.TryGetProperty("requires", out var r) ? ReadNode(r) : null,
        };
        if (e.TryGetProperty("skills", out var sk))
        {
            c = c with { Skills = sk.EnumerateObject().ToDictionary(p => new SkillId(p.Name), p => p.Value.GetInt32()) };
        }

        return c;
    }

    private static Requirement ReadNode(JsonElement e)
    {
        Requirement node;
        if (e.TryGetProperty("credential", out var id))
        {
            node = new CredentialRequirement(id.GetString()!) { MinScore = Dec(e, "minScore"), Within = Per(e) };
        }
        else if (e.TryGetProperty("allOf", out var all))
        {
            node = new AllOfRequirement(all.EnumerateArray().Select(ReadNode));
        }
        else if (e.TryGetProperty("anyOf", out var any))
        {
            node = new AnyOfRequirement(any.EnumerateArray().Select(ReadNode));
        }
        else if (e.TryGetProperty("atLeast", out var n))
        {
            node = new AtLeastRequirement(n.GetInt32(), e.GetProperty("of").EnumerateArray().Select(ReadNode));
        }
        else if (e.TryGetProperty("count", out var count))
        {
            node = new CountRequirement(count.GetInt32(), ReadSelector(e.GetProperty("from"))) { MinScore = Dec(e, "minScore"), Within = Per(e) };
        }
        else if (e.TryGetProperty("credits", out var credits))
        {
            node = new CreditsRequirement(credits.GetDecimal(), ReadSelector(e.GetProperty("from"))) { MinScore = Dec(e, "minScore"), Within = Per(e) };
        }
        else if (e.TryGetProperty("hours", out var hours))
        {
            node = new HoursRequirement(hours.GetDecimal(), ReadSelector(e.GetProperty("from"))) { MinScore = Dec(e, "minScore"), Within = Per(e) };
        }
        else if (e.TryGetProperty("skill", out var skill))
        {
            node = new SkillRequirement(skill.GetString()!, e.TryGetProperty("level", out var lv) ? lv.GetInt32() : 1);
        }
        else
        {
            throw new FormatException("A node with no kind: " + e.GetRawText());
        }

        return node with
        {
            Id = Str(e, "id"),
            Title = Str(e, "title"),
            Shared = e.TryGetProperty("shared", out var sh) && sh.GetBoolean(),
        };
    }

    private static Selector ReadSelector(JsonElement e) => new()
    {
        Ids = e.TryGetProperty("ids", out var ids) ? [.. ids.EnumerateArray().Select(x => new CredentialId(x.GetString()!))] : [],
        Except = e.TryGetProperty("except", out var ex) ? [.. ex.EnumerateArray().Select(x => new CredentialId(x.GetString()!))] : [],
        Tag = Str(e, "tag"),
        Kind = Str(e, "kind"),
        Issuer = Str(e, "issuer"),
        MinLevel = e.TryGetProperty("minLevel", out var ml) ? ml.GetInt32() : null,
        Skill = e.TryGetProperty("skill", out var s) ? new SkillId(s.GetString()!) : (SkillId?)null,
        Any = e.TryGetProperty("any", out var a) && a.GetBoolean(),
    };

    private static decimal? Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDecimal() : null;

    private static Period? Per(JsonElement e) => e.TryGetProperty("within", out var v) ? Period.Parse(v.GetString()!) : null;
}
