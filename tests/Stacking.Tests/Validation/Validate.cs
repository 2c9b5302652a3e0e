using Stacking.Model;
using Stacking.Tests.Reference;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

/// <summary>Runs the catalog validator with the brute-force reference as its earnability oracle, or with the real engine.</summary>
internal static class Validate
{
    public static ValidationReport WithReference(Catalog catalog, IEnumerable<Finding>? readerFindings = null) =>
        CatalogValidator.Validate(catalog, readerFindings, c => new ReferenceOracle(c), default);

    public static bool Has(this ValidationReport report, string code, string credential, string path) =>
        report.Findings.Any(f => f.Code == code && f.Credential == new CredentialId(credential) && f.Path == path);
}
