using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Serialization.Internal;

/// <summary>Writes catalogs and learner records as the documents of spec §2-§4.</summary>
/// <remarks>
/// <para>Defined members are written in the order of the spec's tables, defaults left out (an hours of 0, a
/// skill level of 1, <c>shared: false</c>); then the extension members, in order, exactly as they were read. An
/// extension member with the name of a defined member replaces it: that is how the lenient reader keeps a value
/// the typed model cannot hold (a malformed duration, a second kind key), so that writing loses nothing.</para>
/// <para>Requirement trees are written by recursion bounded by <see cref="MaxRequirementDepth"/>, far beyond
/// what spec §3 allows (64) and beyond what <see cref="JsonReadOptions.MaxSupportedDepth"/> can read.</para>
/// </remarks>
internal static class DocumentWriter
{
    /// <summary>The deepest requirement tree the writer writes.</summary>
    public const int MaxRequirementDepth = JsonReadOptions.MaxSupportedDepth / 2;

    public static string ToText(Action<Utf8JsonWriter> write, JsonWriteOptions? options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(options)))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void ToStream(Stream stream, Action<Utf8JsonWriter> write, JsonWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        write(writer);
    }

    public static void WriteCatalog(Utf8JsonWriter writer, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var credential in catalog.Credentials)
        {
            if (credential.Requires is { } requires && requires.Depth() > MaxRequirementDepth)
            {
                throw new ArgumentException($"The requirement of '{credential.Id}' is nested deeper than the {MaxRequirementDepth} levels the writer supports.", nameof(catalog));
            }
        }

        var ext = catalog.Extensions;
        writer.WriteStartObject();
        writer.WriteString("format", Catalog.Format);
        String(writer, ext, "name", catalog.Name);
        String(writer, ext, "currency", catalog.Currency);
        if (catalog.Skills is { } skills && !ext.TryGetValue("skills", out _))
        {
            writer.WriteStartArray("skills");
            foreach (var skill in skills)
            {
                writer.WriteStartObject();
                writer.WriteString("id", skill.Id.Value);
                String(writer, skill.Extensions, "name", skill.Name);
                Extensions(writer, skill.Extensions, "id");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (!ext.TryGetValue("credentials", out _))
        {
            writer.WriteStartArray("credentials");
            foreach (var credential in catalog.Credentials)
            {
                WriteCredential(writer, credential);
            }

            writer.WriteEndArray();
        }

        Extensions(writer, ext, "format");
        writer.WriteEndObject();
    }

    public static void WriteLearner(Utf8JsonWriter writer, LearnerRecord learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var ext = learner.Extensions;
        writer.WriteStartObject();
        writer.WriteString("format", LearnerRecord.Format);
        String(writer, ext, "id", learner.Id);
        if (!ext.TryGetValue("holdings", out _))
        {
            writer.WriteStartArray("holdings");
            foreach (var holding in learner.Holdings)
            {
                WriteHolding(writer, holding);
            }

            writer.WriteEndArray();
        }

        if (!learner.Exceptions.IsEmpty && !ext.TryGetValue("exceptions", out _))
        {
            writer.WriteStartArray("exceptions");
            foreach (var exception in learner.Exceptions)
            {
                WriteException(writer, exception);
            }

            writer.WriteEndArray();
        }

        Extensions(writer, ext, "format");
        writer.WriteEndObject();
    }

    private static JsonWriterOptions WriterOptions(JsonWriteOptions? options) => new()
    {
        Indented = (options ?? JsonWriteOptions.Default).Indented,

        // Documents are data files, not HTML: keep letters and '&' readable. Quotes and controls are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = JsonReadOptions.MaxSupportedDepth * 2,
    };

    private static void WriteCredential(Utf8JsonWriter writer, Credential credential)
    {
        var ext = credential.Extensions;
        writer.WriteStartObject();
        writer.WriteString("id", credential.Id.Value);
        String(writer, ext, "title", credential.Title);
        String(writer, ext, "kind", credential.Kind);
        String(writer, ext, "issuer", credential.Issuer);
        Number(writer, ext, "hours", credential.Hours);
        Number(writer, ext, "credits", credential.Credits);
        Number(writer, ext, "cost", credential.Cost);
        if (credential.Level is { } level && !ext.TryGetValue("level", out _))
        {
            writer.WriteNumber("level", level);
        }

        if (!credential.Tags.IsEmpty && !ext.TryGetValue("tags", out _))
        {
            writer.WriteStartArray("tags");
            foreach (var tag in credential.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        }

        if (credential.Skills.Count > 0 && !ext.TryGetValue("skills", out _))
        {
            writer.WriteStartObject("skills");
            foreach (var (skill, skillLevel) in credential.Skills)
            {
                writer.WriteNumber(skill.Value, skillLevel);
            }

            writer.WriteEndObject();
        }

        if (credential.ValidFor is { } validFor && !ext.TryGetValue("validFor", out _))
        {
            writer.WriteString("validFor", validFor.ToString());
        }

        Ids(writer, ext, "equivalentTo", credential.EquivalentTo);
        if (credential.Requires is { } requires && !ext.TryGetValue("requires", out _))
        {
            writer.WritePropertyName("requires");
            WriteRequirement(writer, requires, 1);
        }

        Extensions(writer, ext, "id");
        writer.WriteEndObject();
    }

    private static void WriteRequirement(Utf8JsonWriter writer, Requirement node, int depth)
    {
        var ext = node.Extensions;
        writer.WriteStartObject();
        switch (node)
        {
            case CredentialRequirement leaf when !ext.TryGetValue("credential", out _):
                writer.WriteString("credential", leaf.Credential.Value);
                break;
            case AllOfRequirement all:
                Children(writer, ext, "allOf", all.Children, depth);
                break;
            case AnyOfRequirement any when !any.IsKindless:
                Children(writer, ext, "anyOf", any.Children, depth);
                break;
            case AtLeastRequirement atLeast:
                if (!ext.TryGetValue("atLeast", out _))
                {
                    writer.WriteNumber("atLeast", atLeast.Count);
                }

                Children(writer, ext, "of", atLeast.Children, depth);
                break;
            case CountRequirement count:
                if (!ext.TryGetValue("count", out _))
                {
                    writer.WriteNumber("count", count.Count);
                }

                From(writer, ext, count.From);
                break;
            case CreditsRequirement credits:
                if (!ext.TryGetValue("credits", out _))
                {
                    writer.WriteNumber("credits", credits.Credits);
                }

                From(writer, ext, credits.From);
                break;
            case HoursRequirement hours:
                if (!ext.TryGetValue("hours", out _))
                {
                    writer.WriteNumber("hours", hours.Hours);
                }

                From(writer, ext, hours.From);
                break;
            case SkillRequirement skill:
                if (!ext.TryGetValue("skill", out _))
                {
                    writer.WriteString("skill", skill.Skill.Value);
                }

                if (skill.Level != 1 && !ext.TryGetValue("level", out _))
                {
                    writer.WriteNumber("level", skill.Level);
                }

                break;
        }

        if (node is ConsumingRequirement consuming)
        {
            if (consuming.MinScore is { } minScore && !ext.TryGetValue("minScore", out _))
            {
                writer.WriteNumber("minScore", minScore);
            }

            if (consuming.Within is { } within && !ext.TryGetValue("within", out _))
            {
                writer.WriteString("within", within.ToString());
            }
        }

        String(writer, ext, "id", node.Id);
        String(writer, ext, "title", node.Title);
        if (node.Shared && !ext.TryGetValue("shared", out _))
        {
            writer.WriteBoolean("shared", true);
        }

        Extensions(writer, ext, null);
        writer.WriteEndObject();
    }

    private static void Children(Utf8JsonWriter writer, ExtensionMembers ext, string name, IReadOnlyList<Requirement> children, int depth)
    {
        if (ext.TryGetValue(name, out _))
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var child in children)
        {
            WriteRequirement(writer, child, depth + 1);
        }

        writer.WriteEndArray();
    }

    private static void From(Utf8JsonWriter writer, ExtensionMembers ext, Selector selector)
    {
        if (ext.TryGetValue("from", out _))
        {
            return;
        }

        var own = selector.Extensions;
        writer.WriteStartObject("from");
        Ids(writer, own, "ids", selector.Ids);
        String(writer, own, "tag", selector.Tag);
        String(writer, own, "kind", selector.Kind);
        String(writer, own, "issuer", selector.Issuer);
        if (selector.MinLevel is { } minLevel && !own.TryGetValue("minLevel", out _))
        {
            writer.WriteNumber("minLevel", minLevel);
        }

        String(writer, own, "skill", selector.Skill?.Value);
        Ids(writer, own, "except", selector.Except);
        if (selector.Any && !own.TryGetValue("any", out _))
        {
            writer.WriteBoolean("any", true);
        }

        Extensions(writer, own, null);
        writer.WriteEndObject();
    }

    private static void WriteHolding(Utf8JsonWriter writer, Holding holding)
    {
        var ext = holding.Extensions;
        writer.WriteStartObject();
        writer.WriteString("credential", holding.Credential.Value);
        if (!ext.TryGetValue("earned", out _))
        {
            writer.WriteString("earned", Date(holding.Earned));
        }

        if (holding.Score is { } score && !ext.TryGetValue("score", out _))
        {
            writer.WriteNumber("score", score);
        }

        if (holding.Expires is { } expires && !ext.TryGetValue("expires", out _))
        {
            writer.WriteString("expires", Date(expires));
        }

        Extensions(writer, ext, "credential");
        writer.WriteEndObject();
    }

    private static void WriteException(Utf8JsonWriter writer, AdvisorException exception)
    {
        var ext = exception.Extensions;
        writer.WriteStartObject();
        switch (exception)
        {
            case Substitution substitution:
                String(writer, ext, "substitute", substitution.Substitute.Value);
                String(writer, ext, "with", substitution.With.Value);
                break;
            case Waiver waiver when !ext.TryGetValue("waive", out _):
                writer.WriteStartObject("waive");
                writer.WriteString("credential", waiver.Credential.Value);
                if (waiver.Node is { } node)
                {
                    writer.WriteString("node", node);
                }

                writer.WriteEndObject();
                break;
        }

        String(writer, ext, "reason", exception.Reason);
        Extensions(writer, ext, null);
        writer.WriteEndObject();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void String(Utf8JsonWriter writer, ExtensionMembers ext, string name, string? value)
    {
        if (value is not null && !ext.TryGetValue(name, out _))
        {
            writer.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter writer, ExtensionMembers ext, string name, decimal value)
    {
        if (value != 0 && !ext.TryGetValue(name, out _))
        {
            writer.WriteNumber(name, value);
        }
    }

    private static void Ids(Utf8JsonWriter writer, ExtensionMembers ext, string name, IReadOnlyList<CredentialId> ids)
    {
        if (ids.Count == 0 || ext.TryGetValue(name, out _))
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var id in ids)
        {
            writer.WriteStringValue(id.Value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the extension members; <paramref name="reserved"/> names a member that is always written from the model and so cannot be replaced.</summary>
    private static void Extensions(Utf8JsonWriter writer, ExtensionMembers ext, string? reserved)
    {
        foreach (var (name, raw) in ext)
        {
            if (reserved is not null && name == reserved)
            {
                throw new ArgumentException($"The extension member \"{name}\" cannot be written: the format defines it and the writer always writes it from the model.", nameof(ext));
            }

            writer.WritePropertyName(name);
            writer.WriteRawValue(CheckedRawJson(name, raw), skipInputValidation: true);
        }
    }

    /// <summary>Checks that an extension member's raw text is one JSON value, nested no deeper than a reader accepts.</summary>
    /// <remarks>The writer's own validation of raw values stops at 64 levels, less than spec §3 lets documents nest.</remarks>
    private static byte[] CheckedRawJson(string name, string raw)
    {
        var utf8 = Encoding.UTF8.GetBytes(raw);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonReadOptions.MaxSupportedDepth });
            if (reader.Read())
            {
                reader.Skip();
                if (!reader.Read())
                {
                    return utf8;
                }
            }
        }
        catch (JsonException)
        {
            // Reported below with the member's name.
        }

        throw new ArgumentException($"The extension member \"{name}\" is not one JSON value: {Elements.Shorten(raw)}", nameof(raw));
    }
}
