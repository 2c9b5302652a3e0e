namespace Stacking.Planning;

/// <summary>A node's a-values and its kept cuts, from which its children compute theirs incrementally.</summary>
internal sealed record ParentBounds(long[] Values, CutState Cuts);
