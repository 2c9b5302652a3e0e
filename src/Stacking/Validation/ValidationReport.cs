using System.Collections.Immutable;

namespace Stacking.Validation;

/// <summary>The findings of validating a catalog or a learner record (spec §9).</summary>
/// <remarks>Findings are unique by code, credential and path, in a deterministic order: reader findings first, then
/// the validator's, each in document order.</remarks>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="findings">The findings; repeats of one code, credential and path are dropped (the first is kept).</param>
    /// <exception cref="ArgumentNullException"><paramref name="findings"/> is null.</exception>
    /// <exception cref="ArgumentException">A finding is null.</exception>
    public ValidationReport(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var seen = new HashSet<(string, string?, string)>();
        var kept = ImmutableArray.CreateBuilder<Finding>();
        foreach (var finding in findings)
        {
            if (finding is null)
            {
                throw new ArgumentException("The findings must not contain null.", nameof(findings));
            }

            if (seen.Add((finding.Code, finding.Credential?.Value, finding.Path)))
            {
                kept.Add(finding);
            }
        }

        Findings = kept.ToImmutable();
    }

    /// <summary>Gets every finding.</summary>
    public ImmutableArray<Finding> Findings { get; }

    /// <summary>Gets a value indicating whether there is no error (warnings allowed).</summary>
    public bool IsValid => !Errors.Any();

    /// <summary>Gets the findings of severity <see cref="Severity.Error"/>.</summary>
    public IEnumerable<Finding> Errors => Findings.Where(f => f.Severity == Severity.Error);

    /// <summary>Gets the findings of severity <see cref="Severity.Warning"/>.</summary>
    public IEnumerable<Finding> Warnings => Findings.Where(f => f.Severity == Severity.Warning);

    /// <summary>Returns the findings, one per line.</summary>
    /// <returns>The text; empty when there is no finding.</returns>
    public override string ToString() => string.Join("\n", Findings);
}
