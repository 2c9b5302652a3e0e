using System.Collections.Frozen;
using Stacking.Model;

namespace Stacking.Eligibility.Engine;

/// <summary>A learner's items at T after exceptions (spec §4, §5), in the dense form the engine works on.</summary>
internal sealed class LearnerItems
{
    public LearnerItems(CompiledCatalog catalog, LearnerRecord learner, DateOnly asOf)
    {
        var substitutions = new List<(int X, CredentialId Y, int Index)>();
        var wholeWaivers = new HashSet<CredentialId>();
        var nodeWaivers = new Dictionary<CredentialId, HashSet<string>>();
        for (var i = 0; i < learner.Exceptions.Length; i++)
        {
            switch (learner.Exceptions[i])
            {
                case Substitution s when catalog.IndexOf(s.Substitute) is var x and >= 0:
                    substitutions.Add((x, s.With, i));
                    break;
                case Waiver { Node: null } w:
                    wholeWaivers.Add(w.Credential);
                    break;
                case Waiver w:
                    if (!nodeWaivers.TryGetValue(w.Credential, out var set))
                    {
                        nodeWaivers[w.Credential] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(w.Node!);
                    break;
            }
        }

        var entries = new List<ItemEntry>();
        var unknown = new Dictionary<CredentialId, int>();
        var unknownIds = new List<CredentialId>();
        for (var h = 0; h < learner.Holdings.Length; h++)
        {
            var holding = learner.Holdings[h];
            var c = catalog.IndexOf(holding.Credential);
            if (!holding.IsValidAt(asOf, c >= 0 ? catalog.Credentials[c].ValidFor : null))
            {
                continue;
            }

            int item;
            if (c >= 0)
            {
                item = catalog.ClassOf[c];
                entries.Add(new ItemEntry(item, c, holding.Earned, holding.Score, false, h, -1));
            }
            else
            {
                // Holdings of one unknown id form one item: it matches nothing except through a substitution.
                if (!unknown.TryGetValue(holding.Credential, out var u))
                {
                    unknown[holding.Credential] = u = unknownIds.Count;
                    unknownIds.Add(holding.Credential);
                }

                item = catalog.ClassCount + u;
            }

            foreach (var (x, y, index) in substitutions)
            {
                if (y.Equals(holding.Credential))
                {
                    entries.Add(new ItemEntry(item, x, holding.Earned, holding.Score, false, h, index));
                }
            }
        }

        Entries = [.. entries];
        var byAs = new Dictionary<int, List<int>>();
        for (var e = 0; e < Entries.Length; e++)
        {
            if (!byAs.TryGetValue(Entries[e].As, out var list))
            {
                byAs[Entries[e].As] = list = [];
            }

            list.Add(e);
        }

        EntriesByAs = byAs.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
        Substitutions = [.. substitutions];
        WholeWaivers = wholeWaivers.ToFrozenSet();
        NodeWaivers = nodeWaivers.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal));
        UnknownIds = [.. unknownIds];
    }

    /// <summary>Gets every (item, counted-as) pair of the learner's valid holdings.</summary>
    public ItemEntry[] Entries { get; }

    /// <summary>Gets the entries by the credential they count as.</summary>
    public FrozenDictionary<int, int[]> EntriesByAs { get; }

    /// <summary>Gets the substitutions whose X is in the catalog: X's dense number, Y, and the exception's index.</summary>
    public (int X, CredentialId Y, int Index)[] Substitutions { get; }

    public FrozenSet<CredentialId> WholeWaivers { get; }

    public FrozenDictionary<CredentialId, FrozenSet<string>> NodeWaivers { get; }

    /// <summary>Gets the unknown ids held, by item key minus the class count.</summary>
    public CredentialId[] UnknownIds { get; }
}
