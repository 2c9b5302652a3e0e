using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Eligibility;

/// <summary>The real catalogs of shared/data: every credential is earnable from an empty record (their README says so).</summary>
/// <remarks>How long that takes is measured by the benchmarks (<c>RealEligibilityBenchmarks</c>), not here.</remarks>
public sealed class RealCatalogEligibilityTests
{
    [Theory]
    [InlineData("gt-202502.catalog.json")]
    [InlineData("neu-2025.catalog.json")]
    public void EveryCredentialOfARealCatalogIsEarnableFromAnEmptyRecord(string file)
    {
        var catalog = CatalogJson.ReadFile(TestPaths.SharedData(file));
        var evaluator = new EligibilityEvaluator(catalog);
        var prepared = evaluator.Prepare(LearnerRecord.Empty, new DateOnly(2025, 6, 15));
        var earned = new HashSet<CredentialId>();
        var undetermined = 0;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var credential in catalog.Credentials.Where(c => !earned.Contains(c.Id)))
            {
                var status = evaluator.Check(credential.Id, prepared, earned);
                undetermined += status == EligibilityStatus.Undetermined ? 1 : 0;
                if (status == EligibilityStatus.Eligible)
                {
                    earned.Add(credential.Id);
                    changed = true;
                }
            }
        }

        Assert.Equal(0, undetermined);
        Assert.Equal(catalog.Credentials.Length, earned.Count);
    }
}
