using System.Text.Json.Serialization;

namespace Stacking.Serialization.Internal;

/// <summary>The source-generated serializer context: no reflection, trimming- and AOT-safe.</summary>
/// <remarks>Numbers are strict JSON numbers (never strings), members are case-sensitive, comments and trailing commas are refused.</remarks>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(CatalogDto))]
[JsonSerializable(typeof(LearnerDto))]
[JsonSerializable(typeof(string))]
internal sealed partial class StackingJsonContext : JsonSerializerContext
{
}
