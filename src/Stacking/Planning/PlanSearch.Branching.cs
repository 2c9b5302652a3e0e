using Stacking.Rules;

namespace Stacking.Planning;

/// <content>Branching: the failing requirements' disjunctions and the cuts a node branches on, and which one is chosen.</content>
internal sealed partial class PlanSearch
{
    /// <summary>A valid disjunction with the fewest live members: credentials of which every plan extending
    /// <paramref name="chosen"/> must add one; live means neither chosen, excluded nor <paramref name="hopeless"/>.</summary>
    /// <remarks>Every requirement that fails (the goal unless it holds on the chosen set, each open step's requirement on
    /// the rest of the chosen set) offers the supports of its deepest failing nodes (<see cref="Descend"/>,
    /// <see cref="Disjunctions"/>); after them, with <paramref name="cuts"/>, every plain landmark cut of the node (a set
    /// of credentials, none chosen, of which every completion takes one: <see cref="LandmarkCut.Bound"/>; a threshold
    /// cut's sets are landmarks of a pool's children only, so they are not candidates). Among those
    /// with the fewest live members the one whose members' a-values sum highest wins (its children are the likeliest to be
    /// pruned), then the first in the order goal, open steps by ordinal id, nodes in document order: deterministic.
    /// Only live members become children: a chosen member cannot help, and no completion cheaper than the incumbent
    /// contains an excluded or hopeless one.</remarks>
    /// <param name="disjunctions">The node's candidate disjunctions (<see cref="Disjunctions"/>), in their order.</param>
    /// <param name="chosen">The node's chosen set.</param>
    /// <param name="excluded">The node's excluded set.</param>
    /// <param name="hopeless">The credentials reduced-cost fixing excluded at the node, or null.</param>
    /// <param name="onCut">Whether the disjunction returned is one of the landmark cuts.</param>
    /// <param name="weighted">Whether ties in size go to the larger sum of a-values (else to the first).</param>
    /// <param name="cuts">The node's kept landmark cuts (<see cref="LandmarkCut.State"/>), whose plain cuts are candidates
    /// after the disjunctions, or null.</param>
    /// <param name="closedOut">With <paramref name="cuts"/>: the excluded and the hopeless credentials together (one test
    /// per member instead of two).</param>
    private BitSet? Branching(List<BitSet> disjunctions, BitSet chosen, BitSet excluded, BitSet? hopeless, out bool onCut, bool weighted = true, Cut[]? cuts = null, BitSet? closedOut = null)
    {
        BitSet? best = null;
        var bestSize = int.MaxValue;
        var bestWeight = long.MinValue;

        // Each disjunction is filtered into a scratch set; one that becomes the best keeps it and the old best becomes the
        // scratch (nothing else holds either): at most two sets per node instead of one per disjunction.
        BitSet? scratch = null;
        var fromCut = false;
        void Consider(BitSet candidates)
        {
            var d = (ReuseScratch ? scratch : null) ?? _p.NewSet();
            scratch = d;
            d.CopyFrom(candidates);
            d.IntersectWith(_p.Cone);
            d.ExceptWith(chosen);
            d.ExceptWith(excluded);
            if (hopeless is not null)
            {
                d.ExceptWith(hopeless);
            }

            var size = d.Count();
            if (size > bestSize || (!weighted && size == bestSize))
            {
                return;
            }

            // Live members have finite a-values below need; their sum stays far from overflow (WeightCap in LowerBounds).
            var weight = 0L;
            if (weighted)
            {
                foreach (var x in d.Members())
                {
                    weight += Bounds.AcquireUnits(x);
                }
            }

            if (size < bestSize || weight > bestWeight)
            {
                scratch = best;
                best = d;
                bestSize = size;
                bestWeight = weight;
                fromCut = false;
            }
        }

        foreach (var candidates in disjunctions)
        {
            Consider(candidates);
        }

        if (cuts is not null)
        {
            // The node's plain landmark cuts (LandmarkCut.State: the kept ones and the new ones): every completion takes a
            // member of each, so each is a disjunction too. Counted member by member (a cut has a handful), and only one
            // that wins is written into a set.
            foreach (var cut in cuts)
            {
                if (cut.Sets.Length != 1 || cut.Need != 1L)
                {
                    continue;
                }

                // Counted until it is larger than the best so far (then it cannot win). A kept state holds no cut with a
                // chosen member (Cut.Keep drops those, and a new cut has none: chosen credentials cost 0); one would be
                // no disjunction of the completions' new steps, so it is skipped all the same.
                var size = 0;
                var weight = 0L;
                var usable = true;
                foreach (var m in cut.Sets[0])
                {
                    if (chosen.Contains(m))
                    {
                        usable = false;
                        break;
                    }

                    if (Live(m))
                    {
                        if (++size > bestSize)
                        {
                            usable = false;
                            break;
                        }

                        weight += Bounds.AcquireUnits(m);
                    }
                }

                if (!usable)
                {
                    continue;
                }

                if (size < bestSize || (weighted && size == bestSize && weight > bestWeight))
                {
                    var d = (ReuseScratch ? scratch : null) ?? _p.NewSet();
                    d.Clear();
                    foreach (var m in cut.Sets[0])
                    {
                        if (Live(m))
                        {
                            d.Add(m);
                        }
                    }

                    scratch = best;
                    best = d;
                    bestSize = size;
                    bestWeight = weight;
                    fromCut = true;
                }
            }
        }

        onCut = fromCut;
        if (fromCut)
        {
            CutBranches++;
        }

        return best;

        // A member of a cut that can become a child: neither excluded nor hopeless (a cut's members are cone credentials:
        // only they have a requirement in the cut graph; a chosen one hits the cut).
        bool Live(int m) => closedOut is not null ? !closedOut.Contains(m) : !excluded.Contains(m) && (hopeless is null || !hopeless.Contains(m));
    }

    /// <summary>The node's candidate disjunctions for <see cref="Branching"/>, in its order: the supports of the deepest
    /// failing nodes of the goal (unless <paramref name="goalMet"/>) and of each open step's requirement, or the union of
    /// the open steps' supports. They depend only on the chosen and open sets and the oracle's answers, so a node
    /// computes them once for its forced-credential test and its branching (its exclusions, fixed ones included, only
    /// filter their members).</summary>
    private List<BitSet> Disjunctions(BitSet chosen, BitSet open, bool goalMet)
    {
        var disjunctions = new List<BitSet>();
        var consider = disjunctions.Add;
        if (!goalMet)
        {
            Descend(_p.Goal, chosen, consider);
        }

        // One scratch set for every open step's "the rest of the set" (the oracle's memo copies what it keeps).
        var direct = false;
        BitSet? without = null;
        foreach (var s in open.Members())
        {
            without = (ReuseScratch ? without : null) ?? _p.NewSet();
            without.CopyFrom(chosen);
            without.Remove(s);
            if (_p.Check(s, without) == OracleAnswer.No)
            {
                direct = true;
                var requirement = _p.Catalog.Requirements[s]!;
                if (_p.HasWaivers(s))
                {
                    disjunctions.Add(requirement.Support);
                }
                else
                {
                    Descend(requirement, without, consider);
                }
            }
        }

        if (goalMet && !direct)
        {
            // Every open step's requirement holds on the rest of the set, but no order exists (a mutual dependency):
            // the first open step of any valid completion needs a credential outside the chosen set.
            var union = _p.NewSet();
            foreach (var s in open.Members())
            {
                union.UnionWith(_p.Catalog.Requirements[s]!.Support);
            }

            disjunctions.Add(union);
        }

        return disjunctions;
    }

    /// <summary>Refines a disjunction: a child of an allOf (or of an atLeast of all its children) that fails on its own
    /// must be helped, so its support suffices; every such deepest failing node's support is offered to
    /// <paramref name="consider"/>, and the node's own support when no child fails on its own.</summary>
    private void Descend(CompiledNode node, BitSet planned, Action<BitSet> consider)
    {
        var isAll = node.Kind == RequirementKind.AllOf
            || (node.Source is AtLeastRequirement atLeast && atLeast.Count == node.Children.Length);
        if (isAll)
        {
            var failing = false;
            foreach (var child in node.Children)
            {
                if (_p.CheckNode(child, planned) == OracleAnswer.No)
                {
                    failing = true;
                    Descend(child, planned, consider);
                }
            }

            if (failing)
            {
                return;
            }
        }

        consider(node.Support);
    }
}
