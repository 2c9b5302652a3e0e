using System.Collections.Immutable;
using System.Globalization;
using Stacking.Graph;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>The exact earnability codes: STK008 (never earnable), STK006 (earnable only if already held) and STK007 (a cycle an alternative breaks).</summary>
/// <remarks>
/// <para>Eligibility is monotone, and planned credentials count as ideal holdings (spec §8), so the credentials
/// earnable from an empty record with everything the catalog offers are the least fixpoint of "add every credential
/// whose requirement holds given the ones added so far". The fixpoint is computed in rounds over a worklist: after the
/// first pass only credentials whose requirement can use a newly earnable credential (per the dependency index) are
/// checked again.</para>
/// <para>For an unearnable credential on a dependency cycle among unearnable credentials, the fixpoint is recomputed
/// with the credential itself held: if its requirement then holds, every way to satisfy it depends on itself (STK006,
/// reported instead of STK008). Otherwise the requirement is searched top-down for the node that fails (STK008).</para>
/// </remarks>
internal sealed class Earnability
{
    private readonly DependencyIndex _index;
    private readonly IEarnabilityOracle _oracle;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<CredentialId> _earned = [];
    private readonly bool[] _isEarned;
    private readonly List<int> _undetermined = [];

    private Earnability(DependencyIndex index, IEarnabilityOracle oracle, CancellationToken cancellationToken)
    {
        _index = index;
        _oracle = oracle;
        _cancellationToken = cancellationToken;
        _isEarned = new bool[index.Count];
    }

    private ImmutableArray<Credential> Credentials => _index.Matcher.Credentials;

    /// <summary>Runs the analysis and adds its findings.</summary>
    public static void Analyze(DependencyIndex index, IEarnabilityOracle oracle, List<Finding> findings, CancellationToken cancellationToken)
    {
        var analysis = new Earnability(index, oracle, cancellationToken);
        analysis.Run(findings);
    }

    private void Run(List<Finding> findings)
    {
        Fixpoint(_earned, _isEarned, InitialOrder(), _undetermined);
        var unearned = Enumerable.Range(0, _index.Count).Where(v => !_isEarned[v]).ToList();
        var undetermined = new HashSet<int>(_undetermined.Where(v => !_isEarned[v]));
        var inUnearned = new bool[_index.Count];
        foreach (var v in unearned)
        {
            inUnearned[v] = true;
        }

        // Dependency cycles among the unearnable credentials: the only place STK006 can be.
        var (componentOf, _) = GraphAlgorithms.StronglyConnectedComponents(
            _index.Count,
            v => inUnearned[v] ? RawSources(v).Where(w => inUnearned[w]) : []);
        var componentSize = new Dictionary<int, int>();
        foreach (var v in unearned)
        {
            componentSize[componentOf[v]] = componentSize.GetValueOrDefault(componentOf[v]) + 1;
        }

        foreach (var v in unearned.OrderBy(v => Credentials[v].Id))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var credential = Credentials[v];
            if (undetermined.Contains(v))
            {
                findings.Add(new Finding(
                    FindingCodes.EarnabilityUndetermined,
                    Severity.Warning,
                    $"Whether '{credential.Id}' can be earned could not be decided within the eligibility engine's work limit.",
                    credential.Id,
                    RequirementNode.RootPath));
                continue;
            }

            var onCycle = componentSize[componentOf[v]] > 1 || RawSources(v).Contains(v);
            if (onCycle && SelfDependence(v, inUnearned) is { } finding)
            {
                findings.Add(finding);
                continue;
            }

            findings.Add(Unearnable(credential));
        }

        findings.AddRange(BrokenCycles());
    }

    /// <summary>Everything the requirement can use, the credential itself included when an implicit selector matches it.</summary>
    private IEnumerable<int> RawSources(int target)
    {
        foreach (var reference in _index.References[target])
        {
            if (reference.ImplicitSelf)
            {
                yield return target;
            }

            foreach (var source in reference.Sources)
            {
                yield return source;
            }
        }
    }

    private IEnumerable<int> Sources(int target)
    {
        foreach (var reference in _index.References[target])
        {
            foreach (var source in reference.Sources)
            {
                yield return source;
            }
        }
    }

    /// <summary>Orders the credentials so that, without cycles, one pass reaches the fixpoint: prerequisites first.</summary>
    private List<int> InitialOrder()
    {
        var n = _index.Count;
        var remaining = new int[n];
        var dependents = new List<int>[n];
        for (var v = 0; v < n; v++)
        {
            dependents[v] = [];
        }

        // A stamp per source instead of Distinct(): the any-pools of a large catalog name thousands of sources.
        var mark = new int[n];
        for (var v = 0; v < n; v++)
        {
            foreach (var reference in _index.References[v])
            {
                foreach (var source in reference.Sources)
                {
                    // A source without a requirement is earned before any check, so it never delays one.
                    if (source != v && mark[source] != v + 1 && Credentials[source].Requires is not null)
                    {
                        mark[source] = v + 1;
                        remaining[v]++;
                        dependents[source].Add(v);
                    }
                }
            }
        }

        var order = new List<int>(n);
        var queue = new Queue<int>(Enumerable.Range(0, n).Where(v => remaining[v] == 0));

        var placed = new bool[n];
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            placed[v] = true;
            order.Add(v);
            foreach (var w in dependents[v])
            {
                if (--remaining[w] == 0)
                {
                    queue.Enqueue(w);
                }
            }
        }

        order.AddRange(Enumerable.Range(0, n).Where(v => !placed[v]));
        return order;
    }

    /// <summary>Extends <paramref name="earned"/> to the least fixpoint, checking <paramref name="candidates"/> first.</summary>
    private void Fixpoint(HashSet<CredentialId> earned, bool[] isEarned, List<int> candidates, List<int>? undetermined)
    {
        var pending = candidates;
        while (pending.Count > 0)
        {
            var newly = new List<int>();
            foreach (var v in pending)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (isEarned[v])
                {
                    continue;
                }

                var status = Credentials[v].Requires is null ? true : _oracle.Check(Credentials[v].Id, earned);
                if (status == true)
                {
                    // Adding at once is sound (eligibility is monotone) and lets one pass climb a whole chain.
                    isEarned[v] = true;
                    earned.Add(Credentials[v].Id);
                    newly.Add(v);
                }
                else if (status is null)
                {
                    undetermined?.Add(v);
                }
            }

            if (newly.Count == 0)
            {
                break;
            }

            var fresh = new bool[_index.Count];
            foreach (var v in newly)
            {
                fresh[v] = true;
            }

            pending = [];
            for (var v = 0; v < _index.Count; v++)
            {
                if (!isEarned[v] && Sources(v).Any(s => fresh[s]))
                {
                    pending.Add(v);
                }
            }
        }
    }

    /// <summary>STK006: the credential's requirement holds once it is held, and everything that then becomes earnable is.</summary>
    private Finding? SelfDependence(int v, bool[] inUnearned)
    {
        var credential = Credentials[v];
        var earned = new HashSet<CredentialId>(_earned) { credential.Id };
        var isEarned = (bool[])_isEarned.Clone();
        isEarned[v] = true;
        var candidates = Enumerable.Range(0, _index.Count).Where(w => inUnearned[w] && w != v && Sources(w).Contains(v)).ToList();
        Fixpoint(earned, isEarned, candidates, null);
        if (_oracle.Check(credential.Id, earned) != true)
        {
            return null;
        }

        // Name a cycle through the credentials that became earnable only because it is held.
        var cycle = GraphAlgorithms.ShortestCycleThrough(
            v,
            w => RawSources(w).Distinct(),
            w => isEarned[w] && !_isEarned[w]);
        if (cycle is null)
        {
            return new Finding(
                FindingCodes.SelfDependent,
                Severity.Error,
                $"'{credential.Id}' can never be earned from an empty record, but could be if it were already held: every way to satisfy its requirement depends on itself.",
                credential.Id,
                RequirementNode.RootPath);
        }

        var steps = new List<string>();
        string? firstPath = null;
        for (var i = 0; i < cycle.Count; i++)
        {
            var from = cycle[i];
            var to = cycle[(i + 1) % cycle.Count];
            var path = _index.References[from].First(r => r.Uses(to, from)).Path;
            firstPath ??= path;
            steps.Add($"'{Credentials[from].Id}' needs {Named(from, path, to)} ({path})");
        }

        return new Finding(
            FindingCodes.SelfDependent,
            Severity.Error,
            $"'{credential.Id}' can never be earned from an empty record: every way to satisfy its requirement depends on itself. Cycle: {string.Join(", ", steps)}. Give one of these an alternative that does not need the cycle.",
            credential.Id,
            firstPath ?? RequirementNode.RootPath);
    }

    /// <summary>How a step of a cycle names the next credential: <c>'a'</c> when the node at <paramref name="path"/> of
    /// <paramref name="from"/>'s requirement names it, else <c>'a2' (equivalent to 'a')</c> for the equivalent it names, so
    /// that the id a reader looks for is the one written at that path.</summary>
    private string Named(int from, string path, int to)
    {
        var target = Credentials[to].Id;
        var node = Credentials[from].Requires is { } requires
            ? RequirementNode.Walk(requires).FirstOrDefault(n => n.Path == path).Node
            : null;
        IEnumerable<CredentialId> written = node switch
        {
            CredentialRequirement leaf => [leaf.Credential],
            PoolRequirement pool => pool.From.Ids,
            _ => [],
        };
        var ids = written.ToList();
        if (ids.Count == 0 || ids.Contains(target))
        {
            return $"'{target}'";
        }

        var equivalent = ids.FirstOrDefault(id => _index.Matcher.ClassIndices(id).Contains(to));
        return equivalent is { } named && named != default ? $"'{named}' (equivalent to '{target}')" : $"'{target}'";
    }

    /// <summary>STK008: the node whose failure makes the requirement fail, searched top-down.</summary>
    private Finding Unearnable(Credential credential)
    {
        var (path, reason) = FailingNode(credential.Requires!, RequirementNode.RootPath, credential.Requires!.Shared);
        return new Finding(
            FindingCodes.Unearnable,
            Severity.Error,
            $"'{credential.Id}' can never be earned, even from everything the catalog offers: {reason}",
            credential.Id,
            path);
    }

    private bool Holds(Requirement node, bool underShared) =>
        _oracle.CheckGoal(underShared && !node.Shared ? node with { Shared = true } : node, _earned) == true;

    private (string Path, string Reason) FailingNode(Requirement node, string path, bool underShared)
    {
        switch (node)
        {
            case CompositeRequirement composite when composite.Children.Length > 0:
                var member = RequirementNode.MemberName(node.Kind);
                var needed = node switch
                {
                    AllOfRequirement => composite.Children.Length,
                    AnyOfRequirement => 1,
                    AtLeastRequirement atLeast => Math.Clamp(atLeast.Count, 1, composite.Children.Length),
                    _ => composite.Children.Length,
                };
                var failing = new List<int>();
                for (var i = 0; i < composite.Children.Length; i++)
                {
                    if (!Holds(composite.Children[i], underShared || composite.Children[i].Shared))
                    {
                        failing.Add(i);
                    }
                }

                var satisfiable = composite.Children.Length - failing.Count;
                if (needed == composite.Children.Length && failing.Count > 0)
                {
                    var child = composite.Children[failing[0]];
                    return FailingNode(child, RequirementNode.ChildPath(path, member, failing[0]), underShared || child.Shared);
                }

                if (satisfiable < needed)
                {
                    return (path, $"only {satisfiable} of the {composite.Children.Length} requirements of this node can be met, and {needed} are needed.");
                }

                return (path, $"each of its requirements can be met, but not {(needed == composite.Children.Length ? "all" : needed.ToString(CultureInfo.InvariantCulture))} at once: they compete for the same credentials, and one credential counts once (spec §6). Mark a node \"shared\" or offer more credentials.");
            case CredentialRequirement leaf:
                return (path, _index.Matcher.IndexOf(leaf.Credential) < 0
                    ? $"it needs '{leaf.Credential}', which is not in the catalog."
                    : $"it needs '{leaf.Credential}' (or an equivalent), which can never be earned.");
            case PoolRequirement pool:
                // Reached only as the root or as a child that fails alone (above), so the pool is short on its own:
                // the shortfall is stated as a fact, whatever its siblings take. Spec §5: equivalent credentials are one item, counted once with the largest value among them.
                var items = _index.Matcher.MatchIndices(pool.From).Where(i => _isEarned[i]).Select(i => Credentials[i])
                    .GroupBy(c => _index.Matcher.ClassIndices(c.Id).Min())
                    .Select(g => (Credits: g.Max(c => c.Credits), Hours: g.Max(c => c.Hours)))
                    .ToList();
                return (path, pool switch
                {
                    CountRequirement count => $"it needs {count.Count} distinct items matching the selector (equivalent credentials are one item), and only {items.Count} that match can be earned.",
                    CreditsRequirement credits => $"it needs {Num(credits.Credits)} credits from credentials matching the selector, and the earnable ones that match add up to {Num(items.Sum(c => c.Credits))}.",
                    HoursRequirement hours => $"it needs {Num(hours.Hours)} hours from credentials matching the selector, and the earnable ones that match add up to {Num(items.Sum(c => c.Hours))}.",
                    _ => "its pool cannot be filled.",
                });
            case SkillRequirement skill:
                return (path, $"no credential that can be earned shows the skill '{skill.Skill}' at level {skill.Level} or above.");
            default:
                return (path, "this node can never be met.");
        }
    }

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>STK007: cycles of explicit references among earnable credentials (so some alternative breaks them).</summary>
    private IEnumerable<Finding> BrokenCycles()
    {
        // Only credentials with a requirement have explicit references, so only they can be on a cycle.
        IEnumerable<int> ExplicitSources(int v) =>
            _isEarned[v]
                ? _index.References[v].Where(r => r.IsExplicit).SelectMany(r => r.Sources).Where(w => _isEarned[w] && Credentials[w].Requires is not null).Distinct()
                : [];

        var (componentOf, count) = GraphAlgorithms.StronglyConnectedComponents(_index.Count, ExplicitSources);
        var members = new List<int>[count];
        for (var c = 0; c < count; c++)
        {
            members[c] = [];
        }

        for (var v = 0; v < _index.Count; v++)
        {
            members[componentOf[v]].Add(v);
        }

        var findings = new List<Finding>();
        foreach (var component in members.Where(m => m.Count > 0))
        {
            var first = component.OrderBy(v => Credentials[v].Id).First();
            if (!_isEarned[first] || (component.Count == 1 && !ExplicitSources(first).Contains(first)))
            {
                continue;
            }

            var inComponent = component.ToHashSet();
            var cycle = GraphAlgorithms.ShortestCycleThrough(first, ExplicitSources, inComponent.Contains) ?? [first];
            var steps = new List<string>();
            string? firstPath = null;
            for (var i = 0; i < cycle.Count; i++)
            {
                var from = cycle[i];
                var to = cycle[(i + 1) % cycle.Count];
                var path = _index.References[from].First(r => r.IsExplicit && ImmutableArray.BinarySearch(r.Sources, to) >= 0).Path;
                firstPath ??= path;
                steps.Add($"'{Credentials[from].Id}' names {Named(from, path, to)} ({path})");
            }

            findings.Add(new Finding(
                FindingCodes.BrokenCycle,
                Severity.Warning,
                $"A cycle of explicit references, broken by an alternative (every credential on it can be earned): {string.Join(", ", steps)}.",
                Credentials[first].Id,
                firstPath ?? RequirementNode.RootPath));
        }

        return findings.OrderBy(f => f.Credential);
    }
}
