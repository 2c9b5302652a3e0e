using System.Collections.Immutable;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Graph;

/// <summary>Which credentials every requirement node can use, by dense credential number: the raw form of the graph.</summary>
/// <remarks>
/// <para>Computed once per catalog and shared by <see cref="StackingGraph"/> and validation. A credential leaf can
/// use every member of its equivalence class; a pool every credential its selector matches that can add to it
/// (a <c>credits</c> or <c>hours</c> pool only credentials with credits or hours above 0); a skill node every
/// credential that shows the skill at the level asked.</para>
/// <para>A credential's own requirement never uses the credential through an implicit selector (tag, kind, issuer,
/// level, skill, any), since earning it cannot wait for itself; explicit references (leaves, selector <c>ids</c>)
/// to itself are kept, as they are faults worth seeing (STK006).</para>
/// </remarks>
internal sealed class DependencyIndex
{
    private readonly Dictionary<(Selector, RequirementKind), ImmutableArray<int>> _poolMemo = [];
    private readonly Dictionary<(SkillId, int), ImmutableArray<int>> _skillMemo = [];

    private DependencyIndex(SelectorMatcher matcher)
    {
        Matcher = matcher;
        var references = new ImmutableArray<Reference>[matcher.Credentials.Length];
        for (var target = 0; target < references.Length; target++)
        {
            references[target] = Collect(target);
        }

        References = ImmutableArray.Create(references);
    }

    /// <summary>Gets the matcher, which also numbers the credentials.</summary>
    public SelectorMatcher Matcher { get; }

    /// <summary>Gets, per credential number, the nodes of its requirement that use credentials.</summary>
    public ImmutableArray<ImmutableArray<Reference>> References { get; }

    /// <summary>Gets the number of credentials.</summary>
    public int Count => References.Length;

    /// <summary>Builds the index of a catalog.</summary>
    public static DependencyIndex Build(Catalog catalog) => new(new SelectorMatcher(catalog));

    /// <summary>Builds the index over an existing matcher.</summary>
    public static DependencyIndex Build(SelectorMatcher matcher) => new(matcher);

    private ImmutableArray<Reference> Collect(int target)
    {
        var credential = Matcher.Credentials[target];
        if (credential.Requires is null)
        {
            return ImmutableArray<Reference>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<Reference>();
        foreach (var visit in RequirementNode.Walk(credential.Requires))
        {
            switch (visit.Node)
            {
                case CredentialRequirement leaf:
                    result.Add(new Reference(
                        visit.UnderAlternative ? DependencyUsage.Alternative : DependencyUsage.Required,
                        visit.Path,
                        Matcher.ClassIndices(leaf.Credential),
                        true,
                        false));
                    break;
                case PoolRequirement pool:
                    var isExplicit = !pool.From.Ids.IsEmpty;
                    var members = PoolMembers(pool);
                    result.Add(new Reference(DependencyUsage.PoolMember, visit.Path, isExplicit ? members : Without(members, target), isExplicit, !isExplicit && Has(members, target)));
                    break;
                case SkillRequirement skill:
                    var sources = SkillSources(skill);
                    result.Add(new Reference(DependencyUsage.SkillSource, visit.Path, Without(sources, target), false, Has(sources, target)));
                    break;
                default:
                    break;
            }
        }

        return result.ToImmutable();
    }

    private static bool Has(ImmutableArray<int> sorted, int index) => ImmutableArray.BinarySearch(sorted, index) >= 0;

    private static ImmutableArray<int> Without(ImmutableArray<int> sorted, int index)
    {
        var at = ImmutableArray.BinarySearch(sorted, index);
        return at < 0 ? sorted : sorted.RemoveAt(at);
    }

    private ImmutableArray<int> PoolMembers(PoolRequirement pool)
    {
        var key = (pool.From, pool.Kind);
        if (_poolMemo.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var matches = Matcher.MatchIndices(pool.From);
        var members = pool.Kind switch
        {
            RequirementKind.Credits => matches.RemoveAll(i => Matcher.Credentials[i].Credits <= 0),
            RequirementKind.Hours => matches.RemoveAll(i => Matcher.Credentials[i].Hours <= 0),
            _ => matches,
        };
        _poolMemo[key] = members;
        return members;
    }

    private ImmutableArray<int> SkillSources(SkillRequirement skill)
    {
        var key = (skill.Skill, skill.Level);
        if (_skillMemo.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < Matcher.Credentials.Length; i++)
        {
            var level = Matcher.Credentials[i].SkillLevel(skill.Skill);
            if (level >= 1 && level >= skill.Level)
            {
                result.Add(i);
            }
        }

        var sources = result.ToImmutable();
        _skillMemo[key] = sources;
        return sources;
    }

    /// <summary>One requirement node that uses credentials.</summary>
    /// <param name="Usage">How it uses them.</param>
    /// <param name="Path">The node path.</param>
    /// <param name="Sources">The credential numbers it can use, ascending.</param>
    /// <param name="IsExplicit">Whether the node names them (a credential leaf or a selector with <c>ids</c>).</param>
    /// <param name="ImplicitSelf">Whether an implicit selector or skill node also matches the credential itself, left out of <paramref name="Sources"/>.</param>
    internal readonly record struct Reference(DependencyUsage Usage, string Path, ImmutableArray<int> Sources, bool IsExplicit, bool ImplicitSelf)
    {
        /// <summary>Gets a value indicating whether the node can use a credential, counting an implicit match of its own credential.</summary>
        public bool Uses(int source, int owner) => ImmutableArray.BinarySearch(Sources, source) >= 0 || (ImplicitSelf && source == owner);
    }
}
