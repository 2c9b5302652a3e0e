using Stacking.Model;

namespace Stacking.Eligibility.Engine;

/// <summary>The planned credentials of a check, with O(1) membership whatever collection the caller passed.</summary>
internal sealed class PlannedSet
{
    private readonly IReadOnlySet<CredentialId>? _readOnlySet;
    private readonly ISet<CredentialId>? _set;

    private PlannedSet(IReadOnlyCollection<CredentialId> ids)
    {
        All = ids;
        switch (ids)
        {
            case IReadOnlySet<CredentialId> readOnlySet:
                _readOnlySet = readOnlySet;
                break;
            case ISet<CredentialId> set:
                _set = set;
                break;
            default:
                _readOnlySet = new HashSet<CredentialId>(ids);
                break;
        }
    }

    public IReadOnlyCollection<CredentialId> All { get; }

    public int Count => All.Count;

    public static PlannedSet? Of(IReadOnlyCollection<CredentialId>? ids) => ids is null || ids.Count == 0 ? null : new PlannedSet(ids);

    public bool Contains(CredentialId id) => _readOnlySet?.Contains(id) ?? _set!.Contains(id);
}
