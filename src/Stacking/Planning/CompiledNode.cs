using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>A requirement node with the planner's structural facts: which credentials it can match directly and
/// in its whole subtree. Matching here is an over-approximation used only to find relevant credentials and to
/// bound costs; satisfaction is always decided by the eligibility oracle.</summary>
internal sealed class CompiledNode
{
    public CompiledNode(Requirement source, string path, CompiledNode[] children, int[] matches, int[][] matchGroups, BitSet support, bool inShared = false)
    {
        Source = source;
        InShared = inShared;

        // Spec §6: a shared node and everything below it consume nothing. Asked about on its own, a node below a shared
        // ancestor must be asked as shared too, or the oracle would let its children compete for items (allOf [p, p]
        // would need two items of p's class) and call a node failing that holds in its requirement.
        CheckSource = inShared && !source.Shared ? source with { Shared = true } : source;
        Path = path;
        Children = children;
        Matches = matches;
        MatchGroups = matchGroups;
        Support = support;
        SupportWords = SetKey.WordsOf(support);
    }

    public Requirement Source { get; }

    /// <summary>Whether an ancestor of this node is shared (spec §6: then this node consumes nothing either).</summary>
    public bool InShared { get; }

    /// <summary>The requirement to ask the oracle when this node is checked on its own: <see cref="Source"/>, marked
    /// shared when an ancestor is (<see cref="InShared"/>), so that it means what it means inside its requirement.</summary>
    public Requirement CheckSource { get; }

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
