using System.Buffers;
using System.Text;

namespace Stacking.Serialization.Internal;

/// <summary>Turns the three kinds of input (string, stream, file) into one bounded UTF-8 buffer.</summary>
internal static class JsonInput
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Encodes a string, refusing it before encoding when it is over the size limit.</summary>
    public static byte[] FromString(string json, JsonReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);

        // A UTF-16 code unit encodes to at least one byte, so a string longer than the limit is surely too big.
        if (json.Length > options.MaxDocumentBytes)
        {
            throw TooBig(options, null);
        }

        var count = Encoding.UTF8.GetByteCount(json);
        if (count > options.MaxDocumentBytes)
        {
            throw TooBig(options, null);
        }

        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Reads a stream to its end, refusing it as soon as it is over the size limit.</summary>
    public static byte[] FromStream(Stream stream, JsonReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 1, Math.Min(options.MaxDocumentBytes + 1, 1 << 24)) : 1 << 16);
        long total = 0;
        while (true)
        {
            var span = buffer.GetSpan(1 << 16);
            var read = stream.Read(span);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            total += read;
            if (total > options.MaxDocumentBytes)
            {
                throw TooBig(options, null);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Returns the document without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlyMemory<byte> WithoutBom(byte[] utf8) =>
        utf8.AsSpan().StartsWith(Bom) ? utf8.AsMemory(Bom.Length) : utf8.AsMemory();

    private static StackingFormatException TooBig(JsonReadOptions options, string? fileName) =>
        new(
            $"The document is larger than the limit of {options.MaxDocumentBytes} bytes (JsonReadOptions.MaxDocumentBytes).",
            fileName,
            lineNumber: null,
            bytePositionInLine: null,
            jsonPath: "$");
}
