using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Planning;

/// <summary>The per-search scratch state that makes a search node cheaper must not change what it computes: the oracle
/// memo's allocation-free lookup, a child's landmark cuts started from its parent's snapshot, and the stop signal polled
/// inside a node's cuts.</summary>
public sealed class CutScratchLaws
{
    private static readonly DateOnly AsOf = PlanningScenario.AsOf;

    /// <summary>The memo finds a stored answer exactly when the owner and the planned set restricted to the support are
    /// equal to a stored key's (compared with the plain restriction), whatever the sets outside the support hold; and it
    /// returns that key's answer, through collisions and growth of the table. Its hash and comparison read only the
    /// support's nonzero words (<see cref="SetKey.WordsOf"/>), so the supports are dense or sparse (most words 0, as a
    /// requirement's support in a catalog of thousands), on up to 1 000 credentials.</summary>
    [Property(MaxTest = 300)]
    public Property TheMemoFindsAnAnswerExactlyForEqualRestrictedSets() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), Gen.Choose(1, 1000).ToArbitrary(), (seed, capacity) =>
        {
            var random = new Random(seed);
            BitSet RandomSet(int density) => CutScratchLaws.RandomSet(random, capacity, density);

            // A small support, so that different planned sets often restrict to the same key; sparse ones leave whole
            // words out.
            var supports = Enumerable.Range(0, 3).Select(_ => RandomSet(random.Next(2) == 0 ? 8 : 150)).ToArray();
            var words = supports.Select(SetKey.WordsOf).ToArray();
            if (supports.Zip(words).Any(p => !p.Second.SequenceEqual(Enumerable.Range(0, p.First.Words.Length).Where(k => p.First.Words[k] != 0))))
            {
                return false;
            }

            var memo = new OracleMemo<int>(EqualityComparer<int>.Default);
            var stored = new List<(int Owner, BitSet Restricted, OracleAnswer Answer)>();
            for (var step = 0; step < 150; step++)
            {
                var owner = random.Next(3);
                var support = supports[owner];
                var planned = RandomSet(3);
                var restricted = planned.Intersect(support);
                var expected = stored.Where(e => e.Owner == owner && e.Restricted.Equals(restricted)).Select(e => (OracleAnswer?)e.Answer).FirstOrDefault();
                var found = memo.TryGet(owner, planned, support, words[owner], out var answer);
                if (found != expected.HasValue || (found && answer != expected))
                {
                    return false;
                }

                if (!found)
                {
                    var fresh = (OracleAnswer)random.Next(3);
                    memo.Add(owner, new SetKey(planned, support, words[owner]), fresh);
                    stored.Add((owner, restricted, fresh));
                }
            }

            return memo.Count == stored.Count;
        });

    /// <summary>The copy-free overlap test that the lower bounds' per-allOf independence uses is the plain one: two sets
    /// overlap exactly when their intersection is not empty, at every density and capacity.</summary>
    [Property(MaxTest = 300)]
    public Property OverlapsIsANonEmptyIntersection() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), Gen.Choose(1, 300).ToArbitrary(), (seed, capacity) =>
        {
            var random = new Random(seed);
            BitSet RandomSet(int density) => CutScratchLaws.RandomSet(random, capacity, density);

            for (var step = 0; step < 50; step++)
            {
                var x = RandomSet(1 + random.Next(capacity));
                var y = RandomSet(1 + random.Next(capacity));
                if (x.Overlaps(y) != !x.Intersect(y).IsEmpty() || y.Overlaps(x) != x.Overlaps(y))
                {
                    return false;
                }
            }

            return true;
        });

    /// <summary>The landmark graph's parent lists, built by a walk over the cone's credentials and the requirement nodes,
    /// are the plain walk's over every node: for each node, the (parent, position) pairs of every credential whose
    /// requirement it is and every requirement node that has it as a child, in node order.</summary>
    [Property(MaxTest = 200)]
    public Property TheCutGraphsParentsAreThePlainWalks() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), s =>
        {
            var problem = new PlanningProblem(new CompiledCatalog(s.Catalog), new ReferenceOracle(s.Catalog), s.Goal, s.Learner, AsOf, PlanObjective.Hours);
            var cut = new LandmarkCut(problem, problem.Weight);
            var plain = Enumerable.Range(0, cut.NodeCount).Select(_ => new List<(int, int)>()).ToArray();
            for (var x = 0; x < cut.NodeCount; x++)
            {
                if (x < problem.Count)
                {
                    if (cut.ChildrenOf(x).Length != 0)
                    {
                        return false;
                    }

                    if (cut.RequirementOf(x) >= 0)
                    {
                        plain[cut.RequirementOf(x)].Add((x, 0));
                    }

                    continue;
                }

                for (var k = 0; k < cut.ChildrenOf(x).Length; k++)
                {
                    plain[cut.ChildrenOf(x)[k]].Add((x, k));
                }
            }

            return Enumerable.Range(0, cut.NodeCount).All(x => cut.ParentsOf(x).SequenceEqual(plain[x]));
        });

    /// <summary>A node's landmark cuts computed from its parent's snapshot (the parent's final h_max, only what a changed
    /// cost or exclusion reaches evaluated again, and the residual costs from the parent's) are the plain computation's
    /// from the same kept cuts: the same value, the same cuts, the same state for its own children; along a path of
    /// nodes, each adding chosen and excluded credentials.</summary>
    [Property(MaxTest = 200)]
    public Property ACutSnapshotChangesNoBound() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), ArbMap.Default.ArbFor<int>(), (s, seed) => SnapshotAgrees(s, seed));

    /// <summary>The same law with snapshots that copy only the cone's credential nodes and the requirement nodes
    /// (<see cref="LandmarkCut.ConeCopies"/>, the default when the cone is a small part of the catalog): the same values,
    /// cuts and residual bounds as the plain computation, on random goals (small cones) and pool goals.</summary>
    [Property(MaxTest = 200)]
    public Property ConeCopiesOfACutSnapshotChangeNoBound() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), ArbMap.Default.ArbFor<int>(), (s, seed) => SnapshotAgrees(s, seed, coneCopies: true));

    /// <summary>The cone-copy law on pool goals, whose threshold cuts a child keeps with fewer sets.</summary>
    [Property(MaxTest = 200)]
    public Property ConeCopiesOfACutSnapshotChangeNoThresholdBound() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(), ArbMap.Default.ArbFor<int>(), (s, seed) => SnapshotAgrees(s, seed, coneCopies: true));

    /// <summary>The same law on pool goals, whose threshold cuts a child keeps with fewer sets.</summary>
    [Property(MaxTest = 200)]
    public Property ACutSnapshotChangesNoThresholdBound() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(), ArbMap.Default.ArbFor<int>(), (s, seed) => SnapshotAgrees(s, seed));

    /// <summary>A sweep that evaluates again only the parents a changed node can change (its trigger, or a child whose key
    /// crosses the trigger's), and is only owed after a cut that reaches the limit, gives the plain computation's
    /// h_max (every node evaluated again after each cut): the same value, the same cuts, the same final values and
    /// triggers; along a path of nodes started from snapshots, each adding chosen and excluded credentials, with random
    /// limits and exclusions added after the bound as a search does.</summary>
    [Property(MaxTest = 200)]
    public Property ASweepOfWhatCanChangeIsThePlainOne() =>
        Prop.ForAll(PlanningGenerators.Scenarios(randomGoal: true), ArbMap.Default.ArbFor<int>(), (s, seed) => SweepAgrees(s, seed));

    /// <summary>The same law on pool goals (thresholds, amounts and threshold cuts).</summary>
    [Property(MaxTest = 200)]
    public Property ASweepOfWhatCanChangeIsThePlainOneOnPools() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(), ArbMap.Default.ArbFor<int>(), (s, seed) => SweepAgrees(s, seed));

    /// <summary>
    /// A search stopped at any poll of its stop signal, including the polls inside a node's landmark cuts (that node is
    /// then unexplored, with the bound of the cuts it completed), still brackets the brute-force optimum: its plan is
    /// valid and no cheaper than the optimum, its bound no higher, and it is Optimal only when the stop came after the
    /// deterministic search had ended.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property AStopInsideTheCutsStillBracketsTheOptimum() =>
        Prop.ForAll(PlanningGenerators.PoolScenarios(), Gen.Choose(0, 1000).ToArbitrary(), (s, seed) =>
        {
            var reference = new ReferencePlanner(s.Catalog);
            var optimum = reference.Optimum(s.Goal, s.Learner, AsOf, PlanObjective.Hours);
            PlanningProblem Problem() => new(new CompiledCatalog(s.Catalog), new ReferenceOracle(s.Catalog), s.Goal, s.Learner, AsOf, PlanObjective.Hours);
            var greedy = s.Catalog.Credentials.Length % 2 == 0;

            // The polls of an unstopped run, then a stop at one of them.
            var all = 0;
            new PlanSearch(Problem(), long.MaxValue, null, CancellationToken.None) { GreedyIncumbent = greedy, Stop = () => all++ < 0 }.Run();
            var k = seed % (all + 1);
            var problem = Problem();
            var polls = 0;
            var search = new PlanSearch(problem, long.MaxValue, null, CancellationToken.None)
            {
                GreedyIncumbent = greedy,
                Stop = () => polls++ >= k,
            };
            var outcome = search.Run();
            var value = outcome.Plan?.Members().Sum(m => problem.Weight[m]);
            var sound = outcome.Plan is null
                || reference.Replays(s.Goal, s.Learner, AsOf, [.. PlanAssembler.Assemble(problem, outcome.Plan).Select(step => step.Credential)]);
            var brackets = outcome.Status switch
            {
                PlanStatus.Optimal => value == optimum && polls <= k,
                PlanStatus.Feasible => optimum is { } o && outcome.LowerBound <= o && o <= value,
                PlanStatus.Unknown => optimum is null || outcome.LowerBound <= optimum,
                PlanStatus.Infeasible => optimum is null,
                _ => false,
            };
            return (sound && brackets).Classify(search.StoppedInsideCuts, "stopped inside a node's cuts");
        });

    /// <summary>Three of four tops, each with its own prerequisite (optimum 63): a threshold cut takes a plain cut per
    /// top, polling the stop signal before each. Stopped at any poll, the cuts add only what they completed: the bound
    /// never decreases with a later stop, stays below the optimum, and a stop inside the threshold cut adds nothing
    /// of it.</summary>
    [Fact]
    public void AThresholdCutStoppedHalfwayAddsNothingOfIt()
    {
        var (_, _, problem) = PlanningFixtures.ThreeOfFourTops();
        var empty = problem.NewSet();
        var cut = new LandmarkCut(problem, problem.Weight);
        var previous = 0m;
        for (var k = 0; k < 40; k++)
        {
            var polls = 0;
            var bound = cut.Bound(empty, empty, empty, goalMet: false, stop: () => polls++ >= k);
            Assert.InRange(bound, previous, 63m);
            if (k == 1)
            {
                // The first poll is before the first cut; the second inside the threshold cut (before its first top).
                Assert.True(cut.Stopped);
                Assert.Equal(0m, bound);
            }

            previous = bound;
        }

        Assert.False(cut.Stopped);
        Assert.Equal(63m, previous);
    }

    internal static bool SnapshotAgrees(PlanningScenario s, int seed, bool coneCopies = false)
    {
        var random = new Random(seed);
        var problem = new PlanningProblem(new CompiledCatalog(s.Catalog), new ReferenceOracle(s.Catalog), s.Goal, s.Learner, AsOf, PlanObjective.Hours);
        var withSnapshots = new LandmarkCut(problem, problem.Weight) { ConeCopies = coneCopies };
        var plain = new LandmarkCut(problem, problem.Weight);
        var chosen = problem.NewSet();
        var excluded = problem.NewSet();
        withSnapshots.Bound(chosen, excluded, chosen, goalMet: false);
        plain.Bound(chosen, excluded, chosen, goalMet: false);
        var state = withSnapshots.State();
        var plainState = plain.State() with { Snapshot = null };
        for (var depth = 0; depth < 4; depth++)
        {
            (chosen, excluded) = Descend(problem, random, chosen, excluded);

            var goalMet = random.Next(4) == 0;
            var a = withSnapshots.Bound(chosen, excluded, chosen, goalMet, parent: state);
            var b = plain.Bound(chosen, excluded, chosen, goalMet, parent: plainState);
            if (a != b || withSnapshots.Cuts != plain.Cuts || (a < LowerBounds.Infinity && problem.ConeList.Any(m => withSnapshots.ResidualUnits(m) != plain.ResidualUnits(m))))
            {
                return false;
            }

            withSnapshots.Release(state);
            state = withSnapshots.State();
            plainState = plain.State() with { Snapshot = null };
            if (!SameCuts(state.Cuts, plainState.Cuts))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A random child of a search node: copies of its sets with about a sixth of the free cone chosen and a sixth excluded.</summary>
    private static (BitSet Chosen, BitSet Excluded) Descend(PlanningProblem problem, Random random, BitSet chosen, BitSet excluded)
    {
        chosen = chosen.Clone();
        excluded = excluded.Clone();
        foreach (var m in problem.ConeList)
        {
            var roll = random.Next(6);
            if (roll == 0 && !excluded.Contains(m))
            {
                chosen.Add(m);
            }
            else if (roll == 1 && !chosen.Contains(m))
            {
                excluded.Add(m);
            }
        }

        return (chosen, excluded);
    }

    internal static bool SweepAgrees(PlanningScenario s, int seed)
    {
        var random = new Random(seed);
        var problem = new PlanningProblem(new CompiledCatalog(s.Catalog), new ReferenceOracle(s.Catalog), s.Goal, s.Learner, AsOf, PlanObjective.Hours);
        var incremental = new LandmarkCut(problem, problem.Weight);
        var plain = new LandmarkCut(problem, problem.Weight) { FullSweeps = true };
        var chosen = problem.NewSet();
        var excluded = problem.NewSet();
        CutState? state = null;
        CutState? plainState = null;
        for (var depth = 0; depth < 5; depth++)
        {
            // A limit the cuts may reach midway (the bound then returns at once, its sweep owed until asked for).
            var goalMet = depth > 0 && random.Next(4) == 0;
            var limit = random.Next(3) == 0 ? decimal.MaxValue : random.Next(1, 40) / 4m;
            if (random.Next(3) == 0)
            {
                // A sibling pruned before this node (its owed sweep never made) leaves nothing behind.
                incremental.Bound(chosen, excluded, chosen, goalMet, parent: state, limit: 0.25m);
            }

            var a = incremental.Bound(chosen, excluded, chosen, goalMet, parent: state, limit: limit);
            var b = plain.Bound(chosen, excluded, chosen, goalMet, parent: plainState, limit: limit);
            if (a != b || incremental.Cuts != plain.Cuts || problem.ConeList.Any(m => incremental.ResidualUnits(m) != plain.ResidualUnits(m)))
            {
                return false;
            }

            if (random.Next(2) == 0)
            {
                // A search excludes the hopeless siblings after the bound, before its children start from the state.
                var added = problem.NewSet();
                foreach (var m in problem.ConeList)
                {
                    if (random.Next(8) == 0 && !chosen.Contains(m) && !excluded.Contains(m))
                    {
                        added.Add(m);
                    }
                }

                excluded = excluded.Clone();
                excluded.UnionWith(added);
                incremental.ExcludeMore(excluded, added);
                plain.ExcludeMore(excluded, added);
            }

            if (state is not null)
            {
                incremental.Release(state);
            }

            state = incremental.State();
            var full = plain.State();
            if (!SameCuts(state.Cuts, full.Cuts)
                || (state.Snapshot is null) != (full.Snapshot is null)
                || (state.Snapshot is { } x && full.Snapshot is { } y && !(x.H.SequenceEqual(y.H) && x.Trigger.SequenceEqual(y.Trigger))))
            {
                return false;
            }

            plainState = full with { Snapshot = null };
            (chosen, excluded) = Descend(problem, random, chosen, excluded);
        }

        return true;
    }

    private static bool SameCuts(Cut[] x, Cut[] y) =>
        x.Length == y.Length
        && x.Zip(y).All(p => p.First.Need == p.Second.Need
            && p.First.Cost == p.Second.Cost
            && p.First.Units.SequenceEqual(p.Second.Units)
            && p.First.Sets.Length == p.Second.Sets.Length
            && p.First.Sets.Zip(p.Second.Sets).All(q => q.First.SequenceEqual(q.Second)));

    /// <summary>A set of the given capacity holding each member with probability 1/<paramref name="density"/>.</summary>
    private static BitSet RandomSet(Random random, int capacity, int density)
    {
        var set = new BitSet(capacity);
        for (var i = 0; i < capacity; i++)
        {
            if (random.Next(density) == 0)
            {
                set.Add(i);
            }
        }

        return set;
    }
}
