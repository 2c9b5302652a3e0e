using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Benchmarks.Suites;

/// <summary>Validation of each real catalog (read once in setup; goal: under half a second each).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private Model.Catalog _catalog = null!;
    private string _path = string.Empty;

    [ParamsSource(nameof(CatalogNames))]
    public string Catalog { get; set; } = string.Empty;

    public static IEnumerable<string> CatalogNames()
    {
        var names = RealCatalogs.All().Select(c => c.Name).ToList();
        return names.Count > 0 ? names : ["(no shared/data)"];
    }

    [GlobalSetup]
    public void Setup()
    {
        _path = RealCatalogs.Find(Catalog) ?? string.Empty;
        if (_path.Length > 0)
        {
            _catalog = CatalogJson.ReadFile(_path);
        }
    }

    /// <summary>Reading the file (strict reader): the cost before any validation.</summary>
    [Benchmark]
    public int Read() => _path.Length == 0 ? 0 : CatalogJson.ReadFile(_path).Credentials.Length;

    /// <summary>Validating the catalog read in setup.</summary>
    [Benchmark]
    public int Validate() => _path.Length == 0 ? 0 : CatalogValidator.Validate(_catalog).Findings.Length;
}
