using System.Collections.Immutable;
using Stacking.Validation;

namespace Stacking.Serialization;

/// <summary>What a lenient read returns: the value and the faults the typed model could not hold.</summary>
/// <typeparam name="T">The document type: <see cref="Model.Catalog"/> or <see cref="Model.LearnerRecord"/>.</typeparam>
/// <remarks>
/// The findings (STK004, STK005, STK010) have the credential and the path of the fault; pass them to validation
/// (<c>readerFindings</c>) so that one report lists everything. The offending JSON is kept in the value's
/// extension members, so writing the value back loses nothing.
/// </remarks>
public sealed class ReadResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="value">The value read.</param>
    /// <param name="findings">The findings, in document order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> or <paramref name="findings"/> is null.</exception>
    public ReadResult(T value, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(findings);
        Value = value;
        Findings = findings.ToImmutableArray();
    }

    /// <summary>Gets the value read.</summary>
    public T Value { get; }

    /// <summary>Gets the faults found while reading, in document order; empty for a well-formed document.</summary>
    public ImmutableArray<Finding> Findings { get; }

    /// <summary>Gets a value indicating whether the read found nothing wrong.</summary>
    public bool IsClean => Findings.IsEmpty;
}
