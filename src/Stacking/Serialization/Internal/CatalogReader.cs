using System.Text.Json;
using Stacking.Model;

namespace Stacking.Serialization.Internal;

/// <summary>Maps a parsed catalog document (spec §2) onto <see cref="Catalog"/>.</summary>
/// <remarks>
/// Members the format does not define become extension members in document order. A member whose value the
/// typed model cannot hold (a malformed <c>validFor</c>, STK010; a non-integer <c>level</c> or skill level,
/// STK004) is reported and kept as the extension member of the same name, which the writer writes in place of
/// the typed value; the typed value is then absent (or rounded down for levels).
/// </remarks>
internal static class CatalogReader
{
    public static Catalog Read(ReadSession session)
    {
        var dto = session.Deserialize(session.Context.CatalogDto);
        session.CheckFormat(dto.Format, Catalog.Format);
        if (dto.Credentials is null)
        {
            throw session.Fail("$", "The catalog has no \"credentials\" array; it is required.");
        }

        List<Skill>? skills = null;
        if (dto.Skills is not null)
        {
            skills = [];
            for (var i = 0; i < dto.Skills.Count; i++)
            {
                var path = $"$.skills[{i}]";
                var entry = dto.Skills[i] ?? throw session.Fail(path, "Expected a skill object, found null.");
                if (entry.Id is null)
                {
                    throw session.Fail(path, "A skill needs an \"id\".");
                }

                skills.Add(new Skill(Elements.SkillId(session, entry.Id, path + ".id"), entry.Name, ExtensionMembers.Create(Elements.Extensions(entry.Extra))));
            }
        }

        var credentials = new List<Credential>(dto.Credentials.Count);
        for (var i = 0; i < dto.Credentials.Count; i++)
        {
            var path = $"$.credentials[{i}]";
            var entry = dto.Credentials[i] ?? throw session.Fail(path, "Expected a credential object, found null.");
            credentials.Add(ReadCredential(session, entry, path));
        }

        return new Catalog(credentials, dto.Name, dto.Currency, skills, ExtensionMembers.Create(Elements.Extensions(dto.Extra)));
    }

    private static Credential ReadCredential(ReadSession session, CredentialDto dto, string path)
    {
        if (dto.Id is null)
        {
            throw session.Fail(path, "A credential needs an \"id\".");
        }

        var id = Elements.CredentialId(session, dto.Id, path + ".id");
        var extensions = Elements.Extensions(dto.Extra);
        var credential = new Credential(id)
        {
            Title = dto.Title,
            Kind = dto.Kind,
            Issuer = dto.Issuer,
            Hours = dto.Hours ?? 0,
            Credits = dto.Credits ?? 0,
            Cost = dto.Cost ?? 0,
        };

        if (dto.Level is { ValueKind: not JsonValueKind.Null } level)
        {
            var (value, exact) = Elements.Integer(session, level, path + ".level", roundUp: false, message => session.Report("STK004", message, id, "level", path + ".level"));
            credential = credential with { Level = value };
            if (!exact)
            {
                extensions.Add(new("level", level.GetRawText()));
            }
        }

        if (dto.Tags is not null)
        {
            var tags = new List<string>(dto.Tags.Count);
            for (var i = 0; i < dto.Tags.Count; i++)
            {
                tags.Add(dto.Tags[i] ?? throw session.Fail($"{path}.tags[{i}]", "Expected a string, found null."));
            }

            credential = credential with { Tags = [.. tags] };
        }

        if (dto.Skills is { ValueKind: not JsonValueKind.Null } skills)
        {
            credential = credential with { Skills = ReadSkillLevels(session, id, skills, path + ".skills", extensions) };
        }

        if (dto.ValidFor is not null)
        {
            if (Period.TryParse(dto.ValidFor, out var period))
            {
                credential = credential with { ValidFor = period };
            }
            else
            {
                session.Report("STK010", $"\"{Elements.Shorten(dto.ValidFor)}\" is not a duration of the form PnYnMnD or PnW.", id, "validFor", path + ".validFor");
                extensions.Add(new("validFor", JsonSerializer.Serialize(dto.ValidFor, session.Context.String)));
            }
        }

        if (dto.EquivalentTo is not null)
        {
            var equivalents = new List<CredentialId>(dto.EquivalentTo.Count);
            for (var i = 0; i < dto.EquivalentTo.Count; i++)
            {
                var itemPath = $"{path}.equivalentTo[{i}]";
                equivalents.Add(Elements.CredentialId(session, dto.EquivalentTo[i] ?? throw session.Fail(itemPath, "Expected a credential id, found null."), itemPath));
            }

            credential = credential with { EquivalentTo = [.. equivalents] };
        }

        if (dto.Requires is { ValueKind: not JsonValueKind.Null } requires)
        {
            credential = credential with { Requires = new RequirementReader(session, id, path).Read(requires, NodePath.Root("requires"), 1) };
        }

        return credential with { Extensions = ExtensionMembers.Create(extensions) };
    }

    private static Dictionary<SkillId, int> ReadSkillLevels(ReadSession session, CredentialId id, JsonElement skills, string path, List<KeyValuePair<string, string>> extensions)
    {
        if (skills.ValueKind != JsonValueKind.Object)
        {
            throw Elements.WrongType(session, path, "an object of skill levels", skills);
        }

        var levels = new Dictionary<SkillId, int>();
        var exact = true;
        foreach (var member in skills.EnumerateObject())
        {
            var memberPath = JsonPaths.Member(path, member.Name);
            var skill = Elements.SkillId(session, member.Name, memberPath);
            var (level, isExact) = Elements.Integer(
                session,
                member.Value,
                memberPath,
                roundUp: false,
                message => session.Report("STK004", message, id, JsonPaths.Member("skills", member.Name), memberPath));
            exact &= isExact;
            if (!levels.TryAdd(skill, level))
            {
                throw session.Fail(memberPath, $"The skill \"{member.Name}\" appears twice in one object.");
            }
        }

        if (!exact)
        {
            extensions.Add(new("skills", skills.GetRawText()));
        }

        return levels;
    }
}
