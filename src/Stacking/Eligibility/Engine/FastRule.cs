using System.Numerics;
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
            }

            if (node.Kind == RequirementKind.Skill)
            {
                code.Op = Op.Skill;
            }
            else if (node.IsConsuming)
            {
                _amount[n] = node.Amount;
                _minScore[n] = node.MinScore;
                _within[n] = node.Within;
                code.Qualified = node.MinScore is not null || node.Within is not null;
                code.Hours = node.IsHours;
                code.Op = node.IsAmount ? Op.Amount : code.Qualified || code.Dedupe ? Op.Count : Op.PopCount;
                if (node.IsAmount)
                {
                    // Sums are integral in the scaled unit, so "sum ≥ amount" is "sum ≥ ⌈amount × scale⌉".
                    var scaled = node.Amount * catalog.WeightScale;
                    code.Amount = scaled >= 1L << 62 ? long.MaxValue : (long)decimal.Ceiling(scaled);
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
        _childList = [.. children];
        (_contestedUnion, _contested, _matchable) = Contest(catalog, rule);
    }

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

    private enum Op : byte
    {
        True,
        Skill,
        PopCount,
        Count,
        Amount,
        Composite,
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
        TryEvaluate(learner, planned, out status, out _);

    /// <summary>As <see cref="TryEvaluate(LearnerBits, ReadOnlySpan{ulong}, out EligibilityStatus)"/>, saying which way it went (tests count the ways).</summary>
    public bool TryEvaluate(LearnerBits learner, ReadOnlySpan<ulong> planned, out EligibilityStatus status, out FastRoute route)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Ensure(_catalog.ClassCount, _codes.Length, _words);
        var have = Have(learner.Held, planned, scratch);
        var values = scratch.Status;
        var codes = _codes;
        var masks = _masks;
        var words = _words;

        // Children follow their parent in preorder: a backward pass sees every child before its parent.
        for (var n = codes.Length - 1; n >= 0; n--)
        {
            ref readonly var code = ref codes[n];
            bool value;
            switch (code.Op)
            {
                case Op.True:
                    value = true;
                    break;
                case Op.Skill:
                    value = AnySet(have, masks.AsSpan(code.Mask, words));
                    break;
                case Op.PopCount:
                    value = PopCountAtLeast(have, masks.AsSpan(code.Mask, words), code.Need);
                    break;
                case Op.Composite:
                    var trues = 0;
                    var end = code.Children + code.ChildCount;
                    for (var k = code.Children; k < end; k++)
                    {
                        trues += values[_childList[k]] ? 1 : 0;
                    }

                    value = trues >= code.Need;
                    break;
                default:
                    value = Alone(n, code, have, learner, planned, scratch);
                    break;
            }

            values[n] = value;
        }

        if (!values[0])
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
            status = Match(have, learner, planned, scratch) ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible;
            route = FastRoute.Matched;
            return true;
        }

        status = EligibilityStatus.Undetermined;
        route = FastRoute.General;
        return false;
    }

    private static bool Bit(ReadOnlySpan<ulong> bits, int i) => (uint)(i >> 6) < (uint)bits.Length && (bits[i >> 6] & (1UL << (i & 63))) != 0;

    /// <summary>Gets held ∪ planned: the held bits themselves when nothing is planned, else their union in scratch.</summary>
    private ReadOnlySpan<ulong> Have(ReadOnlySpan<ulong> held, ReadOnlySpan<ulong> planned, Scratch scratch)
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

        var have = scratch.Have.AsSpan(0, _words);
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

    private static bool PopCountAtLeast(ReadOnlySpan<ulong> have, ReadOnlySpan<ulong> mask, int need)
    {
        var count = 0;
        for (var w = 0; w < mask.Length; w++)
        {
            count += BitOperations.PopCount(have[w] & mask[w]);
        }

        return count >= need;
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
    private bool Alone(int n, in Code code, ReadOnlySpan<ulong> have, LearnerBits learner, ReadOnlySpan<ulong> planned, Scratch scratch)
    {
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

                    if (dedupe)
                    {
                        var k = classOf[c];
                        if (scratch.ClassStamp[k] == generation)
                        {
                            if (value <= scratch.ClassScaled[k])
                            {
                                continue;
                            }

                            sum += value - scratch.ClassScaled[k];
                        }
                        else
                        {
                            scratch.ClassStamp[k] = generation;
                            sum += value;
                        }

                        scratch.ClassScaled[k] = value;
                    }
                    else
                    {
                        sum += value;
                    }

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

                    if (dedupe)
                    {
                        var k = classOf[c];
                        if (scratch.ClassStamp[k] == generation)
                        {
                            if (value <= scratch.ClassValue[k])
                            {
                                continue;
                            }

                            sumExact += value - scratch.ClassValue[k];
                        }
                        else
                        {
                            scratch.ClassStamp[k] = generation;
                            sumExact += value;
                        }

                        scratch.ClassValue[k] = value;
                    }
                    else
                    {
                        sumExact += value;
                    }

                    if (sumExact >= _amount[n])
                    {
                        return true;
                    }
                }
            }
        }

        return false;
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
        public long Amount;
    }

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
