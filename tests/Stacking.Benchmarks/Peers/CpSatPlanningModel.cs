using System.Diagnostics;
using Google.OrTools.Sat;
using Stacking.Benchmarks.Instances;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Peers;

/// <summary>
/// The planning question of spec §8 as a CP-SAT model: a boolean per candidate credential, the requirement tree of
/// each candidate as reified node literals, allocation literals per (consuming node, item) with an at-most-one per
/// item inside each requirement (§6), the goal, and the same linear objective.
/// </summary>
/// <remarks>
/// Exact where: the candidates' dependency graph is acyclic (then any set of steps closed under "requirement
/// satisfied by the others" can be ordered, so §8 rule 1 adds nothing), every equivalence class in the cone is a
/// single credential, the learner has no advisor exceptions, and every credit, hour and cost is a multiple of 0.01.
/// Elsewhere it is a relaxation (no order variables), so its optimum is only a lower bound on ours, and
/// <see cref="IsExact"/> is false with the reason in <see cref="RelaxationReason"/>.
/// </remarks>
public sealed class CpSatPlanningModel
{
    /// <summary>The factor between the model's integer objective coefficients and the library's units.</summary>
    public const decimal Scale = 100m;
    private readonly Catalog _catalog;
    private readonly Dictionary<CredentialId, BoolVar> _x = [];
    private readonly Dictionary<CredentialId, ILiteral> _planned = [];
    private readonly List<Holding> _valid = [];
    private readonly DateOnly _asOf;
    private readonly List<string> _relaxations = [];

    /// <param name="catalog">The catalog.</param>
    /// <param name="target">The target credential (the goal is its class).</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="hoursWeight">The objective's weight of hours.</param>
    /// <param name="costWeight">The objective's weight of cost.</param>
    /// <param name="weightedPools">Builds the candidates with <see cref="PlanningCone.Of"/>'s <c>weightedPools</c>: the
    /// same optimum (a zero-amount match never helps a credits or hours pool, and the model skips it anyway), a smaller
    /// model where such matches have requirements of their own.</param>
    public CpSatPlanningModel(Catalog catalog, CredentialId target, LearnerRecord learner, DateOnly asOf, decimal hoursWeight = 1m, decimal costWeight = 0m, bool weightedPools = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(learner);
        _catalog = catalog;
        _asOf = asOf;
        Model = new CpModel();
        if (!learner.Exceptions.IsEmpty)
        {
            _relaxations.Add("the learner has advisor exceptions, which the encoding ignores");
        }

        foreach (var h in learner.Holdings)
        {
            if (catalog.Find(h.Credential) is { } c && h.IsValidAt(asOf, c.ValidFor))
            {
                _valid.Add(h);
            }
        }

        var cone = PlanningCone.Of(catalog, target, weightedPools);
        Candidates = cone.Count;
        foreach (var id in cone)
        {
            _x[id] = Model.NewBoolVar("x_" + id.Value);
        }

        if (!IsAcyclic(cone, weightedPools))
        {
            _relaxations.Add("the candidates' dependency graph has a cycle and the encoding has no order variables (§8 rule 1)");
        }

        var objective = LinearExpr.NewBuilder();
        foreach (var id in cone)
        {
            var c = catalog[id];
            if (catalog.EquivalenceClassOf(id).Length > 1)
            {
                _relaxations.Add($"'{id}' has equivalents: an item's credits are those of its cheapest member here");
            }

            objective.AddTerm(_x[id], Scaled((hoursWeight * c.Hours) + (costWeight * c.Cost)));
            if (c.Requires is { } requires)
            {
                var usage = new Dictionary<CredentialId, List<ILiteral>>();
                var root = Node(requires, id, shared: false, usage);
                Model.AddImplication(_x[id], root);
                foreach (var literals in usage.Values)
                {
                    if (literals.Count > 1)
                    {
                        Model.AddAtMostOne(literals);
                    }
                }
            }
        }

        var targetClass = ClassKey(target);
        if (!_valid.Any(h => ClassKey(h.Credential).Equals(targetClass)))
        {
            Model.AddBoolOr(catalog.EquivalenceClassOf(target).Where(_x.ContainsKey).Select(m => (ILiteral)_x[m]));
        }

        Model.Minimize(objective);
    }

    /// <summary>The model (built once; solving does not change it).</summary>
    public CpModel Model { get; }

    /// <summary>Candidate credentials: the target's cone, those that get a boolean.</summary>
    public int Candidates { get; }

    /// <summary>True when the encoding means exactly what spec §6 and §8 mean on this instance.</summary>
    public bool IsExact => _relaxations.Count == 0;

    /// <summary>Why the encoding is only a relaxation here, or null when exact.</summary>
    public string? RelaxationReason => _relaxations.Count == 0 ? null : string.Join("; ", _relaxations.Distinct());

    /// <summary>Solves with the given number of workers (0: CP-SAT's default) and a time limit.</summary>
    public CpSatOutcome Solve(int workers, double timeLimitSeconds)
    {
        var solver = new CpSolver
        {
            StringParameters = workers > 0
                ? FormattableString.Invariant($"num_workers:{workers} max_time_in_seconds:{timeLimitSeconds}")
                : FormattableString.Invariant($"max_time_in_seconds:{timeLimitSeconds}"),
        };
        var watch = Stopwatch.StartNew();
        var status = solver.Solve(Model);
        watch.Stop();
        decimal? objective = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? (decimal)solver.ObjectiveValue / Scale : null;
        decimal? bound = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? (decimal)solver.BestObjectiveBound / Scale : null;
        return new CpSatOutcome(status.ToString(), objective, bound, watch.Elapsed);
    }

    private static long Scaled(decimal value)
    {
        var scaled = value * Scale;
        return (long)Math.Round(scaled, MidpointRounding.AwayFromZero);
    }

    private CredentialId ClassKey(CredentialId id)
    {
        var members = _catalog.EquivalenceClassOf(id);
        return members.IsEmpty ? id : members[0];
    }

    private bool IsAcyclic(HashSet<CredentialId> cone, bool weightedPools)
    {
        var state = new Dictionary<CredentialId, int>();
        var edges = cone.ToDictionary(id => id, id => PlanningCone.References(_catalog, _catalog[id], weightedPools).Where(cone.Contains).Distinct().ToList());
        foreach (var start in cone)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            // Iterative DFS: 1 = on the stack, 2 = done.
            var stack = new Stack<(CredentialId Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var list = edges[node];
                if (next < list.Count)
                {
                    stack.Push((node, next + 1));
                    var child = list[next];
                    if (!state.TryGetValue(child, out var s))
                    {
                        state[child] = 1;
                        stack.Push((child, 0));
                    }
                    else if (s == 1)
                    {
                        return false;
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }

        return true;
    }

    /// <summary>The literal "item <paramref name="item"/> (a class key) can serve this node": held and qualifying, or planned.</summary>
    private ILiteral? Available(CredentialId item, CredentialId owner, ConsumingRequirement? node)
    {
        foreach (var h in _valid)
        {
            if (ClassKey(h.Credential).Equals(item) && Qualifies(h, node))
            {
                return Model.TrueLiteral();
            }
        }

        // A step cannot serve its own requirement (it is earned after it).
        var ownerClass = ClassKey(owner);
        if (item.Equals(ownerClass))
        {
            return null;
        }

        if (_planned.TryGetValue(item, out var literal))
        {
            return literal;
        }

        var members = _catalog.EquivalenceClassOf(item).Where(_x.ContainsKey).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        if (members.Count == 1)
        {
            literal = _x[members[0]];
        }
        else
        {
            var p = Model.NewBoolVar("planned_" + item.Value);
            Model.AddBoolOr([p.Not(), .. members.Select(m => (ILiteral)_x[m])]);
            literal = p;
        }

        _planned[item] = literal;
        return literal;
    }

    private bool Qualifies(Holding h, ConsumingRequirement? node)
    {
        if (node is null)
        {
            return true;
        }

        if (node.MinScore is { } min && !(h.Score >= min))
        {
            return false;
        }

        return node.Within is not { } within || h.Earned >= within.SubtractFrom(_asOf);
    }

    private ILiteral Node(Requirement node, CredentialId owner, bool shared, Dictionary<CredentialId, List<ILiteral>> usage)
    {
        shared |= node.Shared;
        var sat = Model.NewBoolVar(string.Empty);
        switch (node)
        {
            case CredentialRequirement leaf:
                {
                    if (!_catalog.Contains(leaf.Credential))
                    {
                        Model.Add(sat == 0);
                        break;
                    }

                    var item = ClassKey(leaf.Credential);
                    var available = Available(item, owner, leaf);
                    if (available is null)
                    {
                        Model.Add(sat == 0);
                        break;
                    }

                    Model.AddImplication(sat, available);
                    Use(usage, item, sat, shared);
                    break;
                }

            case PoolRequirement pool:
                {
                    var terms = LinearExpr.NewBuilder();
                    var weights = new Dictionary<CredentialId, decimal>();
                    foreach (var d in _catalog.Credentials)
                    {
                        if (SelectorMatch.Matches(_catalog, pool.From, d))
                        {
                            var item = ClassKey(d.Id);
                            var w = pool switch
                            {
                                CreditsRequirement => d.Credits,
                                HoursRequirement => d.Hours,
                                _ => 1m,
                            };
                            weights[item] = weights.TryGetValue(item, out var old) ? Math.Max(old, w) : w;
                        }
                    }

                    foreach (var (item, weight) in weights)
                    {
                        var available = Available(item, owner, pool);
                        if (available is null || weight <= 0)
                        {
                            continue;
                        }

                        var a = Model.NewBoolVar(string.Empty);
                        Model.AddImplication(a, available);
                        Use(usage, item, a, shared);
                        terms.AddTerm(a, pool is CountRequirement ? 1 : Scaled(weight));
                    }

                    var threshold = pool switch
                    {
                        CountRequirement c => (long)c.Count,
                        CreditsRequirement c => Scaled(c.Credits),
                        HoursRequirement h => Scaled(h.Hours),
                        _ => throw new NotSupportedException(),
                    };
                    Model.Add(terms >= LinearExpr.Term(sat, threshold));
                    break;
                }

            case SkillRequirement skill:
                {
                    var options = new List<ILiteral> { sat.Not() };
                    foreach (var d in _catalog.Credentials)
                    {
                        if (d.SkillLevel(skill.Skill) >= skill.Level && Available(ClassKey(d.Id), owner, null) is { } available)
                        {
                            options.Add(available);
                        }
                    }

                    Model.AddBoolOr(options);
                    break;
                }

            case AllOfRequirement all:
                foreach (var child in all.Children)
                {
                    Model.AddImplication(sat, Node(child, owner, shared, usage));
                }

                break;
            case AnyOfRequirement any:
                Model.AddBoolOr([sat.Not(), .. any.Children.Select(child => Node(child, owner, shared, usage))]);
                break;
            case AtLeastRequirement atLeast:
                {
                    var kids = atLeast.Children.Select(child => Node(child, owner, shared, usage)).ToList();
                    var sum = LinearExpr.NewBuilder();
                    foreach (var k in kids)
                    {
                        sum.Add(k);
                    }

                    Model.Add(sum >= LinearExpr.Term(sat, atLeast.Count));
                    break;
                }

            default:
                throw new NotSupportedException($"No CP-SAT form for a {node.Kind} node.");
        }

        return sat;
    }

    private static void Use(Dictionary<CredentialId, List<ILiteral>> usage, CredentialId item, ILiteral literal, bool shared)
    {
        // Shared subtrees consume nothing (§6): their literals take part in no at-most-one.
        if (shared)
        {
            return;
        }

        if (!usage.TryGetValue(item, out var list))
        {
            usage[item] = list = [];
        }

        list.Add(literal);
    }
}
