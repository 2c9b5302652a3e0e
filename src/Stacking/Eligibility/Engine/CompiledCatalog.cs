using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>The catalog in dense form: credentials numbered, equivalence classes numbered, rules compiled on first use.</summary>
/// <remarks>
/// Immutable after construction except for the rule caches, which are filled idempotently and are safe to race:
/// two threads compiling the same rule build equal programs and either may win.
/// Item keys: class <c>k</c> of the catalog is item key <c>k</c>; a learner's unknown ids get keys from <see cref="ClassCount"/> up.
/// </remarks>
internal sealed class CompiledCatalog
{
    private readonly CompiledRule?[] _rules;
    private readonly bool[] _ruleCompiled;
    private readonly ConditionalWeakTable<Requirement, CompiledRule> _goals = new();

    // Equal selectors share one table: real catalogs repeat the same pool in many alternatives.
    private readonly ConcurrentDictionary<Selector, (bool[] Matches, int[] MatchList)> _selectors = new();

    public CompiledCatalog(Catalog catalog)
    {
        Catalog = catalog;
        var credentials = new List<Credential>();
        var index = new Dictionary<CredentialId, int>();
        foreach (var credential in catalog.Credentials)
        {
            // Where ids repeat the first credential wins, as in Catalog.Find.
            if (index.TryAdd(credential.Id, credentials.Count))
            {
                credentials.Add(credential);
            }
        }

        Credentials = [.. credentials];
        Index = index.ToFrozenDictionary();
        ClassOf = new int[Credentials.Length];
        var classes = catalog.EquivalenceClasses();
        ClassMembers = new int[classes.Length][];
        for (var k = 0; k < classes.Length; k++)
        {
            var members = new int[classes[k].Length];
            for (var j = 0; j < members.Length; j++)
            {
                members[j] = index[classes[k][j]];
                ClassOf[members[j]] = k;
            }

            ClassMembers[k] = members;
        }

        _rules = new CompiledRule?[Credentials.Length];
        _ruleCompiled = new bool[Credentials.Length];
    }

    public Catalog Catalog { get; }

    public Credential[] Credentials { get; }

    public FrozenDictionary<CredentialId, int> Index { get; }

    public int[] ClassOf { get; }

    public int[][] ClassMembers { get; }

    public int ClassCount => ClassMembers.Length;

    public int IndexOf(CredentialId id) => Index.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Gets the compiled requirement of a credential, or null when it has none.</summary>
    public CompiledRule? RuleOf(int credential)
    {
        if (Volatile.Read(ref _ruleCompiled[credential]))
        {
            return Volatile.Read(ref _rules[credential]);
        }

        var requires = Credentials[credential].Requires;
        var rule = requires is null ? null : new CompiledRule(this, requires, "requires");
        Volatile.Write(ref _rules[credential], rule);
        Volatile.Write(ref _ruleCompiled[credential], true);
        return rule;
    }

    /// <summary>Gets which credentials a selector matches, computed once per distinct selector.</summary>
    public (bool[] Matches, int[] MatchList) SelectorTable(Selector selector) =>
        _selectors.GetOrAdd(selector, static (s, catalog) => CompiledRule.CompileSelector(catalog, s), this);

    /// <summary>Gets the compiled form of a goal, cached by reference so that repeated checks of one goal compile it once.</summary>
    public CompiledRule RuleFor(Requirement goal) => _goals.GetValue(goal, g => new CompiledRule(this, g, "goal"));
}
