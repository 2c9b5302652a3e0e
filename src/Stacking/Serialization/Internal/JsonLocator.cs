using System.Text;
using System.Text.Json;

namespace Stacking.Serialization.Internal;

/// <summary>Finds the line and byte position of a JSON path in a document, for error messages.</summary>
/// <remarks>
/// Only used on the error path: the mapper knows the JSON path of a fault but a parsed element does not know
/// its offset, so the document is scanned once more with a reader that tracks the path. Paths use the form
/// <see cref="JsonPaths"/> builds.
/// </remarks>
internal static class JsonLocator
{
    public static (long Line, long Position)? Locate(ReadOnlySpan<byte> utf8, string jsonPath, int maxDepth)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
            var path = new StringBuilder("$");
            var frames = new Stack<(bool IsArray, int Index, int Length)>();
            string? name = null;
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    name = reader.GetString();
                    continue;
                }

                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    var frame = frames.Pop();
                    path.Length = frame.Length;
                    continue;
                }

                // A value starts: extend the path by its member name or index.
                var parentLength = path.Length;
                if (frames.Count > 0)
                {
                    var top = frames.Pop();
                    if (top.IsArray)
                    {
                        path.Append('[').Append(top.Index).Append(']');
                        top.Index++;
                    }
                    else
                    {
                        JsonPaths.AppendMember(path, name ?? string.Empty);
                    }

                    frames.Push(top);
                }

                if (path.Length == jsonPath.Length && path.ToString() == jsonPath)
                {
                    return ToLineAndPosition(utf8, reader.TokenStartIndex);
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Push((token == JsonTokenType.StartArray, 0, parentLength));
                }
                else
                {
                    path.Length = parentLength;
                }
            }
        }
        catch (JsonException)
        {
            // The document was parsed once already; a failure here only means no location.
        }

        return null;
    }

    public static (long Line, long Position) ToLineAndPosition(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Min(offset, utf8.Length)];
        var line = before.Count((byte)'\n') + 1L;
        var lastNewLine = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewLine);
    }
}
