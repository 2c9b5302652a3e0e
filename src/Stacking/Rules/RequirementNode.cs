namespace Stacking.Rules;

/// <summary>One node of a requirement tree as a walk meets it: the node, its path (spec §9) and its context.</summary>
/// <param name="Node">The node.</param>
/// <param name="Path">The node path, such as <c>requires.allOf[1].of[0]</c>.</param>
/// <param name="Depth">The level of the node; the root is level 1.</param>
/// <param name="UnderAlternative">Whether some ancestor (or the node's parent) lets it be skipped: an <c>anyOf</c>, or an <c>atLeast</c> with fewer than all its children.</param>
/// <param name="UnderShared">Whether the node or an ancestor is shared (spec §6).</param>
internal readonly record struct RequirementNode(Requirement Node, string Path, int Depth, bool UnderAlternative, bool UnderShared)
{
    /// <summary>The path of a requirement's root.</summary>
    public const string RootPath = "requires";

    /// <summary>Walks a requirement tree without recursion: parents before children, children in order.</summary>
    /// <param name="root">The root.</param>
    /// <param name="rootPath">The root's path.</param>
    /// <returns>The nodes.</returns>
    public static IEnumerable<RequirementNode> Walk(Requirement root, string rootPath = RootPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        var stack = new Stack<RequirementNode>();
        stack.Push(new RequirementNode(root, rootPath, 1, false, root.Shared));
        while (stack.Count > 0)
        {
            var visit = stack.Pop();
            yield return visit;
            var node = visit.Node;
            var children = node.Children;
            var member = MemberName(node.Kind);
            var alternative = visit.UnderAlternative
                || node.Kind == RequirementKind.AnyOf
                || (node is AtLeastRequirement atLeast && atLeast.Count < children.Length);
            for (var i = children.Length - 1; i >= 0; i--)
            {
                var child = children[i];
                stack.Push(new RequirementNode(
                    child,
                    ChildPath(visit.Path, member, i),
                    visit.Depth + 1,
                    alternative,
                    visit.UnderShared || child.Shared));
            }
        }
    }

    /// <summary>Gets the JSON member that holds the children of a composite node.</summary>
    public static string MemberName(RequirementKind kind) => kind switch
    {
        RequirementKind.AllOf => "allOf",
        RequirementKind.AnyOf => "anyOf",
        _ => "of",
    };

    /// <summary>Gets the path of a child.</summary>
    public static string ChildPath(string parentPath, string member, int index) =>
        string.Concat(parentPath, ".", member, "[", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "]");
}
