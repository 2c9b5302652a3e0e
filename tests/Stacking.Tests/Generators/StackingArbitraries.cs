using FsCheck;
using FsCheck.Fluent;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Generators;

/// <summary>The arbitraries of <see cref="StackingGenerators"/>, for <c>[Property(Arbitrary = new[] { typeof(StackingArbitraries) })]</c>.</summary>
public static class StackingArbitraries
{
    /// <summary>Catalogs that shrink.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Catalog> Catalog() => Arb.From(StackingGenerators.Catalogs, StackingGenerators.ShrinkCatalog);

    /// <summary>Learner records that shrink.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LearnerRecord> Learner() => Arb.From(StackingGenerators.Learners, StackingGenerators.ShrinkLearner);

    /// <summary>Credentials that shrink.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Credential> Credential() => Arb.From(StackingGenerators.Credentials, StackingGenerators.ShrinkCredential);

    /// <summary>Requirement trees that shrink.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Requirement> Requirement() => Arb.From(StackingGenerators.Requirements, StackingGenerators.ShrinkRequirement);

    /// <summary>Holdings (no shrinking beyond FsCheck's own).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Holding> Holding() => Arb.From(StackingGenerators.Holdings);
}
