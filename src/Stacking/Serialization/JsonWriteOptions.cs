namespace Stacking.Serialization;

/// <summary>How the writers lay out a document.</summary>
public sealed class JsonWriteOptions
{
    /// <summary>Gets the default options: indented output.</summary>
    public static JsonWriteOptions Default { get; } = new();

    /// <summary>Gets a value indicating whether the output is indented (default) or compact, one line.</summary>
    /// <remarks>Extension members are written back exactly as they were read, whitespace included.</remarks>
    public bool Indented { get; init; } = true;
}
