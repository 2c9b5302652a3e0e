using Stacking.Model;
using Stacking.Rules;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

/// <summary>Small catalogs built from shrinkable int arrays, and the naive reference fixpoints.</summary>
internal static class GeneratedCatalogs
{
    /// <summary>Credential i: tag "t" and 0-2 credits from spec[i][0]; up to three requirement nodes from the rest
    /// (leaf, count or credits by tag, shared leaf, ids pool), under an allOf or an anyOf.
    /// With <paramref name="acyclic"/>, leaves and ids name only lower-numbered credentials.</summary>
    public static Catalog FromSpec(int[][] spec, bool acyclic)
    {
        spec ??= [];
        var n = Math.Min(spec.Length, 6);
        var builder = new CatalogBuilder();
        for (var i = 0; i < n; i++)
        {
            var row = (spec[i] ?? []).Select(x => (int)Math.Min(Math.Abs((long)x), int.MaxValue)).ToArray();
            var head = row.Length > 0 ? row[0] : 0;
            var nodes = new List<Requirement>();
            foreach (var x in row.Skip(1).Take(3))
            {
                int? Ref(int salt) => acyclic ? (i == 0 ? null : ((x >> 4) + salt) % i) : ((x >> 4) + salt) % n;
                Requirement? node = (x % 5) switch
                {
                    0 => Ref(0) is { } r ? Rule.Credential($"c{r}") : null,
                    1 => Rule.Count(1 + ((x >> 3) % 2), Select.Tag("t")),
                    2 => Rule.Credits(1 + ((x >> 3) % 3), Select.Tag("t")),
                    3 => Ref(0) is { } r ? Rule.Credential($"c{r}") with { Shared = true } : null,
                    _ => Ref(0) is { } r ? Rule.Count(1, Select.Ids($"c{r}", $"c{Ref(1)}")) : null,
                };
                if (node is not null)
                {
                    nodes.Add(node);
                }
            }

            builder.Credential($"c{i}", c => c with
            {
                Tags = (head & 1) == 1 ? ["t"] : [],
                Credits = (head >> 1) % 3,
                Requires = nodes.Count == 0 ? null : ((head >> 3) & 1) == 0 ? Rule.AllOf([.. nodes]) : Rule.AnyOf([.. nodes]),
            });
        }

        return builder.Build();
    }

    /// <summary>The naive fixpoint: repeat "add everything whose requirement holds" until nothing changes.</summary>
    public static HashSet<CredentialId> Earnable(Catalog catalog, IEarnabilityOracle oracle, IEnumerable<CredentialId>? held = null)
    {
        var earned = new HashSet<CredentialId>(held ?? []);
        bool changed;
        do
        {
            changed = false;
            foreach (var credential in catalog.Credentials)
            {
                if (!earned.Contains(credential.Id) && oracle.Check(credential.Id, earned) == true)
                {
                    earned.Add(credential.Id);
                    changed = true;
                }
            }
        }
        while (changed);
        return earned;
    }

    /// <summary>The reference STK006 set: unearnable credentials whose requirement holds once they are held.</summary>
    public static HashSet<CredentialId> SelfDependent(Catalog catalog, IEarnabilityOracle oracle, HashSet<CredentialId> earnable) =>
        [.. catalog.Credentials.Select(c => c.Id)
            .Where(id => !earnable.Contains(id) && oracle.Check(id, Earnable(catalog, oracle, [.. earnable, id])) == true)];
}
