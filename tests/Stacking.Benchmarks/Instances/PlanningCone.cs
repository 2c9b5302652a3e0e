using Stacking.Benchmarks.Peers;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Instances;

/// <summary>
/// The candidates of a planning question: the target's equivalence class, then every credential a requirement of a
/// candidate can use (credential leaves, selector matches, skill matches) and their classes, to a fixpoint.
/// </summary>
/// <remarks>
/// Structural only (holdings and qualifiers do not shrink it), like the planner's own cone for a learner without
/// substitutions (docs/planning.md, "Cone"; with <c>weightedPools</c>, which the planner applies since 2026-12-05 per
/// equivalence class, "Creditless items"): the optimum of any planning question lies inside it.
/// </remarks>
public static class PlanningCone
{
    /// <summary>The cone of <paramref name="target"/> in <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="target">The target credential.</param>
    /// <param name="weightedPools">When true, a credits or hours pool references only the credentials it matches
    /// with a positive amount: a zero-credit item adds nothing to a credits pool, so such a match can be no reason to
    /// earn it (the optimum stays inside the smaller cone). This keeps the rest of the catalog out of the cone of a
    /// pool "credits of anything" whose zero-credit matches have requirements of their own (NEU degrees).</param>
    public static HashSet<CredentialId> Of(Catalog catalog, CredentialId target, bool weightedPools = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var cone = new HashSet<CredentialId>();
        var queue = new Queue<CredentialId>();
        void Visit(CredentialId id)
        {
            foreach (var member in catalog.EquivalenceClassOf(id))
            {
                if (cone.Add(member))
                {
                    queue.Enqueue(member);
                }
            }
        }

        Visit(target);
        while (queue.Count > 0)
        {
            var c = catalog[queue.Dequeue()];
            foreach (var d in References(catalog, c, weightedPools))
            {
                Visit(d);
            }
        }

        return cone;
    }

    /// <summary>The credentials the requirement of <paramref name="credential"/> can use directly (with repetitions).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="credential">The credential whose requirement is read.</param>
    /// <param name="weightedPools">When true, credits and hours pools yield only their matches of a positive amount.</param>
    public static IEnumerable<CredentialId> References(Catalog catalog, Credential credential, bool weightedPools = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.Requires is null)
        {
            yield break;
        }

        foreach (var node in credential.Requires.DescendantsAndSelf())
        {
            switch (node)
            {
                case CredentialRequirement leaf when catalog.Contains(leaf.Credential):
                    yield return leaf.Credential;
                    break;
                case PoolRequirement pool:
                    foreach (var d in catalog.Credentials)
                    {
                        var weightless = weightedPools && pool switch
                        {
                            CreditsRequirement => d.Credits <= 0,
                            HoursRequirement => d.Hours <= 0,
                            _ => false,
                        };
                        if (!weightless && SelectorMatch.Matches(catalog, pool.From, d))
                        {
                            yield return d.Id;
                        }
                    }

                    break;
                case SkillRequirement skill:
                    foreach (var d in catalog.Credentials)
                    {
                        if (d.SkillLevel(skill.Skill) >= skill.Level)
                        {
                            yield return d.Id;
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
