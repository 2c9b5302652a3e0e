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
    private readonly FrozenDictionary<string, int> _byText;

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

        // Lookups by id text: a frozen dictionary of strings picks a hashing strategy for these keys (lengths,
        // distinguishing characters), several times cheaper than hashing the whole id as a CredentialId.
        _byText = index.ToFrozenDictionary(p => p.Key.Value, p => p.Value, StringComparer.Ordinal);
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

        CreditsOf = [.. Credentials.Select(c => c.Credits)];
        HoursOf = [.. Credentials.Select(c => c.Hours)];
        (WeightScale, CreditsScaled, HoursScaled) = ScaleWeights(CreditsOf, HoursOf);
        _rules = new CompiledRule?[Credentials.Length];
        _ruleCompiled = new bool[Credentials.Length];
    }

    public Catalog Catalog { get; }

    public Credential[] Credentials { get; }

    public FrozenDictionary<CredentialId, int> Index { get; }

    public int[] ClassOf { get; }

    public int[][] ClassMembers { get; }

    public int ClassCount => ClassMembers.Length;

    /// <summary>Gets the credits of each credential by number (the fast path sums them over set bits).</summary>
    public decimal[] CreditsOf { get; }

    /// <summary>Gets the hours of each credential by number.</summary>
    public decimal[] HoursOf { get; }

    /// <summary>Gets the power of ten that makes every credit and hour value an integer (<see cref="CreditsScaled"/>), or 0 when none does within range.</summary>
    public decimal WeightScale { get; }

    /// <summary>Gets the credits times <see cref="WeightScale"/> as integers (non-positive values as 0: they never count), or null.</summary>
    public long[]? CreditsScaled { get; }

    /// <summary>Gets the hours times <see cref="WeightScale"/> as integers, or null.</summary>
    public long[]? HoursScaled { get; }

    /// <summary>Gets the number of a credential, or -1 when the catalog lacks it (the default id, whose text is empty, included).</summary>
    public int IndexOf(CredentialId id) => _byText.TryGetValue(id.Value, out var i) ? i : -1;

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

    /// <summary>Finds the smallest power of ten (up to 10^6) that makes every value an integer, such that the sum of all
    /// of them stays far inside a <see cref="long"/>: then sums over set bits are exact integer sums.</summary>
    private static (decimal Scale, long[]? Credits, long[]? Hours) ScaleWeights(decimal[] credits, decimal[] hours)
    {
        const decimal Limit = 1L << 60;
        for (var (exponent, scale) = (0, 1m); exponent <= 6; exponent++, scale *= 10)
        {
            var total = 0m;
            var fits = true;
            foreach (var v in credits.Concat(hours))
            {
                // Test the range before multiplying: a value near decimal.MaxValue times 10 overflows decimal.
                var positive = Math.Max(0, v);
                if (positive > Limit / scale)
                {
                    fits = false;
                    break;
                }

                var scaled = positive * scale;
                if (scaled != decimal.Truncate(scaled) || (total += scaled) > Limit)
                {
                    fits = false;
                    break;
                }
            }

            if (fits)
            {
                return (scale, [.. credits.Select(v => (long)(Math.Max(0, v) * scale))], [.. hours.Select(v => (long)(Math.Max(0, v) * scale))]);
            }
        }

        return (0, null, null);
    }
}
