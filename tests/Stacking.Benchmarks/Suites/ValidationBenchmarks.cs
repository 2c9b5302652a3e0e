using BenchmarkDotNet.Attributes;
using Stacking.Benchmarks.Instances;
#if STACKING_SERIALIZATION
using Stacking.Serialization;
#endif
#if STACKING_VALIDATION
using Stacking.Validation;
#endif

namespace Stacking.Benchmarks.Suites;

/// <summary>Validation of each real catalog (read once in setup; goal: under half a second each).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
#if STACKING_SERIALIZATION
    private Model.Catalog _catalog = null!;
#endif
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
#if STACKING_SERIALIZATION
        if (_path.Length > 0)
        {
            _catalog = CatalogJson.ReadFile(_path);
        }
#endif
    }

#if STACKING_SERIALIZATION
    /// <summary>Reading the file (strict reader): the cost before any validation.</summary>
    [Benchmark]
    public int Read() => _path.Length == 0 ? 0 : CatalogJson.ReadFile(_path).Credentials.Length;

#if STACKING_VALIDATION
    /// <summary>Validating the catalog read in setup.</summary>
    [Benchmark]
    public int Validate() => _path.Length == 0 ? 0 : CatalogValidator.Validate(_catalog).Findings.Length;
#endif
#endif
}
