using System.Numerics;
using System.Runtime.CompilerServices;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>The compiled fast form of a <see cref="CompiledRule"/>: a flat program of bit tests, popcounts and sums over
/// set bits, plus what is known once per rule about which consuming nodes can compete for an item.</summary>
/// <remarks>
/// <para><b>Why it is exact.</b> Every consuming node satisfied alone is necessary (spec §6), so the tree evaluated with
/// each node alone is an upper bound: when it is false the answer is "not eligible". When it is true, a selection of
/// satisfied children exists; two non-shared consuming nodes can both be in it only when their lowest common ancestor
/// needs two or more children (an <c>anyOf</c> takes one). Such a pair is <i>contested</i> when some equivalence class
/// holds credentials both can match. If the learner holds (or plans) nothing in any contested pair's classes, no item
/// can serve two selected nodes and the upper bound is the answer. Otherwise, when every contested node is a count or
/// credential node that every selection includes (only <c>allOf</c> above it), the answer is a bipartite b-matching of
/// items to those nodes; anything else (credits or hours that compete, contested nodes under a choice) is left to the
/// general engine.</para>
/// <para>The learner must have no substitution or node waiver for the checked rule (the caller falls back otherwise):
/// then an item is an equivalence class, it matches a node when one of its held or planned credentials is in the node's
/// mask and meets the qualifiers (planned ones always do), and its value is the largest among those.</para>
/// <para>Immutable; evaluation uses per-thread scratch buffers and allocates nothing once they have grown.</para>
/// </remarks>
internal sealed class FastRule
{
    private readonly CompiledCatalog _catalog;
    private readonly int _words;
    private readonly Code[] _codes;
    private readonly int[] _childList;
    private readonly ulong[] _masks;
    private readonly MaskWord[] _sparse;
    private readonly bool _shallow;
    private readonly decimal[] _amount;
    private readonly decimal?[] _minScore;
    private readonly Period?[] _within;
    private readonly ulong[]? _contestedUnion;
    private readonly int[] _contested;
    private readonly bool _matchable;

    [ThreadStatic]
    private static Scratch? t_scratch;

    public FastRule(CompiledCatalog catalog, CompiledRule rule)
    {
        _catalog = catalog;
        var nodes = rule.Nodes;
        var count = nodes.Length;
        _words = PlannedSet.WordsFor(catalog.Credentials.Length);
        _codes = new Code[count];
        _amount = new decimal[count];
        _minScore = new decimal?[count];
        _within = new Period?[count];
        var masks = new List<ulong>();
        var sparse = new List<MaskWord>();
        var children = new List<int>();
        for (var n = 0; n < count; n++)
        {
            var node = nodes[n];
            ref var code = ref _codes[n];
            code.Need = node.Need;
            code.Mask = -1;
            code.Children = children.Count;
            code.ChildCount = node.Children.Length;
            children.AddRange(node.Children);
            code.Depth = node.Parent < 0 ? 0 : _codes[node.Parent].Depth + 1;
            if (node.IsConsuming || node.Kind == RequirementKind.Skill)
            {
                var mask = new ulong[_words];
                IEnumerable<int> members = node.Kind == RequirementKind.Credential
                    ? node.Class >= 0 ? catalog.ClassMembers[node.Class] : []
                    : node.MatchList!;
                foreach (var member in members)
                {
                    mask[member >> 6] |= 1UL << (member & 63);
                }

                code.Mask = masks.Count;
                masks.AddRange(mask);
                code.Dedupe = TouchesAClassTwice(catalog, mask);

                // The same mask without its zero words: the specialised leaf tests read only these.
                code.Sparse = sparse.Count;
                for (var w = 0; w < mask.Length; w++)
                {
                    if (mask[w] != 0)
                    {
                        sparse.Add(new MaskWord(w, mask[w]));
                    }
                }

                code.SparseCount = sparse.Count - code.Sparse;
            }

            if (node.Kind == RequirementKind.Skill)
            {
                code.Op = Op.Any;
            }
            else if (node.IsConsuming)
            {
                _amount[n] = node.Amount;
                _minScore[n] = node.MinScore;
                _within[n] = node.Within;
                code.Qualified = node.MinScore is not null || node.Within is not null;
                code.Hours = node.IsHours;
                code.Op = LeafOp(catalog, node, code);
                if (node.IsAmount)
                {
                    // Sums are integral in the scaled unit, so "sum ≥ amount" is "sum ≥ ⌈amount × scale⌉".
                    // The range is tested before multiplying: an amount near decimal.MaxValue times the scale overflows decimal.
                    const decimal Saturated = 1L << 62;
                    code.Amount = catalog.WeightScale > 0 && node.Amount >= Saturated / catalog.WeightScale
                        ? long.MaxValue
                        : (long)decimal.Ceiling(node.Amount * catalog.WeightScale);
                }

                if (node.IsAmount ? node.Amount <= 0 : node.Need <= 0)
                {
                    code.Op = Op.True;
                }
            }
            else
            {
                code.Op = Op.Composite;
            }
        }

        _masks = [.. masks];
        _sparse = [.. sparse];
        _childList = [.. children];
        var deepest = 0;
        foreach (ref readonly var code in _codes.AsSpan())
        {
            deepest = Math.Max(deepest, code.Depth);
        }

        // The short-circuit evaluation recurses once per level; a deeper tree keeps the iterative backward pass.
        _shallow = deepest <= MaxRecursionDepth;
        if (_shallow)
        {
            OrderChildren();
        }

        (_contestedUnion, _contested, _matchable) = Contest(catalog, rule);
    }

    /// <summary>The deepest tree (root at depth 0) evaluated by the recursive short-circuit; deeper ones use the backward pass.</summary>
    internal const int MaxRecursionDepth = 48;

    /// <summary>Which way a fast evaluation went.</summary>
    public enum FastRoute
    {
        /// <summary>The tree with every node alone is false: not eligible.</summary>
        Bound,

        /// <summary>No two nodes a selection can take together match one class: the tree is the answer.</summary>
        Disjoint,

        /// <summary>Nodes could compete, but this learner holds nothing they could compete for.</summary>
        Uncontested,

        /// <summary>Competing count and credential nodes, decided by bipartite matching.</summary>
        Matched,

        /// <summary>Not decided: the general engine must (competing credits or hours, or a choice above competing nodes).</summary>
        General,
    }

    /// <summary>The instruction of one node; the leaf tests are listed cheapest first (children are tried in that order).</summary>
    internal enum Op : byte
    {
        /// <summary>Always satisfied (a need or amount of zero or less).</summary>
        True,

        /// <summary>Some credential of the mask is had: a skill, a credential node, a count needing one (no qualifier).</summary>
        Any,

        /// <summary>A count without qualifier over a pool touching each equivalence class once: a popcount.</summary>
        PopCount,

        /// <summary>Credits or hours without qualifier over a pool touching each class once, integral weights: a sum over the set bits.</summary>
        Sum,

        /// <summary>A composite: its children counted against its need, stopping as soon as the outcome is known.</summary>
        Composite,

        /// <summary>A count or credential node with qualifiers or a class met twice: the walk of <c>Alone</c>.</summary>
        Count,

        /// <summary>Credits or hours with qualifiers, a class met twice, or non-integral weights: the walk of <c>Alone</c>.</summary>
        Amount,
    }

    /// <summary>Gets a value indicating whether some pair of consuming nodes can compete for an item (else the flat program is always the answer).</summary>
    public bool HasContest => _contestedUnion is not null;

    /// <summary>Gets a value indicating whether contested nodes, when the learner makes them compete, are decided by matching rather than the general engine.</summary>
    public bool Matchable => _matchable;

    /// <summary>Decides the rule for a simple learner, or says it cannot (then the general engine must).</summary>
    /// <param name="learner">The learner's bits; <see cref="LearnerBits.Simple"/> must be true and no node of this rule waived.</param>
    /// <param name="planned">Planned credentials as bits over the credential numbers (may be shorter or longer than the catalog's words).</param>
    /// <param name="status">The answer, when decided.</param>
    /// <returns>True when decided.</returns>
    public bool TryEvaluate(LearnerBits learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status) =>
        TryEvaluate(learner.Held, learner, planned, out status, out _);

    /// <summary>As <see cref="TryEvaluate(LearnerBits, ReadOnlySpan{ulong}, out EligibilityStatus)"/>, the held bits passed
    /// directly: <paramref name="learner"/> itself is read only by qualified nodes and matching.</summary>
    /// <param name="held">The learner's held bits (<see cref="LearnerBits.Held"/>).</param>
    /// <param name="learner">The learner's bits.</param>
    /// <param name="planned">Planned credentials as bits.</param>
    /// <param name="status">The answer, when decided.</param>
    /// <returns>True when decided.</returns>
    public bool TryEvaluate(ReadOnlySpan<ulong> held, LearnerBits learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status) =>
        TryEvaluate(held, learner, planned, out status, out _);

    /// <summary>As <see cref="TryEvaluate(LearnerBits, ReadOnlySpan{ulong}, out EligibilityStatus)"/>, saying which way it went (tests count the ways).</summary>
    public bool TryEvaluate(LearnerBits learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status, out FastRoute route) =>
        TryEvaluate(learner.Held, learner, planned, out status, out route);

    private bool TryEvaluate(ReadOnlySpan<ulong> held, LearnerBits learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status, out FastRoute route)
    {
        // Invariant relied on by every leaf test: have spans exactly the catalog's words (the learner's bits were made
        // for this catalog, and a union with planned bits is cut to the same length).
        var have = planned.IsEmpty ? held : Have(held, planned);
        var satisfied = _shallow ? Eval(0, have, learner, planned) : Backward(have, learner, planned);
        if (!satisfied)
        {
            status = EligibilityStatus.NotEligible;
            route = FastRoute.Bound;
            return true;
        }

        if (_contestedUnion is null || !AnySet(have, _contestedUnion))
        {
            status = EligibilityStatus.Eligible;
            route = _contestedUnion is null ? FastRoute.Disjoint : FastRoute.Uncontested;
            return true;
        }

        if (_matchable)
        {
            status = Match(have, learner, planned, GetScratch()) ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible;
            route = FastRoute.Matched;
            return true;
        }

        status = EligibilityStatus.Undetermined;
        route = FastRoute.General;
        return false;
    }

    /// <summary>Gets which instructions the program uses (tests check that each specialised leaf test is exercised).</summary>
    internal IEnumerable<Op> Ops => _codes.Select(c => c.Op).Distinct();

    /// <summary>Gets a value indicating whether the rule is evaluated by the recursive short-circuit (else by the backward pass).</summary>
    internal bool Shallow => _shallow;

    private static Op LeafOp(CompiledCatalog catalog, CompiledNode node, in Code code)
    {
        if (node.IsAmount)
        {
            // Integral weights (the scaled tables exist) and no class met twice: the value of an item is its one credential's.
            return !code.Qualified && !code.Dedupe && catalog.CreditsScaled is not null ? Op.Sum : Op.Amount;
        }

        if (code.Qualified)
        {
            return Op.Count;
        }

        // One distinct class matched exactly when one credential is: a need of one is a bit test even when classes repeat.
        return node.Need <= 1 ? Op.Any : code.Dedupe ? Op.Count : Op.PopCount;
    }

    /// <summary>Orders each composite's children cheapest test first (a stable sort on the op): the outcome of a
    /// composite does not depend on the order its children are tried in, and the cheap tests often settle it.</summary>
    private void OrderChildren()
    {
        for (var n = 0; n < _codes.Length; n++)
        {
            var run = _childList.AsSpan(_codes[n].Children, _codes[n].ChildCount);
            if (run.Length > 1)
            {
                var ordered = run.ToArray().OrderBy(c => Rank(_codes[c])).ThenBy(c => c).ToArray();
                ordered.CopyTo(run);
            }
        }

        static int Rank(in Code code) => (int)code.Op;
    }

    /// <summary>The value of node <paramref name="n"/> with every consuming node alone: the leaf tests inline, a composite by <see cref="Composite"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Eval(int n, ReadOnlySpan<ulong> have, LearnerBits learner, ReadOnlySpan<ulong> planned)
    {
        ref readonly var code = ref _codes[n];
        switch (code.Op)
        {
            case Op.True:
                return true;
            case Op.Any:
                return Any(have, _sparse.AsSpan(code.Sparse, code.SparseCount));
            case Op.PopCount:
                return PopCountAtLeast(have, _sparse.AsSpan(code.Sparse, code.SparseCount), code.Need);
            case Op.Sum:
                return SumAtLeast(have, _sparse.AsSpan(code.Sparse, code.SparseCount), code.Hours ? _catalog.HoursScaled! : _catalog.CreditsScaled!, code.Amount);
            case Op.Composite:
                return Composite(code, have, learner, planned);
            default:
                return Alone(n, code, have, learner, planned);
        }
    }

    /// <summary>A composite's children counted against its need, stopping at the first child that settles it (enough
    /// true, or too few left to be enough).</summary>
    private bool Composite(in Code code, ReadOnlySpan<ulong> have, LearnerBits learner, ReadOnlySpan<ulong> planned)
    {
        var need = code.Need;
        if (need <= 0)
        {
            return true;
        }

        // Loop invariant: need ≥ 1 of the `left` children not yet tried must still be true.
        var left = code.ChildCount;
        for (var k = code.Children; left >= need; k++)
        {
            left--;
            if (Eval(_childList[k], have, learner, planned) && --need == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the root with every consuming node alone, iteratively: children follow their parent in
    /// preorder, so a backward pass sees every child before its parent. For trees too deep to recurse over.</summary>
    private bool Backward(ReadOnlySpan<ulong> have, LearnerBits learner, ReadOnlySpan<ulong> planned)
    {
        var values = GetScratch().Status;
        var codes = _codes;
        for (var n = codes.Length - 1; n >= 0; n--)
        {
            ref readonly var code = ref codes[n];
            bool value;
            if (code.Op == Op.Composite)
            {
                var trues = 0;
                var end = code.Children + code.ChildCount;
                for (var k = code.Children; k < end; k++)
                {
                    trues += values[_childList[k]] ? 1 : 0;
                }

                value = trues >= code.Need;
            }
            else
            {
                value = Eval(n, have, learner, planned);
            }

            values[n] = value;
        }

        return values[0];
    }

    private Scratch GetScratch()
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Ensure(_catalog.ClassCount, _codes.Length, _words);
        return scratch;
    }

    private static bool Bit(ReadOnlySpan<ulong> bits, int i) => (uint)(i >> 6) < (uint)bits.Length && (bits[i >> 6] & (1UL << (i & 63))) != 0;

    /// <summary>Gets held ∪ planned: the held bits themselves when nothing is planned, else their union in scratch.</summary>
    private ReadOnlySpan<ulong> Have(ReadOnlySpan<ulong> held, ReadOnlySpan<ulong> planned)
    {
        var words = Math.Min(planned.Length, _words);
        var w = 0;
        while (w < words && planned[w] == 0)
        {
            w++;
        }

        if (w == words)
        {
            return held;
        }

        var have = GetScratch().Have.AsSpan(0, _words);
        held.CopyTo(have);
        for (; w < words; w++)
        {
            have[w] |= planned[w];
        }

        return have;
    }

    private static bool AnySet(ReadOnlySpan<ulong> have, ReadOnlySpan<ulong> mask)
    {
        for (var w = 0; w < mask.Length; w++)
        {
            if ((have[w] & mask[w]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Any(ReadOnlySpan<ulong> have, ReadOnlySpan<MaskWord> mask)
    {
        foreach (var word in mask)
        {
            if ((have[word.Word] & word.Bits) != 0)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PopCountAtLeast(ReadOnlySpan<ulong> have, ReadOnlySpan<MaskWord> mask, int need)
    {
        var count = 0;
        foreach (var word in mask)
        {
            count += BitOperations.PopCount(have[word.Word] & word.Bits);
        }

        return count >= need;
    }

    /// <summary>Sums the scaled weights of the had credentials of the mask, stopping once the amount is reached
    /// (weights are never negative: non-positive values are stored as 0).</summary>
    private static bool SumAtLeast(ReadOnlySpan<ulong> have, ReadOnlySpan<MaskWord> mask, long[] scaled, long amount)
    {
        var sum = 0L;
        foreach (var word in mask)
        {
            var offset = word.Word << 6;
            for (var bits = have[word.Word] & word.Bits; bits != 0; bits &= bits - 1)
            {
                sum += scaled[offset + BitOperations.TrailingZeroCount(bits)];
            }

            if (sum >= amount)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TouchesAClassTwice(CompiledCatalog catalog, ulong[] mask)
    {
        for (var w = 0; w < mask.Length; w++)
        {
            for (var bits = mask[w]; bits != 0; bits &= bits - 1)
            {
                var c = (w << 6) + BitOperations.TrailingZeroCount(bits);
                foreach (var member in catalog.ClassMembers[catalog.ClassOf[c]])
                {
                    if (member != c && Bit(mask, member))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Finds the contested pairs: non-shared consuming nodes that a selection can take together (their lowest
    /// common ancestor needs two children or more) and that can match credentials of one class.</summary>
    private static (ulong[]? Union, int[] Contested, bool Matchable) Contest(CompiledCatalog catalog, CompiledRule rule)
    {
        var nodes = rule.Nodes;
        var words = PlannedSet.WordsFor(catalog.Credentials.Length);
        var consuming = new List<int>();
        var closures = new List<ulong[]>();
        foreach (var n in rule.Leaves)
        {
            var node = nodes[n];
            if (node.InShared || (node.IsAmount ? node.Amount <= 0 : node.Need <= 0))
            {
                continue;
            }

            // The classes the node can match, as all their members: two nodes meet exactly where these overlap.
            var closure = new ulong[words];
            IEnumerable<int> members = node.Kind == RequirementKind.Credential
                ? node.Class >= 0 ? catalog.ClassMembers[node.Class] : []
                : node.MatchList!;
            foreach (var m in members)
            {
                foreach (var member in catalog.ClassMembers[catalog.ClassOf[m]])
                {
                    closure[member >> 6] |= 1UL << (member & 63);
                }
            }

            consuming.Add(n);
            closures.Add(closure);
        }

        ulong[]? union = null;
        var contested = new SortedSet<int>();
        for (var i = 0; i < consuming.Count; i++)
        {
            for (var j = i + 1; j < consuming.Count; j++)
            {
                if (nodes[Ancestor(nodes, consuming[i], consuming[j])].Need < 2)
                {
                    continue;
                }

                var meet = false;
                for (var w = 0; w < words; w++)
                {
                    var both = closures[i][w] & closures[j][w];
                    if (both != 0)
                    {
                        meet = true;
                        union ??= new ulong[words];
                        union[w] |= both;
                    }
                }

                if (meet)
                {
                    contested.Add(consuming[i]);
                    contested.Add(consuming[j]);
                }
            }
        }

        var matchable = true;
        foreach (var n in contested)
        {
            matchable &= !nodes[n].IsAmount && IsForced(nodes, n);
        }

        return (union, [.. contested], matchable);
    }

    private static int Ancestor(CompiledNode[] nodes, int a, int b)
    {
        // Preorder: an ancestor has a smaller index and its subtree's End covers the descendant.
        var x = nodes[a].Parent;
        while (x >= 0 && !(x < b && b < nodes[x].End))
        {
            x = nodes[x].Parent;
        }

        return x < 0 ? 0 : x;
    }

    /// <summary>Gets whether every selection that satisfies the root includes the node: every ancestor needs all its children.</summary>
    private static bool IsForced(CompiledNode[] nodes, int n)
    {
        for (var x = nodes[n].Parent; x >= 0; x = nodes[x].Parent)
        {
            if (nodes[x].Need < nodes[x].Children.Length)
            {
                return false;
            }
        }

        return true;
    }

    private DateOnly Cutoff(int n, DateOnly asOf) => _within[n] is { } within ? within.SubtractFrom(asOf) : DateOnly.MinValue;

    /// <summary>Decides a count, credential, credits or hours node alone: distinct items (classes) that match and qualify.</summary>
    private bool Alone(int n, in Code code, ReadOnlySpan<ulong> have, LearnerBits learner, ReadOnlySpan<ulong> planned)
    {
        var scratch = code.Dedupe ? GetScratch() : null!;
        var mask = _masks.AsSpan(code.Mask, _words);
        var qualified = code.Qualified;
        var dedupe = code.Dedupe;
        var cutoff = qualified ? Cutoff(n, learner.AsOf) : DateOnly.MinValue;
        var minScore = _minScore[n];
        var generation = dedupe ? scratch.NextGeneration() : 0;
        var classOf = _catalog.ClassOf;
        var isAmount = code.Op == Op.Amount;
        var scaled = isAmount ? (code.Hours ? _catalog.HoursScaled : _catalog.CreditsScaled) : null;
        var exact = isAmount ? (code.Hours ? _catalog.HoursOf : _catalog.CreditsOf) : null;
        var need = code.Need;
        var count = 0;
        var sum = 0L;
        var sumExact = 0m;
        for (var w = 0; w < mask.Length; w++)
        {
            for (var bits = have[w] & mask[w]; bits != 0; bits &= bits - 1)
            {
                var c = (w << 6) + BitOperations.TrailingZeroCount(bits);
                if (qualified && !Bit(planned, c) && !learner.Qualifies(c, minScore, cutoff))
                {
                    continue;
                }

                if (!isAmount)
                {
                    if (dedupe)
                    {
                        var k = classOf[c];
                        if (scratch.ClassStamp[k] == generation)
                        {
                            continue;
                        }

                        scratch.ClassStamp[k] = generation;
                    }

                    if (++count >= need)
                    {
                        return true;
                    }

                    continue;
                }

                if (scaled is not null)
                {
                    // An item worth nothing never helps (scaled weights hold those as 0); an item's value is the largest
                    // among its matching credentials.
                    var value = scaled[c];
                    if (value <= 0)
                    {
                        continue;
                    }

                    sum += dedupe ? ClassGain(value, classOf[c], scratch.ClassStamp, scratch.ClassScaled, generation) : value;
                    if (sum >= code.Amount)
                    {
                        return true;
                    }
                }
                else
                {
                    var value = exact![c];
                    if (value <= 0)
                    {
                        continue;
                    }

                    sumExact += dedupe ? ClassGain(value, classOf[c], scratch.ClassStamp, scratch.ClassValue, generation) : value;
                    if (sumExact >= _amount[n])
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>What an item adds to a pool's sum when the pool counts each class once, with its most valuable member
    /// (spec §5): its value for a class not yet met in this generation, else only its excess over the class's best so far.</summary>
    /// <remarks>Generic so that the scaled (integer) and the exact (decimal) sums share it; the JIT specialises it per type.
    /// The general engine's necessary conditions (free items worth what the pools still need) count items once at
    /// their best value with it too.</remarks>
    internal static T ClassGain<T>(T value, int k, int[] stamps, T[] best, int generation)
        where T : INumber<T>
    {
        if (stamps[k] != generation)
        {
            stamps[k] = generation;
            best[k] = value;
            return value;
        }

        if (value <= best[k])
        {
            return T.Zero;
        }

        var gain = value - best[k];
        best[k] = value;
        return gain;
    }

    /// <summary>Bipartite b-matching of items (classes) to the contested count and credential nodes, all of which every selection includes.</summary>
    private bool Match(ReadOnlySpan<ulong> have, LearnerBits learner, ReadOnlySpan<ulong> planned, Scratch scratch)
    {
        var classOf = _catalog.ClassOf;
        var localGeneration = scratch.NextGeneration();
        var items = 0;
        var total = 0;
        scratch.EnsureCandidates(_contested.Length);
        for (var i = 0; i < _contested.Length; i++)
        {
            var n = _contested[i];
            scratch.CandStart[i] = total;
            var mask = _masks.AsSpan(_codes[n].Mask, _words);
            var qualified = _codes[n].Qualified;
            var cutoff = qualified ? Cutoff(n, learner.AsOf) : DateOnly.MinValue;
            var nodeGeneration = scratch.NextGeneration();
            for (var w = 0; w < mask.Length; w++)
            {
                for (var bits = have[w] & mask[w]; bits != 0; bits &= bits - 1)
                {
                    var c = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    if (qualified && !Bit(planned, c) && !learner.Qualifies(c, _minScore[n], cutoff))
                    {
                        continue;
                    }

                    var k = classOf[c];
                    if (scratch.ClassStamp[k] == nodeGeneration)
                    {
                        continue;
                    }

                    scratch.ClassStamp[k] = nodeGeneration;
                    if (scratch.LocalStamp[k] != localGeneration)
                    {
                        scratch.LocalStamp[k] = localGeneration;
                        scratch.LocalId[k] = items++;
                    }

                    scratch.AddCandidate(total++, scratch.LocalId[k]);
                }
            }
        }

        scratch.CandStart[_contested.Length] = total;
        scratch.EnsureItems(items);
        Array.Fill(scratch.Owner, -1, 0, items);
        for (var i = 0; i < _contested.Length; i++)
        {
            for (var unit = 0; unit < _codes[_contested[i]].Need; unit++)
            {
                var visit = scratch.NextGeneration();
                if (!Augment(i, visit, scratch))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Augment(int i, int visit, Scratch scratch)
    {
        for (var p = scratch.CandStart[i]; p < scratch.CandStart[i + 1]; p++)
        {
            var item = scratch.Candidates[p];
            if (scratch.Visited[item] == visit)
            {
                continue;
            }

            scratch.Visited[item] = visit;
            if (scratch.Owner[item] == -1 || Augment(scratch.Owner[item], visit, scratch))
            {
                scratch.Owner[item] = i;
                return true;
            }
        }

        return false;
    }

    /// <summary>One node of the flat program.</summary>
    private struct Code
    {
        public Op Op;
        public bool Qualified;
        public bool Dedupe;
        public bool Hours;
        public int Need;
        public int Mask;
        public int Children;
        public int ChildCount;
        public int Sparse;
        public int SparseCount;
        public int Depth;
        public long Amount;
    }

    /// <summary>One non-zero word of a node's mask.</summary>
    private readonly record struct MaskWord(int Word, ulong Bits);

    /// <summary>One thread's buffers, grown as needed and reused: stamps with a generation counter are never cleared.</summary>
    private sealed class Scratch
    {
        // Fields, not properties: the hot loops index them directly and the candidate list is resized in place.
        public bool[] Status = [];
        public int[] ClassStamp = [];
        public decimal[] ClassValue = [];
        public long[] ClassScaled = [];
        public ulong[] Have = [];
        public int[] LocalStamp = [];
        public int[] LocalId = [];
        public int[] CandStart = [];
        public int[] Candidates = new int[16];
        public int[] Owner = [];
        public int[] Visited = [];
        private int _generation;

        public void Ensure(int classes, int nodes, int words)
        {
            if (Have.Length < words)
            {
                Have = new ulong[words];
            }

            if (Status.Length < nodes)
            {
                Status = new bool[Math.Max(nodes, 2 * Status.Length)];
            }

            if (ClassStamp.Length < classes)
            {
                var size = Math.Max(classes, 2 * ClassStamp.Length);
                ClassStamp = new int[size];
                ClassValue = new decimal[size];
                ClassScaled = new long[size];
                LocalStamp = new int[size];
                LocalId = new int[size];
                Visited = new int[size];
                Owner = new int[size];
                _generation = 0;
            }
        }

        public void EnsureCandidates(int nodes)
        {
            if (CandStart.Length < nodes + 1)
            {
                CandStart = new int[Math.Max(nodes + 1, 2 * CandStart.Length)];
            }
        }

        public void EnsureItems(int items)
        {
            if (Owner.Length < items)
            {
                Owner = new int[items];
                Visited = new int[items];
            }
        }

        public void AddCandidate(int position, int item)
        {
            if (position == Candidates.Length)
            {
                Array.Resize(ref Candidates, 2 * Candidates.Length);
            }

            Candidates[position] = item;
        }

        /// <summary>Gets a fresh stamp; on wrap-around every stamp array is cleared so that no old stamp can collide.</summary>
        public int NextGeneration()
        {
            if (++_generation == int.MaxValue)
            {
                Array.Clear(ClassStamp);
                Array.Clear(LocalStamp);
                Array.Clear(Visited);
                _generation = 1;
            }

            return _generation;
        }
    }
}
