using Stacking.Model;
using Stacking.Validation;

namespace Stacking.Cli.Infrastructure;

/// <summary>A catalog (and learner) that were read and passed validation; commands run only on these.</summary>
internal sealed record Loaded(Catalog Catalog, LearnerRecord Learner)
{
    /// <summary>Reads and validates; returns null (after listing the errors on standard error) when either has errors.</summary>
    public static Loaded? From(string catalogPath, string? learnerPath)
    {
        var catalog = Inputs.ReadCatalog(catalogPath);
        var learner = learnerPath is null ? null : Inputs.ReadLearner(learnerPath);
        var catalogReport = CatalogValidator.Validate(catalog.Value, catalog.Findings);
        var failed = Inputs.ReportErrors(catalogPath, catalogReport);
        if (learner is not null && !failed)
        {
            failed = Inputs.ReportErrors(learnerPath!, LearnerValidator.Validate(learner.Value, catalog.Value, learner.Findings));
        }

        return failed ? null : new Loaded(catalog.Value, learner?.Value ?? LearnerRecord.Empty);
    }

    /// <summary>Resolves <c>--target</c>: a bad or unknown id is bad usage (exit code 2).</summary>
    public CredentialId Target(string? text)
    {
        var id = Inputs.ParseTarget(text);
        return Catalog.Contains(id)
            ? id
            : throw new BadInputException($"--target: the catalog has no credential '{id}'.");
    }
}
