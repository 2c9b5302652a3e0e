using System.Diagnostics;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Tests.Support;
using Xunit.Abstractions;

namespace Stacking.Tests.Eligibility;

/// <summary>The real catalogs of shared/data: every credential is earnable from an empty record (their README says so), and how long that takes.</summary>
public sealed class RealCatalogEligibilityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("gt-202502.catalog.json")]
    [InlineData("neu-2025.catalog.json")]
    public void EveryCredentialOfARealCatalogIsEarnableFromAnEmptyRecord(string file)
    {
        var data = TestPaths.Shared("data");
        if (data is null)
        {
            output.WriteLine("shared/data not found: nothing to check");
            return;
        }

        var catalog = CatalogJson.ReadFile(Path.Combine(data, file));
        for (var run = 0; run < 2; run++)
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var evaluator = new EligibilityEvaluator(catalog);
            var prepared = evaluator.Prepare(LearnerRecord.Empty, new DateOnly(2025, 6, 15));
            var earned = new HashSet<CredentialId>();
            var checks = 0;
            var undetermined = 0;
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var credential in catalog.Credentials)
                {
                    if (earned.Contains(credential.Id))
                    {
                        continue;
                    }

                    checks++;
                    var status = evaluator.Check(credential.Id, prepared, earned);
                    undetermined += status == EligibilityStatus.Undetermined ? 1 : 0;
                    if (status == EligibilityStatus.Eligible)
                    {
                        earned.Add(credential.Id);
                        changed = true;
                    }
                }
            }

            output.WriteLine($"{file} run {run}: {checks} checks, {earned.Count}/{catalog.Credentials.Length} earnable, {undetermined} undetermined, {sw.Elapsed.TotalMilliseconds:F0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU");
            Assert.Equal(0, undetermined);
            Assert.Equal(catalog.Credentials.Length, earned.Count);
        }
    }
}
