namespace Stacking.Planning;

/// <summary>The cuts a search node kept: each a set of credentials every completion takes one of, and its cost; and
/// the node's final h_max, when it has one (see <see cref="LandmarkCut.State"/>).</summary>
internal sealed record CutState(Cut[] Cuts, LandmarkCut.Snapshot? Snapshot = null);
