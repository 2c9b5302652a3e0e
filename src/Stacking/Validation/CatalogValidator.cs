using Stacking.Graph;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>Checks a catalog before use (spec §9): structure, references, numbers, and exact earnability.</summary>
/// <remarks>
/// <para>Validation never throws for a bad catalog: every fault is a <see cref="Finding"/>. The structural codes
/// (STK001-STK005, STK009, STK011, STK012) are checked for every credential. The earnability codes (STK006, STK007,
/// STK008) are exact, computed with the eligibility engine, and only computed when the catalog (with the reader's
/// findings) has no error, since the meaning of a malformed requirement is undefined.</para>
/// <para>Findings from the lenient JSON reader (STK005 for a node of two kinds, STK010 for a malformed duration...)
/// are passed in and merged; a finding with the same code, credential and path is reported once.</para>
/// </remarks>
public static class CatalogValidator
{
    /// <summary>Validates a catalog.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="readerFindings">Findings of the reader that produced the catalog, if any.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ValidationReport Validate(Catalog catalog, IEnumerable<Finding>? readerFindings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Validate(catalog, readerFindings, oracle: null, cancellationToken);
    }

    /// <summary>Validates a catalog with a given earnability oracle (null: the eligibility engine).</summary>
    internal static ValidationReport Validate(Catalog catalog, IEnumerable<Finding>? readerFindings, Func<Catalog, IEarnabilityOracle?>? oracle, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        if (readerFindings is not null)
        {
            findings.AddRange(readerFindings);
        }

        var matcher = new SelectorMatcher(catalog);
        findings.AddRange(Structure(catalog, matcher, cancellationToken));
        if (!findings.Exists(f => f.Severity == Severity.Error) && (oracle ?? EligibilityOracle.Create)(catalog) is { } earnability)
        {
            Earnability.Analyze(DependencyIndex.Build(matcher), earnability, findings, cancellationToken);
        }

        return new ValidationReport(findings);
    }

    /// <summary>The structural findings: duplicates, then each credential's rules in document order.</summary>
    internal static List<Finding> Structure(Catalog catalog, SelectorMatcher matcher, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var positions = new Dictionary<CredentialId, List<int>>();
        for (var i = 0; i < catalog.Credentials.Length; i++)
        {
            var id = catalog.Credentials[i].Id;
            if (!positions.TryGetValue(id, out var list))
            {
                positions[id] = list = [];
            }

            list.Add(i);
        }

        var facts = new CatalogFacts(catalog, matcher);
        var reportedDuplicate = new HashSet<CredentialId>();
        foreach (var credential in catalog.Credentials)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var at = positions[credential.Id];
            if (at.Count > 1 && reportedDuplicate.Add(credential.Id))
            {
                findings.Add(new Finding(
                    FindingCodes.DuplicateCredential,
                    Severity.Error,
                    $"The id '{credential.Id}' is used by {at.Count} credentials (credentials[{string.Join("], credentials[", at)}]); ids must be unique.",
                    credential.Id));
            }

            var result = CredentialRules.Instance.Validate(new CredentialFacts(credential, facts));
            foreach (var failure in result.Errors)
            {
                findings.Add(new Finding(
                    failure.ErrorCode,
                    failure.Severity == FluentValidation.Severity.Warning ? Severity.Warning : Severity.Error,
                    failure.ErrorMessage,
                    credential.Id,
                    failure.PropertyName));
            }
        }

        return findings;
    }
}
