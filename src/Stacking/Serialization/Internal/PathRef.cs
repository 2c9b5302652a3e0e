namespace Stacking.Serialization.Internal;

/// <summary>A JSON path that is rendered only when a fault needs it: plain text, or a credential's path and a <see cref="NodePath"/> inside it.</summary>
internal readonly struct PathRef
{
    private readonly string? _text;
    private readonly NodePath? _node;

    public PathRef(string text) => _text = text;

    public PathRef(string prefix, NodePath node)
    {
        _text = prefix;
        _node = node;
    }

    public static implicit operator PathRef(string text) => new(text);

    public override string ToString() => _node is null ? _text ?? "$" : $"{_text}.{_node}";
}
