using System.Globalization;
using System.Text;

namespace Stacking.Serialization;

/// <summary>The one exception the readers throw for input they cannot read: malformed JSON, a wrong <c>format</c>, input too deep or too big, or (strict reading) a fault the typed model cannot hold.</summary>
/// <remarks>
/// <para>The <see cref="Exception.Message"/> is one line for people and already names the location:
/// <c>catalog.json: line 12, position 7 ($.credentials[3].requires): the JSON value could not be converted...</c>.
/// The parts are also available one by one: <see cref="FileName"/> (when read from a file),
/// <see cref="LineNumber"/> and <see cref="BytePositionInLine"/> (both 1-based, when known) and
/// <see cref="JsonPath"/> (when known, such as <c>$.credentials[3].requires.allOf[1]</c>).</para>
/// <para><see cref="Detail"/> is the message without the location.</para>
/// </remarks>
public sealed class StackingFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public StackingFormatException()
        : this("The document could not be read.")
    {
    }

    /// <summary>Creates the exception with a message and no location.</summary>
    /// <param name="message">The message.</param>
    public StackingFormatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message, no location, and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StackingFormatException(string message, Exception? innerException)
        : base(message, innerException) => Detail = message;

    /// <summary>Creates the exception with a message and its location.</summary>
    /// <param name="detail">What is wrong, without the location.</param>
    /// <param name="fileName">The file read, if any.</param>
    /// <param name="lineNumber">The 1-based line, if known.</param>
    /// <param name="bytePositionInLine">The 1-based byte position in the line, if known.</param>
    /// <param name="jsonPath">The JSON path of the fault, if known.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StackingFormatException(string detail, string? fileName, long? lineNumber, long? bytePositionInLine, string? jsonPath, Exception? innerException = null)
        : base(Compose(detail, fileName, lineNumber, bytePositionInLine, jsonPath), innerException)
    {
        Detail = detail;
        FileName = fileName;
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
        JsonPath = jsonPath;
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>Gets the name of the file that was read, when the input came from a file.</summary>
    public string? FileName { get; }

    /// <summary>Gets the 1-based line of the fault, when known.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the 1-based byte position of the fault in its line, when known.</summary>
    public long? BytePositionInLine { get; }

    /// <summary>Gets the JSON path of the fault (such as <c>$.credentials[3].validFor</c>), when known.</summary>
    public string? JsonPath { get; }

    /// <summary>Returns a copy of the exception that names a file.</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>The copy, with the same location and cause.</returns>
    internal StackingFormatException WithFileName(string fileName) =>
        new(Detail, fileName, LineNumber, BytePositionInLine, JsonPath, InnerException);

    private static string Compose(string detail, string? fileName, long? line, long? position, string? path)
    {
        var location = new StringBuilder();
        if (fileName is not null)
        {
            location.Append(fileName);
        }

        if (line is not null)
        {
            location.Append(location.Length == 0 ? string.Empty : ": ")
                .Append(CultureInfo.InvariantCulture, $"line {line}");
            if (position is not null)
            {
                location.Append(CultureInfo.InvariantCulture, $", position {position}");
            }
        }

        if (path is not null)
        {
            location.Append(location.Length == 0 ? path : $" ({path})");
        }

        return location.Length == 0 ? detail : $"{location}: {detail}";
    }
}
