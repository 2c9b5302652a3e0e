using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stacking.Serialization.Internal;

/// <summary>Reads an optional number member of a document (a credential's hours, credits and cost, a holding's score)
/// as an exact decimal, straight from the parser's token: no element is materialised per number.</summary>
/// <remarks>The same rule as <see cref="Elements.Decimal"/> (spec §2, exact numbers): a number beyond decimal's range or
/// one a decimal would hold only rounded is refused. The exception's message is the document's words; the read adds its
/// JSON path and location.</remarks>
internal sealed class ExactDecimalConverter : JsonConverter<decimal?>
{
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new ValueFault("Expected a number here.");
        }

        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (!reader.TryGetDecimal(out var value))
        {
            throw new ValueFault(Elements.OutOfRange(Encoding.UTF8.GetString(raw)));
        }

        return Elements.HoldsExactly(value, raw) ? value : throw new ValueFault(Elements.Rounded(Encoding.UTF8.GetString(raw)));
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
