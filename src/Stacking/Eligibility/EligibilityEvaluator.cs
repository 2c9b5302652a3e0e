using System.Collections.Immutable;
using Stacking.Eligibility.Engine;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility;

/// <summary>Decides whether a learner satisfies a credential's requirement at a date, exactly (spec §4–§7).</summary>
/// <remarks>
/// <para>One evaluator per catalog: it numbers the credentials and equivalence classes once and compiles each
/// requirement on first use. It is immutable and thread-safe: share one across every thread of an application.</para>
/// <para>The answer is exact (spec §6): eligible exactly when some choice of alternatives and assignment of items,
/// no item used by two consuming nodes, satisfies the requirement, whatever the order of rules and holdings. When
/// the search needs more than <see cref="EligibilityOptions.WorkLimit"/> steps the status is
/// <see cref="EligibilityStatus.Undetermined"/>, never a guess.</para>
/// <para>Use <see cref="Check(CredentialId, PreparedLearner, IReadOnlyCollection{CredentialId})"/> with a <see cref="PreparedLearner"/> on hot paths (planners, validators, batches):
/// it builds no explanation. Use <see cref="Evaluate(CredentialId, LearnerRecord, DateOnly, CancellationToken)"/> for the explanation and witness.</para>
/// </remarks>
public sealed partial class EligibilityEvaluator
{
    private readonly CompiledCatalog _compiled;

    /// <summary>Creates an evaluator for a catalog.</summary>
    /// <param name="catalog">The catalog; it should be valid (a faulty one is evaluated literally, see <c>docs/eligibility.md</c>).</param>
    /// <param name="options">Options, or null for <see cref="EligibilityOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public EligibilityEvaluator(Catalog catalog, EligibilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _compiled = new CompiledCatalog(catalog);
        Options = options ?? EligibilityOptions.Default;
    }

    /// <summary>Gets the catalog.</summary>
    public Catalog Catalog => _compiled.Catalog;

    /// <summary>Gets the options.</summary>
    public EligibilityOptions Options { get; }

    /// <summary>Computes a learner's items at a date, after exceptions, once for many checks.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <returns>The prepared learner, usable with this evaluator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    public PreparedLearner Prepare(LearnerRecord learner, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(learner);
        return new PreparedLearner(_compiled, learner, asOf);
    }

    /// <summary>Decides whether a credential's requirement is satisfied, without explanation.</summary>
    /// <param name="target">The credential whose requirement is checked.</param>
    /// <param name="learner">The prepared learner.</param>
    /// <param name="planned">Catalog credentials assumed earned at T, meeting every minScore and within and never
    /// expiring (spec §8); each joins its equivalence class's item. Ids not in the catalog are ignored. Pass a set
    /// (<see cref="HashSet{T}"/>, <see cref="ImmutableHashSet{T}"/>...) on hot paths; other collections are copied into one.</param>
    /// <returns>The status. A credential with no requirement, or whose whole requirement the learner has waived, is eligible.</returns>
    /// <remarks>The learner's waivers of <paramref name="target"/> apply.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog, or <paramref name="learner"/> was prepared for another catalog.</exception>
    public EligibilityStatus Check(CredentialId target, PreparedLearner learner, IReadOnlyCollection<CredentialId>? planned = null)
    {
        var index = TargetIndex(target, learner);
        return CheckCore(index, learner, PlannedSet.Of(_compiled, planned) is { } set ? set.Bits : default, fast: true);
    }

    /// <summary>Decides whether a goal requirement is satisfied, without explanation.</summary>
    /// <param name="goal">The goal, such as <c>Rule.Credential("Q")</c> (met by any member of Q's class).</param>
    /// <param name="learner">The prepared learner.</param>
    /// <param name="planned">Catalog credentials assumed earned at T (see <see cref="Check(CredentialId, PreparedLearner, IReadOnlyCollection{CredentialId})"/>).</param>
    /// <returns>The status.</returns>
    /// <remarks>No waiver applies to a goal: waivers name a credential's requirement. Goals are compiled once and cached by reference.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="goal"/> or <paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="learner"/> was prepared for another catalog.</exception>
    public EligibilityStatus CheckGoal(Requirement goal, PreparedLearner learner, IReadOnlyCollection<CredentialId>? planned = null)
    {
        ArgumentNullException.ThrowIfNull(goal);
        EnsureOwn(learner);
        return CheckGoalCore(goal, learner, PlannedSet.Of(_compiled, planned) is { } set ? set.Bits : default, fast: true);
    }

    /// <summary>Evaluates a credential's requirement with explanation and witness.</summary>
    /// <param name="target">The credential.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public EligibilityResult Evaluate(CredentialId target, LearnerRecord learner, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        return Evaluate(target, Prepare(learner, asOf), null, cancellationToken);
    }

    /// <summary>Evaluates a goal requirement with explanation and witness.</summary>
    /// <param name="goal">The goal.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The result; no waiver applies to a goal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="goal"/> or <paramref name="learner"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public EligibilityResult EvaluateGoal(Requirement goal, LearnerRecord learner, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(learner);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = Prepare(learner, asOf);
        var evaluation = new Evaluation(_compiled, _compiled.RuleFor(goal), prepared.Items, asOf, null, null, Options.WorkLimit, complete: true);
        return ExplanationBuilder.Build(evaluation, prepared, null, goal, Warnings(prepared), cancellationToken);
    }

    /// <summary>Evaluates a credential's requirement for a prepared learner, optionally with planned credentials, with explanation and witness.</summary>
    /// <param name="target">The credential.</param>
    /// <param name="learner">The prepared learner.</param>
    /// <param name="planned">Catalog credentials assumed earned at T (see <see cref="Check(CredentialId, PreparedLearner, IReadOnlyCollection{CredentialId})"/>), or null.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog, or <paramref name="learner"/> was prepared for another catalog.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public EligibilityResult Evaluate(CredentialId target, PreparedLearner learner, IReadOnlyCollection<CredentialId>? planned, CancellationToken cancellationToken = default)
    {
        var index = TargetIndex(target, learner);
        cancellationToken.ThrowIfCancellationRequested();
        var rule = _compiled.RuleOf(index);
        var warnings = Warnings(learner);
        var waivedWhole = learner.Items.WholeWaivers.Contains(target);
        if (rule is null)
        {
            return new EligibilityResult(target, null, learner.Learner.Id, learner.AsOf, EligibilityStatus.Eligible, 1, waivedWhole, null, [], warnings);
        }

        learner.Items.NodeWaivers.TryGetValue(target, out var waived);
        // A whole waiver waives the root: the answer and the explanation's root say eligible and waived, with no witness
        // (nothing is used), and the children still show where the learner stands without it.
        var evaluation = new Evaluation(_compiled, rule, learner.Items, learner.AsOf, PlannedSet.Of(_compiled, planned), waived, Options.WorkLimit, complete: true, waiveWhole: waivedWhole);
        var result = ExplanationBuilder.Build(evaluation, learner, target, rule.Nodes[0].Source, warnings, cancellationToken);
        return waivedWhole
            ? new EligibilityResult(target, result.Goal, result.LearnerId, result.AsOf, EligibilityStatus.Eligible, 1, true, result.Explanation, [], warnings)
            : result;
    }

    private int TargetIndex(CredentialId target, PreparedLearner learner)
    {
        EnsureOwn(learner);
        var index = _compiled.IndexOf(target);
        return index >= 0 ? index : throw new ArgumentException($"The catalog has no credential '{target}'.", nameof(target));
    }

    private void EnsureOwn(PreparedLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        if (!ReferenceEquals(learner.Compiled, _compiled) && !ReferenceEquals(learner.Compiled.Catalog, _compiled.Catalog))
        {
            throw new ArgumentException("The learner was prepared by an evaluator of another catalog.", nameof(learner));
        }
    }

    private ImmutableArray<string> Warnings(PreparedLearner learner)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<CredentialId>();
        foreach (var holding in learner.Learner.Holdings)
        {
            if (!_compiled.Index.ContainsKey(holding.Credential) && seen.Add(holding.Credential))
            {
                warnings.Add($"The learner holds '{holding.Credential}', which the catalog lacks: it counts only through a substitution.");
            }
        }

        foreach (var exception in learner.Learner.Exceptions)
        {
            if (exception is Substitution s && !_compiled.Index.ContainsKey(s.Substitute))
            {
                warnings.Add($"The substitution of '{s.Substitute}' is ignored: the catalog has no such credential.");
            }
            else if (exception is Waiver w && !_compiled.Index.ContainsKey(w.Credential))
            {
                warnings.Add($"The waiver for '{w.Credential}' names a credential the catalog lacks.");
            }
        }

        return warnings.ToImmutable();
    }
}
