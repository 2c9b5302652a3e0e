using System.Collections.Immutable;
using Stacking.Internal;

namespace Stacking.Model;

/// <summary>What a learner holds, and the exceptions an advisor granted them (spec §4).</summary>
/// <remarks>The <c>stacking/learner@1</c> document. Immutable; derive what-if records with <see cref="WithHoldings"/> or <c>with</c>.</remarks>
public sealed record LearnerRecord
{
    private readonly ImmutableArray<Holding> _holdings = ImmutableArray<Holding>.Empty;
    private readonly ImmutableArray<AdvisorException> _exceptions = ImmutableArray<AdvisorException>.Empty;
    private readonly ExtensionMembers _extensions = ExtensionMembers.Empty;

    /// <summary>The value of the <c>format</c> member of a learner document.</summary>
    public const string Format = "stacking/learner@1";

    /// <summary>Creates a learner record.</summary>
    /// <param name="id">The learner's id, if any.</param>
    /// <param name="holdings">The holdings.</param>
    /// <param name="exceptions">The exceptions.</param>
    /// <exception cref="ArgumentException">A holding or exception is null.</exception>
    public LearnerRecord(string? id = null, IEnumerable<Holding>? holdings = null, IEnumerable<AdvisorException>? exceptions = null)
    {
        Id = id;
        _holdings = Seq.ToImmutableChecked(holdings, nameof(holdings));
        _exceptions = Seq.ToImmutableChecked(exceptions, nameof(exceptions));
    }

    /// <summary>Gets the empty record: no holdings, no exceptions.</summary>
    public static LearnerRecord Empty { get; } = new();

    /// <summary>Gets the learner's id, if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the holdings, in document order.</summary>
    /// <exception cref="ArgumentException">On init: a holding is null.</exception>
    public ImmutableArray<Holding> Holdings
    {
        get => _holdings;
        init => _holdings = Seq.ToImmutableChecked(value.OrEmpty(), nameof(value));
    }

    /// <summary>Gets the substitutions and waivers, in document order.</summary>
    /// <exception cref="ArgumentException">On init: an exception is null.</exception>
    public ImmutableArray<AdvisorException> Exceptions
    {
        get => _exceptions;
        init => _exceptions = Seq.ToImmutableChecked(value.OrEmpty(), nameof(value));
    }

    /// <summary>Gets the members of the JSON object this record was read from that the format does not define.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public ExtensionMembers Extensions
    {
        get => _extensions;
        init => _extensions = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Returns a copy with extra holdings, for what-if questions; this record is unchanged.</summary>
    /// <param name="extra">The hypothetical holdings.</param>
    /// <returns>The new record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="extra"/> is null.</exception>
    /// <exception cref="ArgumentException">A holding is null.</exception>
    public LearnerRecord WithHoldings(IEnumerable<Holding> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        return this with { Holdings = _holdings.AddRange(Seq.ToImmutableChecked(extra, nameof(extra))) };
    }

    /// <inheritdoc/>
    public bool Equals(LearnerRecord? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && Seq.Equal(_holdings, other._holdings)
        && Seq.Equal(_exceptions, other._exceptions)
        && _extensions.Equals(other._extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Seq.Hash(_holdings), Seq.Hash(_exceptions));

    /// <summary>Returns a one-line summary for logs, such as <c>learner maya: 2 holdings, 1 exception</c>.</summary>
    /// <returns>The summary (the document itself is <c>LearnerJson.Write</c>).</returns>
    public override string ToString() =>
        $"learner {Id ?? "(no id)"}: {Holdings.Length} {(Holdings.Length == 1 ? "holding" : "holdings")}, {Exceptions.Length} {(Exceptions.Length == 1 ? "exception" : "exceptions")}";
}
