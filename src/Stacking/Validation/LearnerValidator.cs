using FluentValidation;
using FluentValidation.Results;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>Checks a learner record against its catalog (spec §9).</summary>
/// <remarks>
/// <para>Codes: STK013 (warning) a holding of a credential the catalog lacks, at <c>holdings[i].credential</c>;
/// STK014 (error) a holding whose <c>expires</c> is before its <c>earned</c>, at <c>holdings[i].expires</c>;
/// STK004 (error) a score outside 0-100, at <c>holdings[i].score</c>; STK015 (error) a substitution whose
/// <c>substitute</c>, or a waiver whose <c>credential</c>, is not in the catalog, at <c>exceptions[i].substitute</c> or
/// <c>exceptions[i].waive.credential</c> (a substitution's <c>with</c> need not be: transfer credit); STK016 (error) a
/// waiver whose <c>node</c> is not the id of a node of that credential's requirement, at <c>exceptions[i].waive.node</c>.
/// Every finding names the credential concerned.</para>
/// <para>Reader findings (STK010 for a malformed date...) are merged in, once per code, credential and path.</para>
/// </remarks>
public static class LearnerValidator
{
    /// <summary>Validates a learner record against a catalog.</summary>
    /// <param name="learner">The learner record.</param>
    /// <param name="catalog">The catalog it is used with.</param>
    /// <param name="readerFindings">Findings of the reader that produced the record, if any.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> or <paramref name="catalog"/> is null.</exception>
    public static ValidationReport Validate(LearnerRecord learner, Catalog catalog, IEnumerable<Finding>? readerFindings = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(catalog);
        var findings = new List<Finding>();
        if (readerFindings is not null)
        {
            findings.AddRange(readerFindings);
        }

        var result = Rules.Instance.Validate(new Input(learner, catalog));
        foreach (var failure in result.Errors)
        {
            findings.Add(new Finding(
                failure.ErrorCode,
                failure.Severity == FluentValidation.Severity.Warning ? Severity.Warning : Severity.Error,
                failure.ErrorMessage,
                (CredentialId?)failure.CustomState,
                failure.PropertyName));
        }

        return new ValidationReport(findings);
    }

    private sealed record Input(LearnerRecord Learner, Catalog Catalog);

    private sealed class Rules : AbstractValidator<Input>
    {
        public static readonly Rules Instance = new();

        private Rules()
        {
            RuleFor(x => x).Custom(CheckHoldings);
            RuleFor(x => x).Custom(CheckExceptions);
        }

        private static void CheckHoldings(Input x, ValidationContext<Input> context)
        {
            var holdings = x.Learner.Holdings;
            for (var i = 0; i < holdings.Length; i++)
            {
                var holding = holdings[i];
                var id = holding.Credential;
                if (!x.Catalog.Contains(id))
                {
                    Fail(context, FindingCodes.UnknownHolding, $"holdings[{i}].credential", id, $"The learner holds '{id}', which is not in the catalog: the holding counts only through a substitution.", FluentValidation.Severity.Warning);
                }

                // A date the lenient reader could not read (STK010) is kept as written, in the extension member of its
                // name, beside a placeholder that must not be compared: "2025-3-01" is no date to be earned on.
                if (holding.Expires is { } expires && expires < holding.Earned
                    && !holding.Extensions.TryGetValue("earned", out _) && !holding.Extensions.TryGetValue("expires", out _))
                {
                    Fail(context, FindingCodes.ExpiresBeforeEarned, $"holdings[{i}].expires", id, $"The holding of '{id}' expires ({expires:yyyy-MM-dd}) before it was earned ({holding.Earned:yyyy-MM-dd}).");
                }

                if (holding.Score is { } score && score is < 0 or > 100)
                {
                    Fail(context, FindingCodes.BadNumber, $"holdings[{i}].score", id, $"A score must be between 0 and 100, not {score.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
                }
            }
        }

        private static void CheckExceptions(Input x, ValidationContext<Input> context)
        {
            var exceptions = x.Learner.Exceptions;
            for (var i = 0; i < exceptions.Length; i++)
            {
                switch (exceptions[i])
                {
                    case Substitution substitution when !x.Catalog.Contains(substitution.Substitute):
                        Fail(context, FindingCodes.ExceptionUnknownCredential, $"exceptions[{i}].substitute", substitution.Substitute, $"The substitution replaces '{substitution.Substitute}', which is not in the catalog.");
                        break;
                    case Waiver waiver when x.Catalog.Find(waiver.Credential) is not { } credential:
                        Fail(context, FindingCodes.ExceptionUnknownCredential, $"exceptions[{i}].waive.credential", waiver.Credential, $"The waiver names '{waiver.Credential}', which is not in the catalog.");
                        break;
                    case Waiver { Node: { } node } waiver
                        when x.Catalog.Find(waiver.Credential)?.Requires is not { } requires
                            || !RequirementNode.Walk(requires).Any(v => string.Equals(v.Node.Id, node, StringComparison.Ordinal)):
                        Fail(context, FindingCodes.ExceptionUnknownNode, $"exceptions[{i}].waive.node", waiver.Credential, $"The waiver names the node '{node}', which is not a node id of the requirement of '{waiver.Credential}'.");
                        break;
                    default:
                        break;
                }
            }
        }

        private static void Fail(ValidationContext<Input> context, string code, string path, CredentialId credential, string message, FluentValidation.Severity severity = FluentValidation.Severity.Error) =>
            context.AddFailure(new ValidationFailure(path, message) { ErrorCode = code, Severity = severity, CustomState = credential });
    }
}
