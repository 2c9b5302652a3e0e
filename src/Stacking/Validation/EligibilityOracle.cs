using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>The earnability oracle over the eligibility engine: an empty record, with planned credentials as ideal holdings (spec §8).</summary>
/// <remarks>Planned credentials meet every <c>minScore</c> and <c>within</c> and never expire, so the as-of date of the
/// empty record does not matter; a fixed one keeps validation free of any clock.</remarks>
internal sealed class EligibilityOracle : IEarnabilityOracle
{
    private static readonly DateOnly AsOf = new(2000, 1, 1);
    private readonly EligibilityEvaluator _evaluator;
    private readonly PreparedLearner _empty;

    private EligibilityOracle(EligibilityEvaluator evaluator)
    {
        _evaluator = evaluator;
        _empty = evaluator.Prepare(LearnerRecord.Empty, AsOf);
    }

    /// <summary>Creates the oracle of a catalog.</summary>
    public static IEarnabilityOracle? Create(Catalog catalog) => new EligibilityOracle(new EligibilityEvaluator(catalog));

    /// <inheritdoc/>
    public bool? Check(CredentialId target, IReadOnlyCollection<CredentialId> planned) => Map(_evaluator.Check(target, _empty, planned));

    /// <inheritdoc/>
    public bool? CheckGoal(Requirement goal, IReadOnlyCollection<CredentialId> planned) => Map(_evaluator.CheckGoal(goal, _empty, planned));

    private static bool? Map(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => true,
        EligibilityStatus.NotEligible => false,
        _ => null,
    };
}
