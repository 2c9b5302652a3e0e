using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>One node of a <see cref="CompiledRule"/>.</summary>
internal sealed class CompiledNode
{
    public CompiledNode(Requirement source, int parent, string path, bool inShared, bool sharedRoot)
    {
        Source = source;
        Kind = source.Kind;
        Parent = parent;
        Path = path;
        InShared = inShared;
        SharedRoot = sharedRoot;
    }

    public Requirement Source { get; }

    public RequirementKind Kind { get; }

    public int Parent { get; }

    public string Path { get; }

    /// <summary>Gets a value indicating whether this node or an ancestor is marked shared: it consumes nothing (§6).</summary>
    public bool InShared { get; }

    /// <summary>Gets a value indicating whether this is the topmost shared node of its subtree.</summary>
    public bool SharedRoot { get; }

    public int[] Children { get; set; } = [];

    /// <summary>Gets or sets the end (exclusive) of this node's subtree in preorder: its descendants are the nodes after it and before this.</summary>
    public int End { get; set; }

    /// <summary>Gets or sets the children needed (composites) or the items needed (credential: 1, count: N).</summary>
    public int Need { get; set; }

    /// <summary>Gets or sets the credits or hours needed (credits and hours nodes).</summary>
    public decimal Amount { get; set; }

    public bool IsConsuming { get; set; }

    public bool IsAmount { get; set; }

    public bool IsHours { get; set; }

    /// <summary>Gets or sets the equivalence class a credential leaf names, or -1 when its id is not in the catalog.</summary>
    public int Class { get; set; } = -1;

    /// <summary>Gets or sets, for pools, which credentials the selector matches; for skill nodes, which show the skill at the level.</summary>
    public bool[]? Matches { get; set; }

    public int[]? MatchList { get; set; }

    public decimal? MinScore { get; set; }

    public Period? Within { get; set; }
}
