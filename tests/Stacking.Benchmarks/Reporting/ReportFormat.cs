using System.Globalization;
using System.Text.Json;
using Stacking.Benchmarks.Instances;

namespace Stacking.Benchmarks.Reporting;

/// <summary>What every report of the benchmark program shares: where it is written, the JSON options, number formats.</summary>
public static class ReportFormat
{
    /// <summary>Indented JSON, one object per comparison or case.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary><c>artifacts/benchmarks</c> under the repository root (created).</summary>
    public static string OutputFolder()
    {
        var root = RealCatalogs.RepositoryRoot(Directory.GetCurrentDirectory())
            ?? RealCatalogs.RepositoryRoot(AppContext.BaseDirectory)
            ?? Directory.GetCurrentDirectory();
        var output = Path.Combine(root, "artifacts", "benchmarks");
        Directory.CreateDirectory(output);
        return output;
    }

    /// <summary>Writes <c>{name}.json</c> and <c>{name}.md</c> into <paramref name="output"/>; returns the JSON path.</summary>
    public static string Write<T>(string output, string name, IReadOnlyList<T> entries, string markdown)
    {
        var jsonPath = Path.Combine(output, name + ".json");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(entries, JsonOptions) + "\n");
        File.WriteAllText(Path.Combine(output, name + ".md"), markdown);
        return jsonPath;
    }

    /// <summary>The first line of a Markdown report: the kind of run and the machine.</summary>
    public static string RunLine(string kind, TimeSpan elapsed, string? extra = null) =>
        string.Create(CultureInfo.InvariantCulture, $"Run: {kind}, {Environment.ProcessorCount} cores, .NET {Environment.Version}{(extra is null ? string.Empty : ", " + extra)}, {elapsed.TotalMinutes:0.0} min.");

    /// <summary>Three significant digits (at most two decimals), or "n/a".</summary>
    public static string Fmt(double? value) =>
        value is not { } v ? "n/a" : v >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v >= 10 ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A duration in nanoseconds with its unit (ns, µs, ms, s).</summary>
    public static string Ns(double? ns) =>
        ns is not { } v ? "n/a" : v >= 1e9 ? Fmt(v / 1e9) + " s" : v >= 1e6 ? Fmt(v / 1e6) + " ms" : v >= 1e3 ? Fmt(v / 1e3) + " µs" : Fmt(v) + " ns";

    /// <summary>A duration in milliseconds with its unit.</summary>
    public static string Ms(double? ms) => Ns(ms * 1e6);

    /// <summary>A fraction as a percentage with one decimal, ∞, or "n/a".</summary>
    public static string Percent(double? value) =>
        value is { } v ? (double.IsInfinity(v) ? "∞" : (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%") : "n/a";

    /// <summary>An invariant decimal, or "–".</summary>
    public static string Dec(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
