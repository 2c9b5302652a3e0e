using Stacking.Model;

namespace Stacking.Benchmarks.Instances;

/// <summary>A catalog, a target credential and one learner: one planning question fed identically to every contender.</summary>
public sealed class PlanningInstance
{
    public PlanningInstance(string name, Catalog catalog, CredentialId target, LearnerRecord learner, DateOnly asOf)
    {
        Name = name;
        Catalog = catalog;
        Target = target;
        Learner = learner;
        AsOf = asOf;
    }

    public string Name { get; }

    public Catalog Catalog { get; }

    public CredentialId Target { get; }

    public LearnerRecord Learner { get; }

    public DateOnly AsOf { get; }
}
