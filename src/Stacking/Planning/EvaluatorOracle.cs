using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>Binds the planner's seam to the eligibility engine.</summary>
internal sealed class EvaluatorOracle(EligibilityEvaluator evaluator) : IPlanningOracle
{
    public object Prepare(LearnerRecord learner, DateOnly asOf) => evaluator.Prepare(learner, asOf);

    public OracleAnswer Check(CredentialId target, object prepared, IReadOnlyCollection<CredentialId> planned) =>
        Map(evaluator.Check(target, (PreparedLearner)prepared, planned));

    public OracleAnswer CheckGoal(Requirement goal, object prepared, IReadOnlyCollection<CredentialId> planned) =>
        Map(evaluator.CheckGoal(goal, (PreparedLearner)prepared, planned));

    private static OracleAnswer Map(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => OracleAnswer.Yes,
        EligibilityStatus.NotEligible => OracleAnswer.No,
        _ => OracleAnswer.Unknown,
    };
}
