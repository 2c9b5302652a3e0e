using System.Text;

namespace Stacking.Serialization.Internal;

/// <summary>A path inside a credential (<c>requires.allOf[1].of[0]</c>), built as a chain and rendered only when a fault needs it.</summary>
/// <remarks>Reading a large catalog visits every node; rendering every path eagerly would cost more than reading.</remarks>
internal sealed class NodePath
{
    private readonly NodePath? _parent;
    private readonly string? _name;
    private readonly int _index;

    private NodePath(NodePath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    public static NodePath Root(string name) => new(null, name, -1);

    public NodePath Member(string name) => new(this, name, -1);

    public NodePath Index(int index) => new(this, null, index);

    /// <summary>Renders the path in the form of spec §9.</summary>
    public override string ToString()
    {
        var segments = new Stack<NodePath>();
        for (var p = this; p is not null; p = p._parent)
        {
            segments.Push(p);
        }

        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment._name is null)
            {
                builder.Append('[').Append(segment._index).Append(']');
            }
            else
            {
                JsonPaths.AppendMember(builder, segment._name);
            }
        }

        // The first segment is a member of the credential: no leading dot.
        return builder.Length > 0 && builder[0] == '.' ? builder.ToString(1, builder.Length - 1) : builder.ToString();
    }
}
