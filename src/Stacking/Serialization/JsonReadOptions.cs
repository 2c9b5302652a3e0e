namespace Stacking.Serialization;

/// <summary>Limits that protect a reader from input that is too big or too deep.</summary>
/// <remarks>
/// <para><see cref="MaxDocumentBytes"/> (default <see cref="DefaultMaxDocumentBytes"/>, 32 MiB) bounds the
/// UTF-8 size of a document; a bigger one is refused with <see cref="StackingFormatException"/> before it is
/// parsed, so a 50 MB string never reaches the parser. <see cref="MaxDepth"/> (default
/// <see cref="DefaultMaxDepth"/>, 1024; at most <see cref="MaxSupportedDepth"/>) bounds the nesting of JSON
/// arrays and objects; deeper input is refused as malformed before it can exhaust the stack. Spec §3 asks
/// readers to accept at least 256 levels so that a requirement nested deeper than 64 levels is read and
/// reported by validation (STK012).</para>
/// </remarks>
public sealed class JsonReadOptions
{
    /// <summary>The default <see cref="MaxDocumentBytes"/>: 32 MiB.</summary>
    public const long DefaultMaxDocumentBytes = 32L * 1024 * 1024;

    /// <summary>The default <see cref="MaxDepth"/>: 1024 levels of JSON nesting.</summary>
    public const int DefaultMaxDepth = 1024;

    /// <summary>The largest <see cref="MaxDepth"/> accepted: 2048 levels.</summary>
    public const int MaxSupportedDepth = 2048;

    private readonly long _maxDocumentBytes = DefaultMaxDocumentBytes;
    private readonly int _maxDepth = DefaultMaxDepth;

    /// <summary>Gets the default options.</summary>
    public static JsonReadOptions Default { get; } = new();

    /// <summary>Gets the largest document accepted, in UTF-8 bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1 or more than <see cref="Array.MaxLength"/>.</exception>
    public long MaxDocumentBytes
    {
        get => _maxDocumentBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxDocumentBytes = value;
        }
    }

    /// <summary>Gets the deepest nesting of JSON arrays and objects accepted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1 or more than <see cref="MaxSupportedDepth"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxSupportedDepth);
            _maxDepth = value;
        }
    }
}
