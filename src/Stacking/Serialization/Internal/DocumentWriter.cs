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

    /// <summary>The compact JSON of one part of a document, as the writer writes it: the model's <c>ToString</c>.</summary>
    /// <remarks>Never throws: a part the writer refuses (a tree deeper than it writes, an extension member that is not one
    /// JSON value) is named by <paramref name="fallback"/> instead.</remarks>
    public static string Text(Action<Utf8JsonWriter> write, string fallback)
    {
        try
        {
            return ToText(write, CompactOptions);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return fallback;
        }
    }

    /// <summary>The deepest requirement tree <c>ToString</c> writes: far beyond any real catalog, and shallow enough for the
    /// writer's recursion on any thread's stack (a debugger or a logger calls it where no one chose the stack size).</summary>
    public const int MaxTextDepth = 128;

    public static string Text(Requirement node) =>
        node.Depth() > MaxTextDepth
            ? $"{node.Kind} requirement nested {node.Depth()} levels deep"
            : Text(writer => WriteRequirement(writer, node, 0), $"{node.Kind} requirement (not writable as JSON)");

    public static string Text(Credential credential) =>
        credential.Requires is { } requires && requires.Depth() > MaxTextDepth
            ? $"credential {credential.Id} with a requirement nested {requires.Depth()} levels deep"
            : Text(writer => WriteCredential(writer, credential), $"credential {credential.Id} (not writable as JSON)");

    public static string Text(Holding holding) => Text(writer => WriteHolding(writer, holding), $"holding of {holding.Credential} (not writable as JSON)");

    public static string Text(AdvisorException exception) => Text(writer => WriteException(writer, exception), "exception (not writable as JSON)");

    public static string Text(Selector selector) => Text(writer => WriteSelector(writer, selector), "selector (not writable as JSON)");

    private static readonly JsonWriteOptions CompactOptions = new() { Indented = false };

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
        if (catalog.Skills is { } skills)
        {
            Array(writer, ext, "skills", skills, writeEmpty: true, static (writer, skill) =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", skill.Id.Value);
                String(writer, skill.Extensions, "name", skill.Name);
                Extensions(writer, skill.Extensions, "id");
                writer.WriteEndObject();
            });
        }

        Array(writer, ext, "credentials", catalog.Credentials, writeEmpty: true, WriteCredential);

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
        Array(writer, ext, "holdings", learner.Holdings, writeEmpty: true, WriteHolding);
        Array(writer, ext, "exceptions", learner.Exceptions, writeEmpty: false, WriteException);

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
        Int(writer, ext, "level", credential.Level);
        Array(writer, ext, "tags", credential.Tags, writeEmpty: false, static (writer, tag) => writer.WriteStringValue(tag));

        if (credential.Skills.Count > 0 && !ext.TryGetValue("skills", out _))
        {
            writer.WriteStartObject("skills");
            foreach (var (skill, skillLevel) in credential.Skills)
            {
                writer.WriteNumber(skill.Value, skillLevel);
            }

            writer.WriteEndObject();
        }

        String(writer, ext, "validFor", credential.ValidFor?.ToString());

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
                Int(writer, ext, "atLeast", atLeast.Count);
                Children(writer, ext, "of", atLeast.Children, depth);
                break;
            case CountRequirement count:
                Int(writer, ext, "count", count.Count);
                From(writer, ext, count.From);
                break;
            case CreditsRequirement credits:
                Decimal(writer, ext, "credits", credits.Credits);
                From(writer, ext, credits.From);
                break;
            case HoursRequirement hours:
                Decimal(writer, ext, "hours", hours.Hours);
                From(writer, ext, hours.From);
                break;
            case SkillRequirement skill:
                String(writer, ext, "skill", skill.Skill.Value);
                Int(writer, ext, "level", skill.Level == 1 ? null : skill.Level);
                break;
        }

        if (node is ConsumingRequirement consuming)
        {
            Decimal(writer, ext, "minScore", consuming.MinScore);
            String(writer, ext, "within", consuming.Within?.ToString());
        }

        String(writer, ext, "id", node.Id);
        String(writer, ext, "title", node.Title);
        Flag(writer, ext, "shared", node.Shared);

        Extensions(writer, ext, null);
        writer.WriteEndObject();
    }

    private static void Children(Utf8JsonWriter writer, ExtensionMembers ext, string name, IReadOnlyList<Requirement> children, int depth) =>
        Array(writer, ext, name, children, writeEmpty: true, (writer, child) => WriteRequirement(writer, child, depth + 1));

    private static void From(Utf8JsonWriter writer, ExtensionMembers ext, Selector selector)
    {
        if (ext.TryGetValue("from", out _))
        {
            return;
        }

        writer.WritePropertyName("from");
        WriteSelector(writer, selector);
    }

    private static void WriteSelector(Utf8JsonWriter writer, Selector selector)
    {
        var own = selector.Extensions;
        writer.WriteStartObject();
        Ids(writer, own, "ids", selector.Ids);
        String(writer, own, "tag", selector.Tag);
        String(writer, own, "kind", selector.Kind);
        String(writer, own, "issuer", selector.Issuer);
        Int(writer, own, "minLevel", selector.MinLevel);
        String(writer, own, "skill", selector.Skill?.Value);
        Ids(writer, own, "except", selector.Except);
        Flag(writer, own, "any", selector.Any);

        Extensions(writer, own, null);
        writer.WriteEndObject();
    }

    private static void WriteHolding(Utf8JsonWriter writer, Holding holding)
    {
        var ext = holding.Extensions;
        writer.WriteStartObject();
        writer.WriteString("credential", holding.Credential.Value);
        String(writer, ext, "earned", Date(holding.Earned));
        Decimal(writer, ext, "score", holding.Score);
        String(writer, ext, "expires", holding.Expires is { } expires ? Date(expires) : null);

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

    // Each member writer below writes a defined member when it has a value, unless an extension member of the same
    // name replaces it (see the remarks above).
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

    private static void Decimal(Utf8JsonWriter writer, ExtensionMembers ext, string name, decimal? value)
    {
        if (value is { } number && !ext.TryGetValue(name, out _))
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void Int(Utf8JsonWriter writer, ExtensionMembers ext, string name, int? value)
    {
        if (value is { } number && !ext.TryGetValue(name, out _))
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes <c>name: true</c> when set; false is the default and is left out.</summary>
    private static void Flag(Utf8JsonWriter writer, ExtensionMembers ext, string name, bool value)
    {
        if (value && !ext.TryGetValue(name, out _))
        {
            writer.WriteBoolean(name, true);
        }
    }

    private static void Ids(Utf8JsonWriter writer, ExtensionMembers ext, string name, IReadOnlyList<CredentialId> ids) =>
        Array(writer, ext, name, ids, writeEmpty: false, static (writer, id) => writer.WriteStringValue(id.Value));

    /// <summary>Writes an array member, item by item; <paramref name="writeEmpty"/>: whether an empty array is written (a
    /// required member) or left out (an optional one).</summary>
    private static void Array<T>(Utf8JsonWriter writer, ExtensionMembers ext, string name, IReadOnlyCollection<T> items, bool writeEmpty, Action<Utf8JsonWriter, T> write)
    {
        if ((items.Count == 0 && !writeEmpty) || ext.TryGetValue(name, out _))
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
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
