using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;
using Stacking.Tests.Support;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

/// <summary>The real catalogs of shared/data (beside the repository root): they validate, and undoing the NEU repairs
/// makes exactly the repaired majors unearnable.</summary>
public sealed partial class RealCatalogTests
{
    [Theory]
    [InlineData("gt-202502.catalog.json")]
    [InlineData("neu-2025.catalog.json")]
    public void ARealCatalogValidatesWithNoError(string file)
    {
        var read = CatalogJson.ReadFileWithFindings(TestPaths.SharedData(file));

        var report = CatalogValidator.Validate(read.Value, read.Findings);

        Assert.True(report.IsValid, report.ToString());
    }

    [Fact]
    public void UndoingTheNeuRepairsMakesExactlyTheRepairedMajorsUnearnable()
    {
        var catalog = CatalogJson.ReadFile(TestPaths.SharedData("neu-2025.catalog.json"));
        using var repairs = JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData("neu-2025.repairs.json")));
        var paths = repairs.RootElement.EnumerateObject().ToDictionary(
            major => new CredentialId(major.Name),
            major => major.Value.EnumerateArray().Select(r => r.GetProperty("path").GetString()!).ToList());
        Assert.Equal(141, paths.Count);
        Assert.Equal(924, paths.Values.Sum(p => p.Count));

        var literal = new Catalog(
            catalog.Credentials.Select(c => paths.TryGetValue(c.Id, out var list) ? c with { Requires = list.Aggregate(c.Requires!, Unshare) } : c),
            catalog.Name,
            catalog.Currency,
            catalog.Skills);
        var report = CatalogValidator.Validate(literal);

        Assert.Equal(["STK008"], report.Findings.Select(f => f.Code).Distinct());
        Assert.Equal(paths.Keys.OrderBy(id => id), report.Findings.Select(f => f.Credential!.Value).OrderBy(id => id));
    }

    /// <summary>Sets <c>shared</c> to false on the node at a spec §9 path such as <c>requires.allOf[2].of[7]</c>.</summary>
    internal static Requirement Unshare(Requirement root, string path)
    {
        var steps = Step().Matches(path).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.StartsWith("requires", path, StringComparison.Ordinal);
        return Rewrite(root, steps, 0);

        static Requirement Rewrite(Requirement node, List<int> steps, int at)
        {
            if (at == steps.Count)
            {
                Assert.True(node.Shared, "a repaired node is shared");
                return node with { Shared = false };
            }

            var children = node.Children.SetItem(steps[at], Rewrite(node.Children[steps[at]], steps, at + 1));
            return node switch
            {
                AllOfRequirement all => new AllOfRequirement(children) { Id = all.Id, Title = all.Title, Shared = all.Shared, Extensions = all.Extensions },
                AnyOfRequirement any => new AnyOfRequirement(children) { Id = any.Id, Title = any.Title, Shared = any.Shared, Extensions = any.Extensions },
                AtLeastRequirement atLeast => new AtLeastRequirement(atLeast.Count, children) { Id = atLeast.Id, Title = atLeast.Title, Shared = atLeast.Shared, Extensions = atLeast.Extensions },
                _ => throw new InvalidOperationException("The path goes below a leaf: " + node.Kind),
            };
        }
    }

    [GeneratedRegex(@"\.(?:allOf|anyOf|of)\[(\d+)\]")]
    private static partial Regex Step();
}
