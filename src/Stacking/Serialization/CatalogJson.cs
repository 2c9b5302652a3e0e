using Stacking.Model;
using Stacking.Serialization.Internal;

namespace Stacking.Serialization;

/// <summary>Reads and writes the catalog document <c>stacking/catalog@1</c> (spec §2, §3).</summary>
/// <remarks>
/// <para><b>Strict and lenient reading.</b> <see cref="Read(string, JsonReadOptions?)"/> throws
/// <see cref="StackingFormatException"/> for anything it cannot read faithfully: malformed JSON, a wrong type,
/// a missing or unsupported <c>format</c>, input over the limits of <see cref="JsonReadOptions"/>, and the
/// structural faults the typed model cannot hold (a requirement node with no kind or two kinds, <c>minScore</c> or
/// <c>within</c> on a node that does not consume: STK005; a malformed duration: STK010; a number that is not an
/// integer where one is required: STK004). <see cref="ReadWithFindings(string, JsonReadOptions?)"/> reports those
/// structural faults as findings with the credential and node path instead, keeps the offending JSON as
/// extension members, and throws only for input it cannot read at all. Semantic faults the model can hold (an
/// empty <c>allOf</c>, a negative cost, an unknown reference) are never reported here: that is validation's job.</para>
/// <para><b>Exact and lossless.</b> Numbers are read as <see cref="decimal"/>, never as <see cref="double"/>.
/// Members the format does not define are kept, in order, as raw JSON in the <c>Extensions</c> of the object they
/// were in, and written back unchanged: reading then writing a document loses nothing (defined members are
/// written in the spec's order and defaults such as <c>"hours": 0</c> are left out, so the text may differ while
/// the value read back is equal).</para>
/// <para>Serialization uses a source-generated <c>JsonSerializerContext</c> and is trimming- and AOT-safe.
/// All members are thread-safe.</para>
/// </remarks>
public static class CatalogJson
{
    /// <summary>Reads a catalog document strictly.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The document cannot be read; the exception names the line, position and JSON path.</exception>
    public static Catalog Read(string json, JsonReadOptions? options = null) =>
        CatalogReader.Read(Session(JsonInput.FromString(json, options ?? JsonReadOptions.Default), options, lenient: false));

    /// <summary>Reads a catalog document strictly from a UTF-8 stream, to its end.</summary>
    /// <param name="utf8Json">The stream; it is read but not closed.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The document cannot be read.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static Catalog Read(Stream utf8Json, JsonReadOptions? options = null) =>
        CatalogReader.Read(Session(JsonInput.FromStream(utf8Json, options ?? JsonReadOptions.Default), options, lenient: false));

    /// <summary>Reads a catalog file strictly.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="StackingFormatException">The document cannot be read; <see cref="StackingFormatException.FileName"/> names the file.</exception>
    /// <exception cref="IOException">The file cannot be opened or read (<see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/>...).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static Catalog ReadFile(string path, JsonReadOptions? options = null) =>
        FromFile(path, stream => Read(stream, options));

    /// <summary>Reads a catalog document leniently: structural faults become findings.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The catalog and the findings (STK004, STK005, STK010) with credential and node path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape or format, or over the limits.</exception>
    public static ReadResult<Catalog> ReadWithFindings(string json, JsonReadOptions? options = null) =>
        Lenient(JsonInput.FromString(json, options ?? JsonReadOptions.Default), options);

    /// <summary>Reads a catalog document leniently from a UTF-8 stream, to its end.</summary>
    /// <param name="utf8Json">The stream; it is read but not closed.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The catalog and the findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape or format, or over the limits.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static ReadResult<Catalog> ReadWithFindings(Stream utf8Json, JsonReadOptions? options = null) =>
        Lenient(JsonInput.FromStream(utf8Json, options ?? JsonReadOptions.Default), options);

    /// <summary>Reads a catalog file leniently.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The catalog and the findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape or format, or over the limits; the exception names the file.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ReadResult<Catalog> ReadFileWithFindings(string path, JsonReadOptions? options = null) =>
        FromFile(path, stream => ReadWithFindings(stream, options));

    /// <summary>Writes a catalog as a JSON document.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="options">Layout; null for indented output.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">A requirement is nested deeper than 1024 levels, an extension member is not valid JSON, or an extension member is named <c>format</c> (document) or <c>id</c> (credential, skill entry).</exception>
    public static string Write(Catalog catalog, JsonWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return DocumentWriter.ToText(writer => DocumentWriter.WriteCatalog(writer, catalog), options);
    }

    /// <summary>Writes a catalog as a UTF-8 JSON document to a stream.</summary>
    /// <param name="utf8Json">The stream; it is written and flushed but not closed.</param>
    /// <param name="catalog">The catalog.</param>
    /// <param name="options">Layout; null for indented output.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> or <paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">A requirement is nested deeper than 1024 levels, or an extension member cannot be written.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public static void Write(Stream utf8Json, Catalog catalog, JsonWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(catalog);
        DocumentWriter.ToStream(utf8Json, writer => DocumentWriter.WriteCatalog(writer, catalog), options);
    }

    private static ReadSession Session(byte[] utf8, JsonReadOptions? options, bool lenient) =>
        new(JsonInput.WithoutBom(utf8), options ?? JsonReadOptions.Default, lenient);

    private static ReadResult<Catalog> Lenient(byte[] utf8, JsonReadOptions? options)
    {
        var session = Session(utf8, options, lenient: true);
        var catalog = CatalogReader.Read(session);
        return new ReadResult<Catalog>(catalog, session.Findings);
    }

    internal static T FromFile<T>(string path, Func<Stream, T> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        try
        {
            return read(stream);
        }
        catch (StackingFormatException ex)
        {
            throw ex.WithFileName(path);
        }
    }
}
