using Stacking.Eligibility.Engine;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility;

/// <content>The dense seam for the planner: credentials by the engine's numbers, planned sets as bitsets.
/// <para>These members answer exactly what the public <see cref="Check(CredentialId, PreparedLearner, IReadOnlyCollection{CredentialId})"/> and <see cref="CheckGoal(Requirement, PreparedLearner, IReadOnlyCollection{CredentialId})"/> answer for the
/// same credential and the same planned set; they only spare the caller the ids and the collections. Bit <c>i</c> of
/// a planned bitset is the credential <see cref="IndexOf"/> numbers <c>i</c>; bits past <see cref="CredentialCount"/>
/// are ignored, and a span shorter than the catalog's words reads as zeros past its end.</para>
/// </content>
public sealed partial class EligibilityEvaluator
{
    /// <summary>Gets the number of distinct catalog credentials: the engine numbers them 0 to this minus 1.</summary>
    internal int CredentialCount => _compiled.Credentials.Length;

    /// <summary>Gets the engine's number of a credential, or -1 when the catalog lacks it (repeated ids: the first).</summary>
    internal int IndexOf(CredentialId id) => _compiled.IndexOf(id);

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
        return CheckCore(credential, learner, planned, fast: true);
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
        return CheckGoalCore(goal, learner, planned, fast: true);
    }

    /// <summary>The general engine only (the exact search of spec §6, no compiled fast path): what the fast path is tested against.</summary>
    internal EligibilityStatus CheckGeneral(int credential, PreparedLearner learner, ReadOnlySpan<ulong> planned)
    {
        EnsureOwn(learner);
        return CheckCore(credential, learner, planned, fast: false);
    }

    /// <summary>The general engine only, without planned items, also telling whether its search fell back on the linear relaxation (tests).</summary>
    internal EligibilityStatus CheckGeneral(int credential, PreparedLearner learner, out bool relaxationTried)
    {
        EnsureOwn(learner);
        return CheckCore(credential, learner, default, fast: false, out relaxationTried);
    }

    /// <summary>The general engine only, for a goal.</summary>
    internal EligibilityStatus CheckGoalGeneral(Requirement goal, PreparedLearner learner, ReadOnlySpan<ulong> planned)
    {
        EnsureOwn(learner);
        return CheckGoalCore(goal, learner, planned, fast: false);
    }

    /// <summary>The compiled fast path only: true with the answer when it decides, false when the general engine would have to.</summary>
    /// <remarks>Whole waivers and credentials without requirement are decided before either path and count as decided here.</remarks>
    internal bool TryCheckFast(int credential, PreparedLearner learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status, out FastRule.FastRoute route)
    {
        EnsureOwn(learner);
        var rule = _compiled.RuleOf(credential);
        if (rule is null || WaivedWhole(credential, learner))
        {
            status = EligibilityStatus.Eligible;
            route = FastRule.FastRoute.Disjoint;
            return true;
        }

        status = EligibilityStatus.Undetermined;
        route = FastRule.FastRoute.General;
        return FastApplies(credential, learner) && rule.Fast.TryEvaluate(learner.Bits, planned, out status, out route);
    }

    /// <summary>The compiled fast path only, for a goal.</summary>
    internal bool TryCheckGoalFast(Requirement goal, PreparedLearner learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status, out FastRule.FastRoute route)
    {
        EnsureOwn(learner);
        status = EligibilityStatus.Undetermined;
        route = FastRule.FastRoute.General;
        var rule = _compiled.RuleFor(goal);
        return SubstitutionsMiss(rule, learner) && rule.Fast.TryEvaluate(learner.Bits, planned, out status, out route);
    }

    /// <summary>The instructions of a credential's compiled fast program and whether it is evaluated by the recursive
    /// short-circuit (tests check that every specialised leaf test and both evaluation orders are exercised).</summary>
    internal (IEnumerable<FastRule.Op> Ops, bool Shallow) FastProgram(int credential) =>
        _compiled.RuleOf(credential) is { } rule ? (rule.Fast.Ops, rule.Fast.Shallow) : ([], true);

    private bool WaivedWhole(int index, PreparedLearner learner)
    {
        var waivers = learner.Items.WholeWaivers;
        return waivers.Count > 0 && waivers.Contains(_compiled.Credentials[index].Id);
    }

    /// <summary>Gets whether the fast path may answer for this learner and credential: no node waiver of it, and no
    /// substitution whose replaced credential the rule can use (<see cref="CompiledRule.Reaches"/>).</summary>
    private bool FastApplies(int index, PreparedLearner learner)
    {
        var waivers = learner.Items.NodeWaivers;
        return learner.Bits.Simple
            || (!waivers.ContainsKey(_compiled.Credentials[index].Id) && SubstitutionsMiss(_compiled.RuleOf(index)!, learner));
    }

    /// <summary>Gets whether no substitution of the learner replaces a credential the rule can use: the items they add
    /// then match nothing, and the bits (which leave them out) answer exactly.</summary>
    private static bool SubstitutionsMiss(CompiledRule rule, PreparedLearner learner)
    {
        foreach (var (x, _, _) in learner.Items.Substitutions)
        {
            if (rule.Reaches(x))
            {
                return false;
            }
        }

        return true;
    }

    private EligibilityStatus CheckCore(int index, PreparedLearner learner, ReadOnlySpan<ulong> planned, bool fast, bool recordTried = false) =>
        CheckCore(index, learner, planned, fast, out _, recordTried);

    // recordTried: the caller (a batch) already read the learner's record for this rule and it did not decide.
    private EligibilityStatus CheckCore(int index, PreparedLearner learner, ReadOnlySpan<ulong> planned, bool fast, out bool relaxationTried, bool recordTried = false)
    {
        relaxationTried = false;
        var rule = _compiled.RuleOf(index);
        if (rule is null)
        {
            return EligibilityStatus.Eligible;
        }

        // A plain learner (no exception at all: the common case) needs no waiver or substitution look-up.
        if (learner.Plain)
        {
            if (fast && rule.Fast.TryEvaluate(learner.Held, learner.Bits, planned, out var plain))
            {
                return plain;
            }
        }
        else if (WaivedWhole(index, learner))
        {
            return EligibilityStatus.Eligible;
        }
        else if (fast)
        {
            // The prepared bits leave substitutions out; where one can matter and nothing is planned (the folding does not
            // account for planned credentials), the record is read for this rule with transfer credit folded in
            // (LearnerBits.Fill). A learner the bits could be used for and did not decide goes to the general engine.
            var usable = FastApplies(index, learner);
            if (usable && rule.Fast.TryEvaluate(learner.Bits, planned, out var status))
            {
                return status;
            }

            if (!usable && !recordTried && planned.IsEmpty && TryCheckRecordFast(index, rule, learner.Learner, learner.AsOf, t_checkBits ??= new LearnerBits(), out status))
            {
                return status;
            }
        }

        var target = _compiled.Credentials[index].Id;
        learner.Items.NodeWaivers.TryGetValue(target, out var waived);
        var evaluation = new Evaluation(_compiled, rule, learner.Items, learner.AsOf, PlannedSet.Of(_compiled, planned), waived, Options.WorkLimit);
        var answer = evaluation.Solve(0);
        relaxationTried = evaluation.RelaxationTried;
        return answer;
    }

    private EligibilityStatus CheckGoalCore(Requirement goal, PreparedLearner learner, ReadOnlySpan<ulong> planned, bool fast)
    {
        var rule = _compiled.RuleFor(goal);
        if (fast && SubstitutionsMiss(rule, learner) && rule.Fast.TryEvaluate(learner.Bits, planned, out var status))
        {
            return status;
        }

        var evaluation = new Evaluation(_compiled, rule, learner.Items, learner.AsOf, PlannedSet.Of(_compiled, planned), null, Options.WorkLimit);
        return evaluation.Solve(0);
    }
}
