using BenchmarkDotNet.Reports;

namespace Stacking.Benchmarks.Reporting;

/// <summary>BenchmarkDotNet's medians and allocations, by suite, parameter value and method.</summary>
public sealed class Measurements
{
    private readonly Dictionary<(string Suite, string Case, string Method), (double? MedianNs, double? Bytes)> _values = [];

    public void Add(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var report in summary.Reports)
        {
            var bc = report.BenchmarkCase;
            var key = (bc.Descriptor.Type.Name, CaseOf(bc.Parameters.Items.Select(p => p.Value)), bc.Descriptor.WorkloadMethod.Name);
            double? median = report.ResultStatistics?.Median;
            double? bytes = report.GcStats.GetBytesAllocatedPerOperation(bc);
            _values[key] = (median, bytes);
        }
    }

    public double? Median(string suite, object @case, string method) =>
        _values.TryGetValue((suite, CaseOf([@case]), method), out var v) ? v.MedianNs : null;

    public double? Bytes(string suite, object @case, string method) =>
        _values.TryGetValue((suite, CaseOf([@case]), method), out var v) ? v.Bytes : null;

    private static string CaseOf(IEnumerable<object?> values) =>
        string.Join("|", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
}
