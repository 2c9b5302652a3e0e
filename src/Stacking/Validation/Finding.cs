using Stacking.Model;

namespace Stacking.Validation;

/// <summary>One validation finding: a stable code, a severity, a message and where it is (spec §9).</summary>
/// <remarks>
/// <para><see cref="Code"/> is one of the stable codes of spec §9 (<c>STK001</c>…) and never changes meaning
/// between versions. <see cref="Credential"/> names the credential the finding is about, when there is one, and
/// <see cref="Path"/> the place inside it or inside the document, in the dotted form of spec §9
/// (<c>requires.allOf[1].of[0]</c>, <c>equivalentTo[0]</c>, <c>holdings[3].expires</c>).</para>
/// </remarks>
public sealed record Finding
{
    /// <summary>Creates a finding.</summary>
    /// <param name="code">The stable code, such as <c>STK002</c>.</param>
    /// <param name="severity">The severity.</param>
    /// <param name="message">A plain-words message for people.</param>
    /// <param name="credential">The credential the finding is about, if any.</param>
    /// <param name="path">The path inside the credential or the document; empty for the whole.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/>, <paramref name="message"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty.</exception>
    public Finding(string code, Severity severity, string message, CredentialId? credential = null, string path = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(path);
        Code = code;
        Severity = severity;
        Message = message;
        Credential = credential;
        Path = path;
    }

    /// <summary>Gets the stable code (spec §9).</summary>
    public string Code { get; }

    /// <summary>Gets the severity.</summary>
    public Severity Severity { get; }

    /// <summary>Gets the message, in plain words.</summary>
    public string Message { get; }

    /// <summary>Gets the credential the finding is about, if any.</summary>
    public CredentialId? Credential { get; }

    /// <summary>Gets the path inside the credential (or the document), such as <c>requires.allOf[1].of[0]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the line (1-based) of the document where the reader found what this finding is about, when a lenient
    /// read made it (<c>ReadWithFindings</c>); null for findings about the model (validation), when it cannot be told,
    /// and after the first 1 000 findings of one read (each is located by walking the document again).</summary>
    /// <remarks>A catalog author fixes a malformed date or duration at its line; the <see cref="Path"/> says the same
    /// place in the model's terms. Not part of <see cref="ToString"/>.</remarks>
    public long? LineNumber { get; init; }

    /// <summary>Gets the position (1-based, in bytes of UTF-8) in <see cref="LineNumber"/>'s line where the value the
    /// finding is about starts, when a lenient read made it; null otherwise.</summary>
    public long? BytePositionInLine { get; init; }

    /// <summary>Gets the full location: the credential id and the path, as <c>sql-cert: requires.allOf[1]</c>.</summary>
    public string Location => Credential is { } id
        ? (Path.Length == 0 ? id.Value : $"{id.Value}: {Path}")
        : Path;

    /// <summary>Returns the finding as one line: <c>error STK002 at sql-cert: requires.allOf[1]: message</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        $"{(Severity == Severity.Error ? "error" : "warning")} {Code}{(Location.Length == 0 ? string.Empty : " at " + Location)}: {Message}";
}
