using System.Collections.Immutable;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Instances;

/// <summary>A catalog with one qualification under test and a cohort of learners, fed identically to every contender.</summary>
public sealed class EligibilityInstance
{
    public EligibilityInstance(GeneratorSettings settings, Catalog catalog, CredentialId qualification, ImmutableArray<LearnerRecord> learners, DateOnly asOf)
    {
        Settings = settings;
        Catalog = catalog;
        Qualification = qualification;
        Learners = learners;
        AsOf = asOf;
    }

    public GeneratorSettings Settings { get; }

    public Catalog Catalog { get; }

    public CredentialId Qualification { get; }

    public Requirement Requirement => Catalog[Qualification].Requires!;

    public ImmutableArray<LearnerRecord> Learners { get; }

    public DateOnly AsOf { get; }

    /// <summary>Number of requirement nodes of the qualification (root included).</summary>
    public int NodeCount => Requirement.DescendantsAndSelf().Count();

    /// <summary>True when no credential can serve two consuming nodes: counting per node then means the same as §6 allocation.</summary>
    public bool PoolsAreDisjoint
    {
        get
        {
            var seen = new HashSet<CredentialId>();
            foreach (var node in Requirement.DescendantsAndSelf())
            {
                IEnumerable<CredentialId> ids = node switch
                {
                    CredentialRequirement leaf => [leaf.Credential],
                    PoolRequirement pool => pool.From.Ids,
                    _ => [],
                };
                foreach (var id in ids)
                {
                    if (!seen.Add(id))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
