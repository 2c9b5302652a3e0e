namespace Stacking.Benchmarks.Instances;

/// <summary>The knobs of the seeded instance generator; the same settings and seed give the same instance.</summary>
/// <param name="Seed">Seed of the pseudo-random generator.</param>
/// <param name="CatalogSize">Number of catalog credentials (without the qualification or target under test).</param>
/// <param name="PrerequisiteDepth">Number of layers above the base layer; requirements only name lower layers.</param>
/// <param name="PoolOverlap">Probability in [0, 1] that a pool member is drawn from ids another node of the same requirement already names.</param>
/// <param name="HoldingDensity">Probability in [0, 1] that a learner holds a given base credential.</param>
public sealed record GeneratorSettings(int Seed, int CatalogSize, int PrerequisiteDepth, double PoolOverlap, double HoldingDensity)
{
    /// <summary>A short, stable label for reports.</summary>
    public string Label =>
        FormattableString.Invariant($"n{CatalogSize}-d{PrerequisiteDepth}-o{PoolOverlap:0.##}-h{HoldingDensity:0.##}-s{Seed}");
}
