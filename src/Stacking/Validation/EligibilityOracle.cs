using Stacking.Model;

namespace Stacking.Validation;

/// <summary>The earnability oracle over the eligibility engine: an empty record at a fixed date, with planned credentials.</summary>
internal static class EligibilityOracle
{
    /// <summary>Creates the oracle of a catalog, or null while the eligibility engine is not part of the build (earnability is then not analysed).</summary>
    public static IEarnabilityOracle? Create(Catalog catalog) => catalog is null ? null : null;
}
