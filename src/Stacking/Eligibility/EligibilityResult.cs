using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility;

/// <summary>The full answer of an eligibility evaluation: status, progress, explanation and witness (spec §7).</summary>
/// <remarks>Immutable. Render it with <see cref="ToText"/> for people or <see cref="WriteJson"/> / <see cref="ToJson"/> for programs.</remarks>
public sealed class EligibilityResult
{
    internal EligibilityResult(
        CredentialId? target,
        Requirement? goal,
        string? learnerId,
        DateOnly asOf,
        EligibilityStatus status,
        double progress,
        bool waived,
        ExplanationNode? explanation,
        ImmutableArray<WitnessEntry> witness,
        ImmutableArray<string> warnings)
    {
        Target = target;
        Goal = goal;
        LearnerId = learnerId;
        AsOf = asOf;
        Status = status;
        Progress = progress;
        Waived = waived;
        Explanation = explanation;
        Witness = witness;
        Warnings = warnings;
    }

    /// <summary>Gets the target credential, or null for a goal evaluation.</summary>
    public CredentialId? Target { get; }

    /// <summary>Gets the requirement evaluated: the target's requirement or the goal; null when the target has none.</summary>
    public Requirement? Goal { get; }

    /// <summary>Gets the learner's id, if the record has one.</summary>
    public string? LearnerId { get; }

    /// <summary>Gets the as-of date T.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the status: eligible, not eligible, or undetermined when the work limit ran out.</summary>
    public EligibilityStatus Status { get; }

    /// <summary>Gets a value indicating whether <see cref="Status"/> is <see cref="EligibilityStatus.Eligible"/>.</summary>
    public bool IsEligible => Status == EligibilityStatus.Eligible;

    /// <summary>Gets the progress in [0, 1]: 1 exactly when eligible (see <see cref="ExplanationNode.Progress"/>).</summary>
    public double Progress { get; }

    /// <summary>Gets a value indicating whether a waiver of the whole requirement makes the learner eligible.</summary>
    public bool Waived { get; }

    /// <summary>Gets the explanation tree mirroring the requirement; null when the target has no requirement.</summary>
    public ExplanationNode? Explanation { get; }

    /// <summary>Gets, when eligible, which items each consuming node of the witness uses; empty otherwise.</summary>
    public ImmutableArray<WitnessEntry> Witness { get; }

    /// <summary>Gets remarks about the input that do not change the answer (holdings of unknown ids, exceptions naming unknown credentials).</summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>Renders the result as indented text for people.</summary>
    /// <returns>The text, one line per requirement node.</returns>
    public string ToText() => Engine.ExplanationText.Render(this);

    /// <summary>Writes the result as one JSON object: <c>{"target","asOf","eligible","status","progress","explanation":{…},"witness":[…],"warnings":[…]}</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <remarks>The member names are stable and documented in <c>docs/eligibility.md</c>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Engine.ExplanationJson.Write(writer, this);
    }

    /// <summary>Returns the result as JSON text (see <see cref="WriteJson"/>).</summary>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>The JSON text.</returns>
    /// <remarks>
    /// Strings are escaped as the catalog and learner writers escape them: quotes as <c>\"</c>, non-ASCII text as is,
    /// control characters as <c>\uXXXX</c>. The text is JSON for programs; embed it in HTML only after HTML-encoding it.
    /// </remarks>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Returns a one-line summary for logs, such as <c>data-cert for maya at 2026-09-01: not eligible (75%)</c>.</summary>
    /// <returns>The summary (the explanation is <c>ToText</c>, the JSON <c>ToJson</c>).</returns>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{(Target is { } target ? target.Value : "goal")} for {LearnerId ?? "(no id)"} at {AsOf:yyyy-MM-dd}: {Status switch { EligibilityStatus.Eligible => "eligible", EligibilityStatus.NotEligible => "not eligible", _ => "undetermined" }} ({Math.Round(Progress * 100)}%){(Waived ? ", waived" : string.Empty)}");
}
