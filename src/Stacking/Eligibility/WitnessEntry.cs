using System.Collections.Immutable;
using Stacking.Rules;

namespace Stacking.Eligibility;

/// <summary>One consuming node of a satisfied requirement and the items it uses (spec §7).</summary>
public sealed class WitnessEntry
{
    internal WitnessEntry(Requirement node, string path, ImmutableArray<ItemUse> items)
    {
        Node = node;
        Path = path;
        Items = items;
    }

    /// <summary>Gets the requirement node.</summary>
    public Requirement Node { get; }

    /// <summary>Gets the node's path, such as <c>requires.allOf[1].of[0]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the items the node uses: no item appears under two entries.</summary>
    public ImmutableArray<ItemUse> Items { get; }
}
