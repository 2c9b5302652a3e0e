using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>A requirement node with the planner's structural facts: which credentials it can match directly and
/// in its whole subtree. Matching here is an over-approximation used only to find relevant credentials and to
/// bound costs; satisfaction is always decided by the eligibility oracle.</summary>
internal sealed class CompiledNode
{
    public CompiledNode(Requirement source, string path, CompiledNode[] children, int[] matches, int[][] matchGroups, BitSet support)
    {
        Source = source;
        Path = path;
        Children = children;
        Matches = matches;
        MatchGroups = matchGroups;
        Support = support;
        SupportWords = SetKey.WordsOf(support);
    }

    public Requirement Source { get; }

    public RequirementKind Kind => Source.Kind;

    public string Path { get; }

    public CompiledNode[] Children { get; }

    /// <summary>Credential indices this node can use directly (a leaf's class, a selector's matches, a skill's holders), ascending.</summary>
    public int[] Matches { get; }

    /// <summary><see cref="Matches"/> grouped by equivalence class (one item each, spec §5), groups in order of their first member.</summary>
    public int[][] MatchGroups { get; }

    /// <summary>Every credential any node of this subtree can use (never changed after construction).</summary>
    public BitSet Support { get; }

    /// <summary>The indices of <see cref="Support"/>'s nonzero words (<see cref="SetKey.WordsOf"/>), for the oracle memo.</summary>
    public int[] SupportWords { get; }
}
