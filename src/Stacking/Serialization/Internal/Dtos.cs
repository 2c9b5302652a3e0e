using System.Text.Json;
using System.Text.Json.Serialization;

// The data-transfer types the generated context reads. They mirror the documents of spec §2 and §4 one to one;
// members whose JSON may hold what the typed model cannot (a non-integer level, a requirement tree) are
// JsonElement so that the mapper can report the fault with its path instead of failing the whole read. Numbers go
// through ExactDecimalConverter, which refuses a number a decimal would round (as Elements.Decimal does in a tree).
#pragma warning disable SA1402, CA1812 // Grouped on purpose: one shape per document object, instantiated by the generated context.

namespace Stacking.Serialization.Internal;

/// <summary>The catalog document object.</summary>
internal sealed class CatalogDto
{
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }

    [JsonPropertyName("skills")]
    public List<SkillDto?>? Skills { get; set; }

    [JsonPropertyName("credentials")]
    public List<CredentialDto?>? Credentials { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An entry of the skill registry.</summary>
internal sealed class SkillDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A credential object.</summary>
internal sealed class CredentialDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    [JsonPropertyName("hours")]
    [JsonConverter(typeof(ExactDecimalConverter))]
    public decimal? Hours { get; set; }

    [JsonPropertyName("credits")]
    [JsonConverter(typeof(ExactDecimalConverter))]
    public decimal? Credits { get; set; }

    [JsonPropertyName("cost")]
    [JsonConverter(typeof(ExactDecimalConverter))]
    public decimal? Cost { get; set; }

    [JsonPropertyName("level")]
    public JsonElement? Level { get; set; }

    [JsonPropertyName("tags")]
    public List<string?>? Tags { get; set; }

    [JsonPropertyName("skills")]
    public JsonElement? Skills { get; set; }

    [JsonPropertyName("validFor")]
    public string? ValidFor { get; set; }

    [JsonPropertyName("equivalentTo")]
    public List<string?>? EquivalentTo { get; set; }

    [JsonPropertyName("requires")]
    public JsonElement? Requires { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The learner document object.</summary>
internal sealed class LearnerDto
{
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("holdings")]
    public List<HoldingDto?>? Holdings { get; set; }

    [JsonPropertyName("exceptions")]
    public List<ExceptionDto?>? Exceptions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A holding object.</summary>
internal sealed class HoldingDto
{
    [JsonPropertyName("credential")]
    public string? Credential { get; set; }

    [JsonPropertyName("earned")]
    public string? Earned { get; set; }

    [JsonPropertyName("score")]
    [JsonConverter(typeof(ExactDecimalConverter))]
    public decimal? Score { get; set; }

    [JsonPropertyName("expires")]
    public string? Expires { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An exception object: a substitution or a waiver.</summary>
internal sealed class ExceptionDto
{
    [JsonPropertyName("substitute")]
    public string? Substitute { get; set; }

    [JsonPropertyName("with")]
    public string? With { get; set; }

    [JsonPropertyName("waive")]
    public JsonElement? Waive { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
