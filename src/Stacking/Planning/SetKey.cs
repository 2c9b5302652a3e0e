using Stacking.Model;

namespace Stacking.Planning;

/// <summary>A planned set restricted to a requirement's support, as a memo key: the ascending member indices.</summary>
internal readonly struct SetKey : IEquatable<SetKey>
{
    private readonly int[] _members;
    private readonly int _hash;

    public SetKey(BitSet planned, BitSet support)
    {
        var members = new List<int>();
        foreach (var m in planned.Members())
        {
            if (support.Contains(m))
            {
                members.Add(m);
            }
        }

        _members = [.. members];
        var hash = new HashCode();
        foreach (var m in _members)
        {
            hash.Add(m);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyCollection<CredentialId> ToIds(CompiledCatalog catalog) => _members.Select(m => catalog.Credentials[m].Id).ToHashSet();

    public bool Equals(SetKey other) => _hash == other._hash && _members.AsSpan().SequenceEqual(other._members);

    public override bool Equals(object? obj) => obj is SetKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
