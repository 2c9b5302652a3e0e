using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Eligibility;

/// <summary>
/// A first-fit degree audit, the greedy allocation spec §6 warns about: the root's children in order, each taking the
/// first unused held credentials that fit (a leaf the first of its id, a pool the first matches until its count or
/// amount is met, an <c>anyOf</c> its first child that fits). The generators' checks count the eligible cases it gets
/// wrong, so that their laws are known to need an exact allocation. No equivalences or qualifiers: the cases using it
/// have none.
/// </summary>
internal static class FirstFitAudit
{
    public static bool Passes(Requirement root, IReadOnlyList<Credential> heldInOrder)
    {
        var used = new HashSet<CredentialId>();
        bool Take(Requirement node)
        {
            var free = heldInOrder.Where(c => !used.Contains(c.Id));
            List<Credential> chosen;
            switch (node)
            {
                case CredentialRequirement leaf:
                    chosen = [.. free.Where(c => c.Id.Equals(leaf.Credential)).Take(1)];
                    if (chosen.Count == 0)
                    {
                        return false;
                    }

                    break;
                case PoolRequirement pool:
                    var (need, value) = pool switch
                    {
                        CountRequirement count => ((decimal)count.Count, (Func<Credential, decimal>)(_ => 1m)),
                        CreditsRequirement credits => (credits.Credits, c => c.Credits),
                        HoursRequirement hours => (hours.Hours, c => c.Hours),
                        _ => throw new NotSupportedException(pool.Kind.ToString()),
                    };
                    chosen = [];
                    var sum = 0m;
                    foreach (var credential in free.Where(c => CaseTools.Selects(pool.From, c)))
                    {
                        if (sum >= need)
                        {
                            break;
                        }

                        chosen.Add(credential);
                        sum += value(credential);
                    }

                    if (sum < need)
                    {
                        return false;
                    }

                    break;
                default:
                    return node.Children.Any(Take);
            }

            used.UnionWith(chosen.Select(c => c.Id));
            return true;
        }

        return root.Children.All(Take);
    }
}
