using System.Text.Json;
using Stacking.Model;

namespace Stacking.Serialization.Internal;

/// <summary>Maps a parsed learner document (spec §4) onto <see cref="LearnerRecord"/>.</summary>
/// <remarks>
/// A malformed <c>earned</c> or <c>expires</c> date is reported (STK010) and kept as the extension member of the
/// same name; the typed holding then is valid at no date before the last of the calendar (<c>earned</c> becomes
/// <see cref="DateOnly.MaxValue"/>, a malformed <c>expires</c> becomes the earned date; an absent <c>expires</c> stays
/// absent so that writing adds no member), and validation reports STK010 as an error, so the command line never
/// evaluates it.
/// </remarks>
internal static class LearnerReader
{
    public static LearnerRecord Read(ReadSession session)
    {
        var dto = session.Deserialize(session.Context.LearnerDto);
        session.CheckFormat(dto.Format, LearnerRecord.Format);

        var holdings = new List<Holding>();
        for (var i = 0; i < (dto.Holdings?.Count ?? 0); i++)
        {
            var path = $"$.holdings[{i}]";
            var entry = dto.Holdings![i] ?? throw session.Fail(path, "Expected a holding object, found null.");
            holdings.Add(ReadHolding(session, entry, path, $"holdings[{i}]"));
        }

        var exceptions = new List<AdvisorException>();
        for (var i = 0; i < (dto.Exceptions?.Count ?? 0); i++)
        {
            var path = $"$.exceptions[{i}]";
            var entry = dto.Exceptions![i] ?? throw session.Fail(path, "Expected an exception object, found null.");
            exceptions.Add(ReadException(session, entry, path));
        }

        return new LearnerRecord(dto.Id, holdings, exceptions) { Extensions = ExtensionMembers.Create(Elements.Extensions(dto.Extra)) };
    }

    private static Holding ReadHolding(ReadSession session, HoldingDto dto, string path, string findingPath)
    {
        if (dto.Credential is null)
        {
            throw session.Fail(path, "A holding needs a \"credential\".");
        }

        if (dto.Earned is null)
        {
            throw session.Fail(path, "A holding needs an \"earned\" date.");
        }

        var credential = Elements.CredentialId(session, dto.Credential, path + ".credential");
        var extensions = Elements.Extensions(dto.Extra);
        if (!Elements.TryParseDate(dto.Earned, out var earned))
        {
            BadDate(session, dto.Earned, "earned", credential, path, findingPath, extensions);
            earned = DateOnly.MaxValue;
        }

        DateOnly? expires = null;
        if (dto.Expires is not null)
        {
            if (Elements.TryParseDate(dto.Expires, out var date))
            {
                expires = date;
            }
            else
            {
                BadDate(session, dto.Expires, "expires", credential, path, findingPath, extensions);
                expires = earned;
            }
        }

        return new Holding(credential, earned, dto.Score, expires) { Extensions = ExtensionMembers.Create(extensions) };
    }

    /// <summary>Reports a malformed date of the holding of <paramref name="credential"/> (the finding names the credential
    /// like the validator's learner findings do) and keeps its text as the extension member.</summary>
    private static void BadDate(ReadSession session, string text, string member, CredentialId credential, string path, string findingPath, List<KeyValuePair<string, string>> extensions)
    {
        session.Report("STK010", $"\"{Elements.Shorten(text)}\" is not a date of the form YYYY-MM-DD.", credential, $"{findingPath}.{member}", $"{path}.{member}");
        extensions.Add(new(member, JsonSerializer.Serialize(text, session.Context.String)));
    }

    private static AdvisorException ReadException(ReadSession session, ExceptionDto dto, string path)
    {
        var extensions = Elements.Extensions(dto.Extra);
        var hasWaive = dto.Waive is { ValueKind: not JsonValueKind.Null };
        var hasSubstitution = dto.Substitute is not null || dto.With is not null;
        if (hasWaive && hasSubstitution)
        {
            throw session.Fail(path, "An exception is either a substitution (\"substitute\" and \"with\") or a waiver (\"waive\"), not both.");
        }

        if (hasWaive)
        {
            return ReadWaiver(session, dto.Waive!.Value, dto.Reason, path + ".waive", extensions);
        }

        if (dto.Substitute is null || dto.With is null)
        {
            throw session.Fail(path, hasSubstitution
                ? "A substitution needs both \"substitute\" and \"with\"."
                : "An exception needs \"substitute\" and \"with\" (a substitution) or \"waive\" (a waiver).");
        }

        return new Substitution(
            Elements.CredentialId(session, dto.Substitute, path + ".substitute"),
            Elements.CredentialId(session, dto.With, path + ".with"),
            dto.Reason)
        { Extensions = ExtensionMembers.Create(extensions) };
    }

    /// <summary>Reads <c>{"credential": Q, "node": N}</c>; unknown members inside it keep the whole object as the extension member <c>waive</c>.</summary>
    private static Waiver ReadWaiver(ReadSession session, JsonElement waive, string? reason, string path, List<KeyValuePair<string, string>> extensions)
    {
        if (waive.ValueKind != JsonValueKind.Object)
        {
            throw Elements.WrongType(session, path, "a waiver object {\"credential\", \"node\"}", waive);
        }

        string? credential = null;
        string? node = null;
        var unknown = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in waive.EnumerateObject())
        {
            var memberPath = JsonPaths.Member(path, member.Name);
            if (!names.Add(member.Name))
            {
                throw session.Fail(memberPath, $"The member \"{member.Name}\" appears twice in one object.");
            }

            switch (member.Name)
            {
                case "credential":
                    credential = Elements.RequiredString(session, member.Value, memberPath);
                    break;
                case "node":
                    node = Elements.OptionalString(session, member.Value, memberPath);
                    break;
                default:
                    unknown = true;
                    break;
            }
        }

        if (credential is null)
        {
            throw session.Fail(path, "A waiver needs a \"credential\".");
        }

        if (unknown)
        {
            extensions.Add(new("waive", waive.GetRawText()));
        }

        return new Waiver(Elements.CredentialId(session, credential, path + ".credential"), node, reason) { Extensions = ExtensionMembers.Create(extensions) };
    }
}
