using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>The planner's view of a catalog, computed once: credentials in ordinal id order (so that nothing depends on
/// document order), their equivalence classes, and every requirement compiled into <see cref="CompiledNode"/>s.</summary>
internal sealed class CompiledCatalog
{
    public CompiledCatalog(Catalog catalog, IReadOnlyDictionary<int, int[]>? extraMatches = null)
    {
        Catalog = catalog;
        var byId = new SortedDictionary<CredentialId, Credential>();
        foreach (var credential in catalog.Credentials)
        {
            byId.TryAdd(credential.Id, credential);
        }

        Credentials = [.. byId.Values];
        Count = Credentials.Length;
        Index = new Dictionary<CredentialId, int>(Count);
        for (var i = 0; i < Count; i++)
        {
            Index[Credentials[i].Id] = i;
        }

        ClassOf = new int[Count];
        var classes = new List<int[]>();
        var assigned = new bool[Count];
        for (var i = 0; i < Count; i++)
        {
            if (assigned[i])
            {
                continue;
            }

            var members = catalog.EquivalenceClassOf(Credentials[i].Id)
                .Select(id => Index.TryGetValue(id, out var j) ? j : -1)
                .Where(j => j >= 0)
                .Append(i)
                .Distinct()
                .Order()
                .ToArray();
            foreach (var m in members)
            {
                assigned[m] = true;
                ClassOf[m] = classes.Count;
            }

            classes.Add(members);
        }

        ClassMembers = [.. classes];
        _extraMatches = extraMatches;
        _substitutes = extraMatches is null ? null : [.. extraMatches.Values.SelectMany(v => v)];
        Requirements = new CompiledNode?[Count];
        for (var i = 0; i < Count; i++)
        {
            if (Credentials[i].Requires is { } requires)
            {
                Requirements[i] = Compile(requires, "requires");
            }
        }
    }

    private readonly IReadOnlyDictionary<int, int[]>? _extraMatches;

    /// <summary>Every credential some substitution lets stand for another (the values of <see cref="_extraMatches"/>).</summary>
    private readonly HashSet<int>? _substitutes;

    // Per-catalog arrays that every request reads and none writes, built on first use. A race builds equal arrays twice
    // and keeps one: each is a function of the catalog alone.
    private CredentialId[]? _ids;
    private decimal[]? _hoursOf;
    private decimal[]? _costOf;
    private decimal[]? _poolCredits;
    private decimal[]? _poolHours;
    private ObjectiveWeights? _weights;

    /// <summary>The credentials' ids in ordinal order: the planner's numbering, the same array for every request.</summary>
    public CredentialId[] Ids => _ids ??= [.. Credentials.Select(c => c.Id)];

    /// <summary>Each credential's hours, at least 0 (negative numbers are validation errors, STK004; clamping keeps every
    /// bound valid for the catalog as given). Read only.</summary>
    public decimal[] HoursOf => _hoursOf ??= [.. Credentials.Select(c => Math.Max(0m, c.Hours))];

    /// <summary>Each credential's cost, at least 0. Read only.</summary>
    public decimal[] CostOf => _costOf ??= [.. Credentials.Select(c => Math.Max(0m, c.Cost))];

    /// <summary>Each credential's credits in a pool, at least 0 (before a learner's substitutions). Read only.</summary>
    public decimal[] PoolCredits => _poolCredits ??= [.. Credentials.Select(c => Math.Max(0m, c.Credits))];

    /// <summary>Each credential's hours in a pool, at least 0 (before a learner's substitutions). Read only.</summary>
    public decimal[] PoolHours => _poolHours ??= [.. Credentials.Select(c => Math.Max(0m, c.Hours))];

    /// <summary>Each credential's value under an objective (of <see cref="HoursOf"/> and <see cref="CostOf"/>). The last
    /// objective's array is kept, so requests with one objective share it. Read only.</summary>
    public decimal[] WeightsOf(PlanObjective objective)
    {
        // The same weights to the digit (equal values of equal scale): then every product is the same decimal, trailing
        // zeros included, as computing it again would give.
        if (Volatile.Read(ref _weights) is { } known && Same(known.Objective.HoursWeight, objective.HoursWeight) && Same(known.Objective.CostWeight, objective.CostWeight))
        {
            return known.Weights;
        }

        var (hours, cost) = (HoursOf, CostOf);
        var weights = new decimal[Count];
        for (var i = 0; i < Count; i++)
        {
            weights[i] = objective.ValueOf(hours[i], cost[i]);
        }

        Volatile.Write(ref _weights, new ObjectiveWeights(objective, weights));
        return weights;
    }

    private static bool Same(decimal x, decimal y) => x == y && x.Scale == y.Scale;

    private sealed record ObjectiveWeights(PlanObjective Objective, decimal[] Weights);

    public Catalog Catalog { get; }

    public Credential[] Credentials { get; }

    public int Count { get; }

    public Dictionary<CredentialId, int> Index { get; }

    public int[] ClassOf { get; }

    public int[][] ClassMembers { get; }

    /// <summary>Each credential's compiled requirement, or null when it has none.</summary>
    public CompiledNode?[] Requirements { get; }

    public BitSet NewSet() => new(Count);

    /// <summary>Compiles a requirement (of a credential, or a goal) against this catalog.</summary>
    public CompiledNode Compile(Requirement node, string path, bool inShared = false)
    {
        var children = new CompiledNode[node.Children.Length];
        var support = NewSet();
        for (var k = 0; k < children.Length; k++)
        {
            var segment = node.Kind switch
            {
                RequirementKind.AllOf => "allOf",
                RequirementKind.AnyOf => "anyOf",
                _ => "of",
            };
            children[k] = Compile(node.Children[k], $"{path}.{segment}[{k}]", inShared || node.Shared);
            support.UnionWith(children[k].Support);
        }

        var matches = DirectMatches(node);
        if (_extraMatches is not null && matches.Length > 0)
        {
            // A substitution "use Y for X" lets a planned Y count as X (spec §5): Y (and its class) can serve X's nodes.
            var extended = new SortedSet<int>(matches);
            foreach (var m in matches)
            {
                if (_extraMatches.TryGetValue(m, out var extra))
                {
                    extended.UnionWith(extra);
                }
            }

            matches = [.. extended];
        }

        var groups = matches
            .GroupBy(m => ClassOf[m])
            .Select(g => g.ToArray())
            .ToArray();
        if (node is CreditsRequirement or HoursRequirement && groups.Any(g => !Contributes(g, node is HoursRequirement)))
        {
            // A class whose every member adds nothing to the sum is no item of the pool for planning: it can never help
            // to meet the amount, so no plan needs it, and leaving it out of the support keeps it out of the cone and the
            // dependency graph. Without this every degree of a catalog with a "credits from any" pool (degrees carry no
            // credits) was in every such degree's cone, and 347 NEU degrees formed one cycle the bounds went round.
            groups = [.. groups.Where(g => Contributes(g, node is HoursRequirement))];
            matches = [.. groups.SelectMany(g => g).Order()];
        }

        foreach (var m in matches)
        {
            support.Add(m);
        }

        return new CompiledNode(node, path, children, matches, groups, support, inShared);
    }

    /// <summary>Whether a match group (members of one class) can add to a credits (hours) sum: some member has a positive
    /// value, or is a substitute (a substitution lets it count with the substituted credential's value, spec §5).</summary>
    private bool Contributes(int[] group, bool hours)
    {
        foreach (var m in group)
        {
            if ((hours ? Credentials[m].Hours : Credentials[m].Credits) > 0m || (_substitutes?.Contains(m) ?? false))
            {
                return true;
            }
        }

        return false;
    }

    private int[] DirectMatches(Requirement node)
    {
        switch (node)
        {
            case CredentialRequirement leaf:
                return Index.TryGetValue(leaf.Credential, out var q) ? ClassMembers[ClassOf[q]] : [];
            case PoolRequirement pool:
                {
                    var selector = pool.From;
                    var idClasses = ClassesOf(selector.Ids);
                    var exceptClasses = ClassesOf(selector.Except);
                    var result = new List<int>();
                    for (var i = 0; i < Count; i++)
                    {
                        if (SelectorMatches(selector, idClasses, exceptClasses, i))
                        {
                            result.Add(i);
                        }
                    }

                    return [.. result];
                }

            case SkillRequirement skill:
                {
                    var result = new List<int>();
                    for (var i = 0; i < Count; i++)
                    {
                        // A level below 1 is a catalog fault; matching every holder of the skill, or everything, over-approximates safely.
                        if (skill.Level < 1 || Credentials[i].SkillLevel(skill.Skill) >= skill.Level)
                        {
                            result.Add(i);
                        }
                    }

                    return [.. result];
                }

            default:
                return [];
        }
    }

    /// <summary>Spec §3 selector semantics on catalog attributes; a selector that selects by nothing (a validation
    /// error) matches everything, an over-approximation that keeps planning safe.</summary>
    /// <remarks>Ids and exceptions are resolved to class sets once per selector (<see cref="ClassesOf"/>): real degree pools
    /// name thousands of ids, and testing each id per credential made compiling a catalog quadratic.</remarks>
    private bool SelectorMatches(Selector selector, HashSet<int> idClasses, HashSet<int> exceptClasses, int i)
    {
        var c = Credentials[i];
        if (!selector.SelectsBySomething)
        {
            return true;
        }

        if (!selector.Ids.IsEmpty && !idClasses.Contains(ClassOf[i]))
        {
            return false;
        }

        if (selector.Tag is { } tag && !c.HasTag(tag))
        {
            return false;
        }

        if (selector.Kind is { } kind && !string.Equals(kind, c.Kind, StringComparison.Ordinal))
        {
            return false;
        }

        if (selector.Issuer is { } issuer && !string.Equals(issuer, c.Issuer, StringComparison.Ordinal))
        {
            return false;
        }

        if (selector.MinLevel is { } minLevel && (c.Level is not { } level || level < minLevel))
        {
            return false;
        }

        if (selector.Skill is { } skill && !c.Skills.ContainsKey(skill))
        {
            return false;
        }

        return !exceptClasses.Contains(ClassOf[i]);
    }

    /// <summary>The equivalence classes of the catalog credentials among <paramref name="ids"/> (unknown ids match nothing).</summary>
    private HashSet<int> ClassesOf(IEnumerable<CredentialId> ids)
    {
        var classes = new HashSet<int>();
        foreach (var id in ids)
        {
            if (Index.TryGetValue(id, out var j))
            {
                classes.Add(ClassOf[j]);
            }
        }

        return classes;
    }
}
