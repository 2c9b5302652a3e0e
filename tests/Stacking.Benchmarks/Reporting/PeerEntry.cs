using System.Text.Json.Serialization;

namespace Stacking.Benchmarks.Reporting;

/// <summary>One comparison of peers.json: ours against one peer on one case; members that don't apply are null.</summary>
public sealed record PeerEntry
{
    [JsonPropertyName("area")]
    public required string Area { get; init; }

    [JsonPropertyName("case")]
    public required string Case { get; init; }

    [JsonPropertyName("peer")]
    public string? Peer { get; init; }

    [JsonPropertyName("oursMedianNs")]
    public double? OursMedianNs { get; init; }

    [JsonPropertyName("peerMedianNs")]
    public double? PeerMedianNs { get; init; }

    /// <summary>Peer time divided by ours: above 1, ours is faster.</summary>
    [JsonPropertyName("ratio")]
    public double? Ratio => OursMedianNs is > 0 && PeerMedianNs is { } p ? p / OursMedianNs.Value : null;

    [JsonPropertyName("oursAllocatedBytes")]
    public double? OursAllocatedBytes { get; init; }

    [JsonPropertyName("oursObjective")]
    public decimal? OursObjective { get; init; }

    [JsonPropertyName("peerObjective")]
    public decimal? PeerObjective { get; init; }

    [JsonPropertyName("oursStatus")]
    public string? OursStatus { get; init; }

    [JsonPropertyName("peerStatus")]
    public string? PeerStatus { get; init; }
}
