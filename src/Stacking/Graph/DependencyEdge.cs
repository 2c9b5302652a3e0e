using Stacking.Model;

namespace Stacking.Graph;

/// <summary>An edge of a <see cref="StackingGraph"/>: <see cref="From"/> can be used by the requirement of <see cref="To"/>.</summary>
/// <param name="From">The credential used (a prerequisite or a stackable part).</param>
/// <param name="To">The credential whose requirement uses it.</param>
/// <param name="Usage">How the requirement uses it; the strongest use when there are several.</param>
/// <param name="Path">The node of <paramref name="To"/>'s requirement that uses it (spec §9 path), the first with that usage.</param>
public readonly record struct DependencyEdge(CredentialId From, CredentialId To, DependencyUsage Usage, string Path);
