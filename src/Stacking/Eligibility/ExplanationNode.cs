using System.Collections.Immutable;
using Stacking.Rules;

namespace Stacking.Eligibility;

/// <summary>One node of an explanation: the requirement node, whether it is satisfied, how far along, and what is missing (spec §7).</summary>
/// <remarks>
/// <para><see cref="Satisfied"/> is the node evaluated on its own (its own subtree, with the same items, waivers and
/// planned credentials); the root's is the answer. A node can be satisfied on its own and still not be part of a
/// witness, for example when a sibling needs the same item.</para>
/// <para><see cref="Progress"/> is in [0, 1] and is 1 exactly when <see cref="Satisfied"/> is true: credential and
/// skill nodes 0 or 1, count nodes items matched / N, credits and hours nodes the sum matched / X, allOf the mean of its
/// children, anyOf the best child, atLeast N the mean of its N best children; an unsatisfied node whose figure reaches 1
/// (its parts compete for the same items) shows 0.99.</para>
/// </remarks>
public sealed class ExplanationNode
{
    internal ExplanationNode(
        Requirement requirement,
        string path,
        string description,
        EligibilityStatus status,
        double progress,
        bool waived,
        bool shared,
        bool inWitness,
        string? missing,
        ImmutableArray<ItemUse> used,
        ImmutableArray<HoldingNote> notCounted,
        ImmutableArray<ExplanationNode> children)
    {
        Requirement = requirement;
        Path = path;
        Description = description;
        Status = status;
        Progress = progress;
        Waived = waived;
        Shared = shared;
        InWitness = inWitness;
        Missing = missing;
        Used = used;
        NotCounted = notCounted;
        Children = children;
    }

    /// <summary>Gets the requirement node explained.</summary>
    public Requirement Requirement { get; }

    /// <summary>Gets the node's kind.</summary>
    public RequirementKind Kind => Requirement.Kind;

    /// <summary>Gets the node's <c>id</c>, if it has one.</summary>
    public string? Id => Requirement.Id;

    /// <summary>Gets the node's path, such as <c>requires.allOf[1].of[0]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the node in plain words, such as <c>credential sql-101 with score at least 70</c>.</summary>
    public string Description { get; }

    /// <summary>Gets the node's status on its own: undetermined only when the work limit ran out.</summary>
    public EligibilityStatus Status { get; }

    /// <summary>Gets a value indicating whether the node is satisfied on its own.</summary>
    public bool Satisfied => Status == EligibilityStatus.Eligible;

    /// <summary>Gets the progress figure, in [0, 1], 1 exactly when <see cref="Satisfied"/>.</summary>
    public double Progress { get; }

    /// <summary>Gets a value indicating whether a waiver satisfies the node (it then uses no item).</summary>
    public bool Waived { get; }

    /// <summary>Gets a value indicating whether the node is in a shared subtree (it consumes nothing, spec §6).</summary>
    public bool Shared { get; }

    /// <summary>Gets a value indicating whether the node is part of the witness of a satisfied requirement.</summary>
    public bool InWitness { get; }

    /// <summary>Gets what is missing, in plain words, for an unsatisfied node; null when satisfied.</summary>
    public string? Missing { get; }

    /// <summary>Gets the items the node uses in the witness (consuming nodes), or the items it matches (shared and skill nodes).</summary>
    public ImmutableArray<ItemUse> Used { get; }

    /// <summary>Gets the holdings that would have counted for the node but did not: expired, not yet earned, too old or below the score.</summary>
    public ImmutableArray<HoldingNote> NotCounted { get; }

    /// <summary>Gets the explanations of the child nodes, in rule order.</summary>
    public ImmutableArray<ExplanationNode> Children { get; }
}
