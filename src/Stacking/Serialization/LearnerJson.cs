using Stacking.Model;
using Stacking.Serialization.Internal;

namespace Stacking.Serialization;

/// <summary>Reads and writes the learner document <c>stacking/learner@1</c> (spec §4).</summary>
/// <remarks>
/// <para><b>Strict and lenient reading.</b> <see cref="Read(string, JsonReadOptions?)"/> throws
/// <see cref="StackingFormatException"/> for anything it cannot read faithfully: malformed JSON, a wrong type,
/// a missing or unsupported <c>format</c>, input over the limits of <see cref="JsonReadOptions"/>, a holding
/// without <c>credential</c> or <c>earned</c>, an exception that is neither a substitution nor a waiver, and a
/// malformed <c>earned</c> or <c>expires</c> date (STK010). <see cref="ReadWithFindings(string, JsonReadOptions?)"/>
/// reports the malformed dates as findings (path <c>holdings[3].earned</c>) instead and keeps the text as an
/// extension member; such a holding is valid at no date before 9999-12-31. Semantic faults (a score of 120, <c>expires</c> before
/// <c>earned</c>, unknown credentials) are validation's job.</para>
/// <para><b>Exact and lossless.</b> Scores are read as <see cref="decimal"/>. Members the format does not define
/// are kept, in order, as raw JSON in the <c>Extensions</c> of the record, holding or exception they were in, and
/// written back unchanged (unknown members inside <c>waive</c> keep the whole <c>waive</c> object as the
/// exception's extension member <c>waive</c>).</para>
/// <para>Serialization uses a source-generated <c>JsonSerializerContext</c> and is trimming- and AOT-safe.
/// All members are thread-safe.</para>
/// </remarks>
public static class LearnerJson
{
    /// <summary>Reads a learner document strictly.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The learner record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The document cannot be read; the exception names the line, position and JSON path.</exception>
    public static LearnerRecord Read(string json, JsonReadOptions? options = null) =>
        LearnerReader.Read(Session(JsonInput.FromString(json, options ?? JsonReadOptions.Default), options, lenient: false));

    /// <summary>Reads a learner document strictly from a UTF-8 stream, to its end.</summary>
    /// <param name="utf8Json">The stream; it is read but not closed.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The learner record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The document cannot be read.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static LearnerRecord Read(Stream utf8Json, JsonReadOptions? options = null) =>
        LearnerReader.Read(Session(JsonInput.FromStream(utf8Json, options ?? JsonReadOptions.Default), options, lenient: false));

    /// <summary>Reads a learner file strictly.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The learner record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="StackingFormatException">The document cannot be read; <see cref="StackingFormatException.FileName"/> names the file.</exception>
    /// <exception cref="IOException">The file cannot be opened or read (<see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/>...).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static LearnerRecord ReadFile(string path, JsonReadOptions? options = null) =>
        CatalogJson.FromFile(path, stream => Read(stream, options));

    /// <summary>Reads a learner document leniently: structural faults become findings.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The record and the findings (STK010) with their paths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape or format, or over the limits.</exception>
    public static ReadResult<LearnerRecord> ReadWithFindings(string json, JsonReadOptions? options = null) =>
        Lenient(JsonInput.FromString(json, options ?? JsonReadOptions.Default), options);

    /// <summary>Reads a learner document leniently from a UTF-8 stream, to its end.</summary>
    /// <param name="utf8Json">The stream; it is read but not closed.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The record and the findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape or format, or over the limits.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static ReadResult<LearnerRecord> ReadWithFindings(Stream utf8Json, JsonReadOptions? options = null) =>
        Lenient(JsonInput.FromStream(utf8Json, options ?? JsonReadOptions.Default), options);

    /// <summary>Reads a learner file leniently.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Size and depth limits; null for <see cref="JsonReadOptions.Default"/>.</param>
    /// <returns>The record and the findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="StackingFormatException">The JSON is malformed, of the wrong shape or format, or over the limits; the exception names the file.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ReadResult<LearnerRecord> ReadFileWithFindings(string path, JsonReadOptions? options = null) =>
        CatalogJson.FromFile(path, stream => ReadWithFindings(stream, options));

    /// <summary>Writes a learner record as a JSON document.</summary>
    /// <param name="learner">The learner record.</param>
    /// <param name="options">Layout; null for indented output.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException">An extension member is not valid JSON, or is named <c>format</c> (document) or <c>credential</c> (holding).</exception>
    public static string Write(LearnerRecord learner, JsonWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        return DocumentWriter.ToText(writer => DocumentWriter.WriteLearner(writer, learner), options);
    }

    /// <summary>Writes a learner record as a UTF-8 JSON document to a stream.</summary>
    /// <param name="utf8Json">The stream; it is written and flushed but not closed.</param>
    /// <param name="learner">The learner record.</param>
    /// <param name="options">Layout; null for indented output.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> or <paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException">An extension member cannot be written.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public static void Write(Stream utf8Json, LearnerRecord learner, JsonWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(learner);
        DocumentWriter.ToStream(utf8Json, writer => DocumentWriter.WriteLearner(writer, learner), options);
    }

    private static ReadSession Session(byte[] utf8, JsonReadOptions? options, bool lenient) =>
        new(JsonInput.WithoutBom(utf8), options ?? JsonReadOptions.Default, lenient);

    private static ReadResult<LearnerRecord> Lenient(byte[] utf8, JsonReadOptions? options)
    {
        var session = Session(utf8, options, lenient: true);
        var learner = LearnerReader.Read(session);
        return new ReadResult<LearnerRecord>(learner, session.Findings);
    }
}
