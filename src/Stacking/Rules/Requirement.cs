using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Rules;

/// <summary>A node of a requirement tree: what a learner must hold before a credential can be earned or awarded.</summary>
/// <remarks>
/// <para>The sealed kinds are <see cref="CredentialRequirement"/>, <see cref="AllOfRequirement"/>,
/// <see cref="AnyOfRequirement"/>, <see cref="AtLeastRequirement"/>, <see cref="CountRequirement"/>,
/// <see cref="CreditsRequirement"/>, <see cref="HoursRequirement"/> and <see cref="SkillRequirement"/>
/// (spec §3); <see cref="Rule"/> has a factory for each.</para>
/// <para>Every node may carry an <see cref="Id"/> (a label unique within one credential's requirement,
/// used by explanations and waivers), a <see cref="Title"/>, and <see cref="Shared"/>: a shared node and
/// everything below it consumes no item (spec §6).</para>
/// <para>The model holds what a document says, including values that break spec §3 (an empty
/// <c>allOf</c>, <c>atLeast</c> greater than its children): validation reports those (STK004, STK005),
/// so the constructors reject only <see langword="null"/>. Instances are immutable and compare by value.</para>
/// </remarks>
public abstract record Requirement
{
    private readonly ExtensionMembers _extensions = ExtensionMembers.Empty;

    private protected Requirement()
    {
    }

    /// <summary>Returns the node as the catalog format writes it, in compact JSON, such as
    /// <c>{"allOf":[{"credential":"stats","minScore":60},{"count":2,"from":{"tag":"data-elective"}}]}</c>.</summary>
    /// <returns>The JSON text (a tree deeper than 128 levels is named by its kind and depth instead).</returns>
    public sealed override string ToString() => Stacking.Serialization.Internal.DocumentWriter.Text(this);

    /// <summary>Gets the kind of the node.</summary>
    public abstract RequirementKind Kind { get; }

    /// <summary>Gets the node's label, unique within one credential's requirement, if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the node's display title, if any.</summary>
    public string? Title { get; init; }

    /// <summary>Gets a value indicating whether the node and everything below it consume no item (spec §6).</summary>
    public bool Shared { get; init; }

    /// <summary>Gets a value indicating whether the lenient reader made this node up for a JSON object that has no kind key (STK005).</summary>
    /// <remarks>Such a node is an <see cref="AnyOfRequirement"/> with no children, which is never satisfied; the writer writes
    /// no kind key for it, so that reading and writing the faulty document loses and adds nothing.</remarks>
    internal bool IsKindless { get; init; }

    /// <summary>Gets the members of the JSON object this node was read from that the format does not define.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public ExtensionMembers Extensions
    {
        get => _extensions;
        init => _extensions = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets the child nodes (empty for leaves and pools).</summary>
    public virtual ImmutableArray<Requirement> Children => ImmutableArray<Requirement>.Empty;

    /// <summary>Gets the depth of the tree below and including this node (a leaf has depth 1).</summary>
    /// <returns>The depth.</returns>
    /// <remarks>Computed without recursion, so any tree the reader accepts can be measured.</remarks>
    public int Depth()
    {
        var max = 0;
        var stack = new Stack<(Requirement Node, int Depth)>();
        stack.Push((this, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            max = Math.Max(max, depth);
            foreach (var child in node.Children)
            {
                stack.Push((child, depth + 1));
            }
        }

        return max;
    }

    /// <summary>Enumerates this node and all nodes below it, depth first, parents before children, children in order.</summary>
    /// <returns>The nodes.</returns>
    public IEnumerable<Requirement> DescendantsAndSelf()
    {
        var stack = new Stack<Requirement>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node.Children;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }
}
