using System.Runtime.InteropServices;
using Stacking.Rules;

namespace Stacking.Planning;

/// <content>The flattening of requirement trees into graph nodes (the builder, the node kinds) and the snapshot of a search node's final h_max.</content>
internal sealed partial class LandmarkCut
{
    /// <summary>A search node's final h_max and triggers, with the costs and exclusions they were computed for (per node
    /// and credential, or compact: see <see cref="ConeCopies"/>).</summary>
    internal sealed class Snapshot(int nodes, int credentials, BitSet excluded, BitSet chosen)
    {
        public long[] H { get; } = new long[nodes];

        public int[] Trigger { get; } = new int[nodes];

        public long[] Cost { get; } = new long[credentials];

        public BitSet Excluded { get; } = excluded;

        public BitSet Chosen { get; } = chosen;
    }

    private enum Kind : byte
    {
        Credential,
        True,
        False,
        And,
        Or,

        /// <summary>At least Need of the children (an atLeast, or a count pool over classes).</summary>
        Threshold,

        /// <summary>Children whose values (credits or hours, scaled) sum to at least Need.</summary>
        Amount,
    }

    /// <summary>Flattens requirement trees into graph nodes, resolving waivers, holdings and cone membership.</summary>
    private sealed class Builder
    {
        private readonly PlanningProblem _p;

        // Scratch of AddImplied (one allOf at a time): its single-item children, their union-find, and per class the first
        // of them that matches it.
        private readonly List<CompiledNode> _single = [];
        private readonly Dictionary<int, int> _firstOf = [];
        private int[] _component = new int[8];

        public Builder(PlanningProblem problem)
        {
            _p = problem;
            Pre = new int[problem.Count];

            // A node per catalog credential, then the requirement nodes: room for both, so the lists grow rarely.
            var capacity = problem.Count + 2 + (4 * problem.ConeList.Length);
            Kinds = new List<Kind>(capacity);
            Children = new List<int[]>(capacity);
            Values = new List<long[]>(capacity);
            Needs = new List<long>(capacity);
            // The credential nodes at once (no children, no values, need 0): the lists are new, so their arrays are zeroed
            // and Kind.Credential is 0.
            CollectionsMarshal.SetCount(Kinds, problem.Count);
            CollectionsMarshal.SetCount(Children, problem.Count);
            CollectionsMarshal.AsSpan(Children).Fill([]);
            CollectionsMarshal.SetCount(Values, problem.Count);
            CollectionsMarshal.AsSpan(Values).Fill([]);
            CollectionsMarshal.SetCount(Needs, problem.Count);
            True = Add(Kind.True, [], [], 0);
            False = Add(Kind.False, [], [], 0);
        }

        public int True { get; }

        public int False { get; }

        public int[] Pre { get; }

        public List<Kind> Kinds { get; }

        public List<int[]> Children { get; }

        public List<long[]> Values { get; }

        public List<long> Needs { get; }

        /// <summary>Gets a value indicating whether an <c>allOf</c> gets its implied "distinct items" nodes (see
        /// <see cref="AddImplied(CompiledNode, int, List{int})"/>); tests switch it off to compare.</summary>
        public bool ImpliedNodes { get; init; } = true;

        /// <summary>Gets the implied nodes added (see <see cref="AddImplied(CompiledNode, int, List{int})"/>).</summary>
        public HashSet<int> Implied { get; } = [];

        /// <summary>The node of requirement <paramref name="n"/> of <paramref name="owner"/>'s requirement (-1: the goal);
        /// <paramref name="shared"/>: n is below a shared node (spec §6: nothing there consumes).</summary>
        public int Flatten(CompiledNode n, int owner, bool shared = false)
        {
            if (_p.IsWaived(owner, n))
            {
                return True;
            }

            shared |= n.Source.Shared;

            switch (n.Source)
            {
                case CredentialRequirement:
                    return AnyHeld(n.Matches) ? True : Or(n.Matches);
                case SkillRequirement skill:
                    return skill.Level < 1 || AnyHeld(n.Matches) ? True : Or(n.Matches);
                case CountRequirement count:
                    return Pool(n, count.Count, null);
                case CreditsRequirement credits:
                    return Pool(n, 0, credits.Credits);
                case HoursRequirement hours:
                    return Pool(n, 0, hours.Hours);
                case AllOfRequirement:
                    {
                        var children = n.Children.Select(c => Flatten(c, owner, shared)).Where(c => c != True).ToList();
                        if (ImpliedNodes && !shared && !children.Contains(False))
                        {
                            AddImplied(n, owner, children);
                        }

                        return children.Count == 0 ? True : children.Contains(False) ? False : Add(Kind.And, [.. children], [], children.Count);
                    }

                case AnyOfRequirement:
                    {
                        if (n.Children.Length == 0)
                        {
                            return True;
                        }

                        var children = n.Children.Select(c => Flatten(c, owner, shared)).ToArray();
                        return children.Contains(True) ? True : Add(Kind.Or, children, [], 1);
                    }

                case AtLeastRequirement atLeast:
                    {
                        if (atLeast.Count <= 0)
                        {
                            return True;
                        }

                        if (atLeast.Count > n.Children.Length)
                        {
                            return False;
                        }

                        var children = n.Children.Select(c => Flatten(c, owner, shared)).ToList();
                        var need = atLeast.Count - children.RemoveAll(c => c == True);
                        return need <= 0 ? True : Add(Kind.Threshold, [.. children], [], need);
                    }

                default:
                    return True;
            }
        }

        private int Pool(CompiledNode n, int needCount, decimal? amount)
        {
            var isCount = amount is null;
            var isHours = n.Source is HoursRequirement;
            var remainingCount = needCount;
            var remainingAmount = amount ?? 0m;
            var children = new List<int>();
            var values = new List<decimal>();
            foreach (var group in n.MatchGroups)
            {
                var value = _p.GroupValue(group, isHours);

                if (_p.TakeHeldItems(group, value, ref remainingCount, ref remainingAmount))
                {
                    continue;
                }

                if (!isCount && value <= 0m)
                {
                    continue;
                }

                var node = Or(group);
                if (node != False)
                {
                    children.Add(node);
                    values.Add(value);
                }
            }

            if (isCount)
            {
                return remainingCount <= 0 ? True : children.Count < remainingCount ? False : Add(Kind.Threshold, [.. children], [], remainingCount);
            }

            if (remainingAmount <= 0m)
            {
                return True;
            }

            if (values.Sum() < remainingAmount)
            {
                return False;
            }

            // Values and the amount in one integer unit: the amount rounded down and each value rounded up can only
            // make the threshold easier to reach, which only relaxes.
            var scale = 1m;
            while (scale < 1_000_000m && (remainingAmount * scale != decimal.Truncate(remainingAmount * scale) || values.Any(v => v * scale != decimal.Truncate(v * scale))))
            {
                scale *= 10m;
            }

            // Any positive unit relaxes so, so one too fine for longs (10^15 credits in millionths) becomes coarser: the
            // amount then fits in cap units, and so does each value, taken at most at the amount (a value that reaches the
            // amount alone still does, and no sum of the others changes), so that a sum of all of them cannot overflow.
            // Capping a value below the amount instead would make the threshold harder to reach: no bound (a pool of
            // 999·10^12 hours met by one credential of 10^15 read as unreachable, the root bound infinite).
            var cap = long.MaxValue / 4 / Math.Max(1, values.Count);
            if (remainingAmount * scale > cap)
            {
                scale = cap / remainingAmount;
            }

            var need = (long)decimal.Floor(remainingAmount * scale);
            long[] scaled = [.. values.Select(v => v >= need / scale ? need : (long)decimal.Ceiling(v * scale))];
            return need <= 0 ? True : Add(Kind.Amount, [.. children], scaled, need);
        }

        /// <summary>Adds to <paramref name="and"/> (the children of <paramref name="n"/>, an <c>allOf</c> that consumes)
        /// the implied "distinct items" node of each group of its single-item children whose classes overlap.</summary>
        /// <remarks>
        /// <para>Spec §6: within one requirement each item is used by at most one consuming node, so in every plan the items
        /// the children of an <c>allOf</c> consume are pairwise distinct. A <i>single-item</i> child (<see cref="SingleItem"/>)
        /// uses one item of one of its classes. For such children S whose classes overlap, every plan therefore has at least
        /// |S| distinct items among the union U of their classes: held ones or planned ones (a member of a class of U that a
        /// child of S matches, in the plan). A class holds at most one item of the learner's (spec §5: holdings grouped by
        /// class), plus one per substitution into it (the substitute's item, used as the class's credential); counting each
        /// class that a valid holding, or a substitution backed by one, touches that many times (optimistically: whatever
        /// its score and date) only lowers the need. That is a threshold "|S| − (held items of U) of U's classes", each class an OR over the members the
        /// children of S match (a superset of what a child can use only makes U larger, which weakens it). Every plan
        /// satisfies it, so the AND with it is still a relaxation, in which h_max and the cuts see the allocation the
        /// children alone ignore (one leaf's credential is not another leaf's, nor an overlapping choice's, alternative).</para>
        /// <para>S is each connected component (of two children or more) of "can use a common item" (a common class); a node
        /// is made when it needs an item at all after the held ones. Pools that need several items (counts above one,
        /// credits, hours) are left out: their implied nodes ("Σ n_i of U's classes", "U's classes worth Σ v_i") are
        /// admissible too, but with the search's cut branching they cost more cuts than they save (docs/planning.md).</para>
        /// </remarks>
        private void AddImplied(CompiledNode n, int owner, List<int> and)
        {
            // Components of "can use a common item" (a common class) among the single-item children, by a union-find over
            // their classes (most allOfs have none): each class joins the children that match it. Scratch lists, no LINQ:
            // every allOf of the cone comes here.
            _single.Clear();
            foreach (var c in n.Children)
            {
                GatherSingle(c, owner);
            }

            if (_single.Count < 2)
            {
                return;
            }

            if (_component.Length < _single.Count)
            {
                _component = new int[_single.Count * 2];
            }

            _firstOf.Clear();
            var joined = false;
            for (var i = 0; i < _single.Count; i++)
            {
                _component[i] = i;
                joined |= Join(Groups(_single[i]), i);
            }

            if (!joined)
            {
                return;
            }

            var candidates = _single.ToArray();
            var s = new List<CompiledNode>();
            for (var root = 0; root < candidates.Length; root++)
            {
                s.Clear();
                for (var i = 0; i < candidates.Length; i++)
                {
                    if (Find(i) == root)
                    {
                        s.Add(candidates[i]);
                    }
                }

                if (s.Count >= 2)
                {
                    AddNode(s, and);
                }
            }
        }

        /// <summary>Adds <paramref name="c"/> to the single-item children when it is one, else (when every plan meets all
        /// of its children: an <c>allOf</c>, or an <c>atLeast</c> of all its children, neither shared nor waived) its
        /// children's single-item descendants of that kind: allocation holds across the whole requirement (spec §6), so
        /// they too use pairwise distinct items.</summary>
        private void GatherSingle(CompiledNode c, int owner)
        {
            if (SingleItem(c, owner))
            {
                _single.Add(c);
                return;
            }

            if (c.Source.Shared || _p.IsWaived(owner, c)
                || !(c.Source is AllOfRequirement || (c.Source is AtLeastRequirement all && all.Count >= c.Children.Length)))
            {
                return;
            }

            foreach (var x in c.Children)
            {
                GatherSingle(x, owner);
            }
        }

        /// <summary>Joins child <paramref name="i"/> of the union-find to the first child that matches a class of
        /// <paramref name="groups"/>; whether two components were joined.</summary>
        private bool Join(IEnumerable<int[]> groups, int i)
        {
            var joined = false;
            foreach (var g in groups)
            {
                var k = _p.Catalog.ClassOf[g[0]];
                if (!_firstOf.TryAdd(k, i) && Find(_firstOf[k]) is var first && Find(i) is var own && first != own)
                {
                    _component[own] = first;
                    joined = true;
                }
            }

            return joined;
        }

        /// <summary>The root of child <paramref name="i"/>'s component in the union-find.</summary>
        private int Find(int i)
        {
            while (_component[i] != i)
            {
                i = _component[i] = _component[_component[i]];
            }

            return i;
        }

        /// <summary>Adds to <paramref name="and"/> the implied node of <paramref name="s"/>, single-item children whose
        /// classes overlap, when it needs an item after the held ones (see <see cref="AddImplied(CompiledNode, int, List{int})"/>).</summary>
        private void AddNode(List<CompiledNode> s, List<int> and)
        {
            // U: each class with the members any child of s matches, in class order, members ascending.
            var pairs = new List<(int Class, int Member)>();
            foreach (var c in s)
            {
                foreach (var g in Groups(c))
                {
                    var k = _p.Catalog.ClassOf[g[0]];
                    foreach (var m in g)
                    {
                        pairs.Add((k, m));
                    }
                }
            }

            pairs.Sort();

            // Held items of U: per held class, its own and each substitution into it backed by a holding (HeldItems).
            long need = s.Count;
            var children = new List<int>();
            var members = new List<int>();
            for (var start = 0; start < pairs.Count;)
            {
                var k = pairs[start].Class;
                members.Clear();
                var end = start;
                for (; end < pairs.Count && pairs[end].Class == k; end++)
                {
                    if (members.Count == 0 || members[^1] != pairs[end].Member)
                    {
                        members.Add(pairs[end].Member);
                    }
                }

                start = end;
                if (_p.HeldClass[k])
                {
                    need -= _p.HeldItems[k];
                }
                else if (Or([.. members]) is var node && node != False)
                {
                    children.Add(node);
                }
            }

            // A need of one counts too: where every child has a held class, the held items serve only some of them (a NEU
            // learner's ECON 5200 serves "Economics Electives" or "Economics", not both). Left out until 2026-12-05 because
            // n200-i1 took 157 search nodes instead of 148 (n50-i1 1 instead of 5).
            if (need >= 1)
            {
                and.Add(children.Count < need ? False : Add(Kind.Threshold, [.. children], [], need));
                Implied.Add(and[^1]);
            }
        }

        /// <summary>The match groups of a single-item node (<see cref="SingleItem"/>): for a choice, its children's.</summary>
        private static IEnumerable<int[]> Groups(CompiledNode c) => IsChoice(c) ? c.Children.SelectMany(Groups) : c.MatchGroups;

        /// <summary>Whether <paramref name="c"/> is a choice of one child: an <c>anyOf</c>, or an <c>atLeast</c> of one.</summary>
        private static bool IsChoice(CompiledNode c) => c.Source is AnyOfRequirement || (c.Source is AtLeastRequirement { Count: 1 });

        /// <summary>Whether <paramref name="c"/>, below an <c>allOf</c> that consumes, uses exactly one item when it is
        /// met: a credential leaf, a count of one, or a choice of one child (<c>anyOf</c>, <c>atLeast</c> 1) whose children
        /// all are such; neither shared nor waived (nor any node of a choice). Anything else is left out, which only
        /// weakens the implied nodes.</summary>
        private bool SingleItem(CompiledNode c, int owner) =>
            !c.Source.Shared && !_p.IsWaived(owner, c) && c.Source switch
            {
                CredentialRequirement => true,
                CountRequirement count => count.Count == 1,
                _ => IsChoice(c) && c.Children.Length > 0 && Array.TrueForAll(c.Children, x => SingleItem(x, owner)),
            };

        /// <summary>An OR over the cone members of <paramref name="matches"/> (a single member is its own fact).</summary>
        private int Or(int[] matches)
        {
            // Counted first, then copied in order: the members of matches.Where(Cone.Contains), without the iterator.
            var count = 0;
            var first = -1;
            foreach (var m in matches)
            {
                if (_p.Cone.Contains(m))
                {
                    first = count++ == 0 ? m : first;
                }
            }

            if (count <= 1)
            {
                return count == 0 ? False : first;
            }

            var members = new int[count];
            var k = 0;
            foreach (var m in matches)
            {
                if (_p.Cone.Contains(m))
                {
                    members[k++] = m;
                }
            }

            return Add(Kind.Or, members, [], 1);
        }

        private bool AnyHeld(int[] matches)
        {
            foreach (var m in matches)
            {
                if (_p.IsHeld[m])
                {
                    return true;
                }
            }

            return false;
        }

        private int Add(Kind kind, int[] children, long[] values, long need)
        {
            Kinds.Add(kind);
            Children.Add(children);
            Values.Add(values);
            Needs.Add(need);
            return Kinds.Count - 1;
        }
    }
}
