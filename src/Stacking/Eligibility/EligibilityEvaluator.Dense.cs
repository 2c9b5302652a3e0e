using Stacking.Eligibility.Engine;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility;

/// <summary>The dense seam for the planner: credentials by the engine's numbers, planned sets as bitsets.</summary>
/// <remarks>
/// <para>These members answer exactly what the public <see cref="Check(CredentialId, PreparedLearner, IReadOnlyCollection{CredentialId})"/> and <see cref="CheckGoal(Requirement, PreparedLearner, IReadOnlyCollection{CredentialId})"/> answer for the
/// same credential and the same planned set; they only spare the caller the ids and the collections. Bit <c>i</c> of
/// a planned bitset is the credential <see cref="IndexOf"/> numbers <c>i</c>; bits past <see cref="CredentialCount"/>
/// are ignored, and a span shorter than the catalog's words reads as zeros past its end.</para>
/// </remarks>
public sealed partial class EligibilityEvaluator
{
    /// <summary>Gets the number of distinct catalog credentials: the engine numbers them 0 to this minus 1.</summary>
    internal int CredentialCount => _compiled.Credentials.Length;

    /// <summary>Gets the engine's number of a credential, or -1 when the catalog lacks it (repeated ids: the first).</summary>
    internal int IndexOf(CredentialId id) => _compiled.IndexOf(id);

    /// <summary>Gets the id of the credential the engine numbers <paramref name="credential"/>.</summary>
    internal CredentialId IdOf(int credential) => _compiled.Credentials[credential].Id;

    /// <summary>Decides whether a credential's requirement is satisfied, planned credentials given as a bitset.</summary>
    /// <param name="credential">The engine's number of the credential.</param>
    /// <param name="learner">The prepared learner.</param>
    /// <param name="planned">Catalog credentials assumed earned at T: bit <c>i</c> is the credential numbered <c>i</c>.</param>
    /// <returns>The same status as <see cref="Check(CredentialId, PreparedLearner, IReadOnlyCollection{CredentialId})"/> with the same credentials planned.</returns>
    internal EligibilityStatus Check(int credential, PreparedLearner learner, ReadOnlySpan<ulong> planned)
    {
        EnsureOwn(learner);
        ArgumentOutOfRangeException.ThrowIfNegative(credential);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(credential, CredentialCount);
        return CheckCore(credential, learner, PlannedSet.Of(_compiled, planned));
    }

    /// <summary>Decides whether a goal requirement is satisfied, planned credentials given as a bitset.</summary>
    /// <param name="goal">The goal.</param>
    /// <param name="learner">The prepared learner.</param>
    /// <param name="planned">Catalog credentials assumed earned at T: bit <c>i</c> is the credential numbered <c>i</c>.</param>
    /// <returns>The same status as <see cref="CheckGoal(Requirement, PreparedLearner, IReadOnlyCollection{CredentialId})"/> with the same credentials planned.</returns>
    internal EligibilityStatus CheckGoal(Requirement goal, PreparedLearner learner, ReadOnlySpan<ulong> planned)
    {
        ArgumentNullException.ThrowIfNull(goal);
        EnsureOwn(learner);
        return CheckGoalCore(goal, learner, PlannedSet.Of(_compiled, planned));
    }

    private EligibilityStatus CheckCore(int index, PreparedLearner learner, PlannedSet? planned)
    {
        var rule = _compiled.RuleOf(index);
        var target = _compiled.Credentials[index].Id;
        if (rule is null || learner.Items.WholeWaivers.Contains(target))
        {
            return EligibilityStatus.Eligible;
        }

        learner.Items.NodeWaivers.TryGetValue(target, out var waived);
        var evaluation = new Evaluation(_compiled, rule, learner.Items, learner.AsOf, planned, waived, Options.WorkLimit);
        return evaluation.Solve(0);
    }

    private EligibilityStatus CheckGoalCore(Requirement goal, PreparedLearner learner, PlannedSet? planned)
    {
        var evaluation = new Evaluation(_compiled, _compiled.RuleFor(goal), learner.Items, learner.AsOf, planned, null, Options.WorkLimit);
        return evaluation.Solve(0);
    }
}
