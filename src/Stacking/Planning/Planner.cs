using System.Diagnostics;
using System.Collections.Immutable;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>Finds the provably cheapest pathway to a goal: which credentials to earn, in what order (spec §8).</summary>
/// <remarks>
/// <para>One planner serves one catalog; it is immutable and thread-safe. It owns search only: every question "is this
/// requirement satisfied by the learner's items plus these planned credentials" is answered by the eligibility engine.</para>
/// <para>Answers are exact: <see cref="PlanStatus.Optimal"/> only when proven, <see cref="PlanStatus.Infeasible"/> only
/// when proven (with the node that can never be met); when a node or time budget or a cancellation stops the search the
/// answer is <see cref="PlanStatus.Feasible"/> with the best plan found and a proven lower bound, or
/// <see cref="PlanStatus.Unknown"/> when no plan was found yet. The algorithm, its guarantees and its limits are in
/// docs/planning.md.</para>
/// </remarks>
public sealed partial class Planner
{
    private readonly CompiledCatalog _compiled;
    private readonly IPlanningOracle _oracle;
    private readonly PlannerOptions _options;

    /// <summary>Creates a planner for a catalog, with an eligibility engine of default options.</summary>
    /// <param name="catalog">The catalog; validate it first (a catalog with errors is planned as written).</param>
    /// <param name="options">The planner's defaults; null for the standard ones.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public Planner(Catalog catalog, PlannerOptions? options = null)
        : this(catalog, new EvaluatorOracle(new EligibilityEvaluator(catalog ?? throw new ArgumentNullException(nameof(catalog)))), options)
    {
    }

    /// <summary>Creates a planner that asks an existing eligibility engine (and plans in its catalog).</summary>
    /// <param name="evaluator">The eligibility engine; its work limit bounds each check (a check that hits it is undetermined).</param>
    /// <param name="options">The planner's defaults; null for the standard ones.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evaluator"/> is null.</exception>
    public Planner(EligibilityEvaluator evaluator, PlannerOptions? options = null)
        : this((evaluator ?? throw new ArgumentNullException(nameof(evaluator))).Catalog, new EvaluatorOracle(evaluator), options)
    {
    }

    internal Planner(Catalog catalog, IPlanningOracle oracle, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(oracle);
        _compiled = new CompiledCatalog(catalog);
        _oracle = oracle;
        _options = options ?? new PlannerOptions();
    }

    /// <summary>Gets a value indicating whether searches start from the greedy incumbent; tests switch it off.</summary>
    internal bool GreedyIncumbent { get; init; } = true;

    /// <summary>Gets a value indicating whether ruin and recreate skips moves by the root's bound; tests switch it off
    /// to check that the plans are the same.</summary>
    internal bool ScreenRuinMoves { get; init; } = true;

    /// <summary>Gets the relative gap to the root bound at or below which the constructed plan is not ruined and recreated
    /// (<see cref="PlanSearch.DefaultRuinGap"/>); tests vary it.</summary>
    internal decimal RuinGap { get; init; } = PlanSearch.DefaultRuinGap;

    /// <summary>Gets the catalog the planner plans in.</summary>
    public Catalog Catalog => _compiled.Catalog;

    /// <summary>Plans the cheapest way to earn a target credential (or any member of its equivalence class).</summary>
    /// <param name="target">The target credential.</param>
    /// <param name="learner">The learner; their exceptions apply to every evaluation.</param>
    /// <param name="asOf">The as-of date: planned steps count as earned on it.</param>
    /// <param name="options">The objective and budgets; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search; the answer then says what was proven.</param>
    /// <returns>The answer; never null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog.</exception>
    public PlanResult Plan(CredentialId target, LearnerRecord learner, DateOnly asOf, PlanRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        RequireKnown(target, nameof(target));
        return PlanGoal(Rule.Credential(target), learner, asOf, options, cancellationToken);
    }

    /// <summary>Plans the cheapest way to hold every one of several targets at once.</summary>
    /// <param name="targets">The targets (at least one).</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="options">The objective and budgets; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The answer.</returns>
    /// <remarks>The goal is a shared <c>allOf</c> of the targets' credential leaves: each target is held, and one item may
    /// satisfy two targets that are equivalent.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> or <paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException">No target is given, or one is not in the catalog.</exception>
    public PlanResult PlanAll(IEnumerable<CredentialId> targets, LearnerRecord learner, DateOnly asOf, PlanRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var goal = AllTargets(targets);
        return PlanGoal(goal, learner, asOf, options, cancellationToken);
    }

    /// <summary>Plans the cheapest way to satisfy any requirement as a goal (for instance a job role's skills: an allOf of skill nodes).</summary>
    /// <param name="goal">The goal; it is evaluated like a credential's requirement without waivers (spec §6 allocation applies).</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="options">The objective and budgets; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="goal"/> or <paramref name="learner"/> is null.</exception>
    public PlanResult PlanGoal(Requirement goal, LearnerRecord learner, DateOnly asOf, PlanRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(learner);
        var start = Stopwatch.GetTimestamp();
        options ??= new PlanRequestOptions();
        var problem = new PlanningProblem(_compiled, _oracle, goal, learner, asOf, options.Objective);
        var search = new PlanSearch(problem, NodeLimit(options), SearchLimit(options.TimeLimit ?? _options.DefaultTimeLimit), cancellationToken, startTicks: start) { GreedyIncumbent = GreedyIncumbent, ScreenRuinMoves = ScreenRuinMoves, RuinGap = RuinGap };
        var outcome = search.Run();
        return ToResult(problem, outcome, search.Nodes);
    }

    private static PlanResult ToResult(PlanningProblem problem, SearchOutcome outcome, long nodes)
    {
        var steps = outcome.Plan is { } plan ? PlanAssembler.Assemble(problem, plan) : ImmutableArray<PlanStep>.Empty;
        return new PlanResult(outcome.Status, problem.Objective, steps, outcome.LowerBound, outcome.Reason, outcome.Blocking, nodes);
    }

    /// <summary>The most of a time budget held back for the work after the stop: <see cref="ReserveFraction"/> of it, at
    /// most this.</summary>
    internal static readonly TimeSpan MaxReserve = TimeSpan.FromMilliseconds(25);

    /// <summary>The share of a time budget held back for the work after the stop (1/20).</summary>
    internal const double ReserveFraction = 0.05;

    /// <summary>The search's own time limit: the request's budget less a reserve for what follows the stop signal.</summary>
    /// <remarks>After the stop the search unwinds, settles its bound, and the plan is assembled (its stages, a few oracle
    /// questions per step) into the result; the node or loop step in progress also finishes first. Measured on generated
    /// catalogs of 1 000 credentials this takes 0.1–0.7 ms, plus up to a few ms for the step in progress on a loaded
    /// machine, so 5% of the budget (5 ms of 100 ms), and never more than <see cref="MaxReserve"/>, keeps the answer
    /// inside the budget while costing the search little.</remarks>
    internal static TimeSpan? SearchLimit(TimeSpan? timeLimit) =>
        timeLimit is { } limit && limit > TimeSpan.Zero
            ? limit - TimeSpan.FromTicks(Math.Min((long)(limit.Ticks * ReserveFraction), MaxReserve.Ticks))
            : timeLimit;

    // Never negative: both options refuse a negative limit when they are made.
    private long NodeLimit(PlanRequestOptions options) => options.NodeLimit ?? _options.DefaultNodeLimit;

    private void RequireKnown(CredentialId id, string paramName)
    {
        if (!_compiled.Index.ContainsKey(id))
        {
            throw new ArgumentException($"The catalog has no credential '{id}'.", paramName);
        }
    }

    private AllOfRequirement AllTargets(IEnumerable<CredentialId> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var list = targets.Distinct().Order().ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one target is needed.", nameof(targets));
        }

        foreach (var target in list)
        {
            RequireKnown(target, nameof(targets));
        }

        return new AllOfRequirement(list.Select(t => (Requirement)Rule.Credential(t))) { Shared = true };
    }
}
