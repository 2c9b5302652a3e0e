using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Eligibility.Engine;
using Stacking.Model;
using Stacking.Rules;
using Route = Stacking.Eligibility.Engine.FastRule.FastRoute;

namespace Stacking.Tests.Eligibility;

/// <summary>
/// The compiled fast path and the general §6 engine are two implementations of one meaning: wherever the fast path
/// decides, it decides as the general engine does, and the public checks (which take the fast path when they can)
/// answer as the general engine, with and without planned credentials.
/// </summary>
[Properties(Arbitrary = [typeof(EligibilityArbitraries), typeof(ContestedPoolArbitraries)], MaxTest = 300)]
public sealed class CompiledPathLaws
{
    [Property(MaxTest = 500)]
    public bool TheCompiledPathAgreesWithTheGeneralEngine(EligibilityCase c) =>
        Compare(c.Catalog, c.Learner, c.Planned, c.Requirement, null);

    [Property]
    public bool TheCompiledPathAgreesWithTheGeneralEngineOnContestedPools(ContestedPoolCase c) =>
        Compare(c.Catalog, c.Learner, [], c.Requirement, null)
        && Compare(c.Catalog, c.Learner with { Holdings = [.. c.Learner.Holdings.Where((_, i) => i % 2 == 0)] }, [], c.Requirement, null);

    [Property(MaxTest = 500)]
    public bool TheBatchCheckAgreesWithTheGeneralEngineWhateverTheLearnersExceptions(EligibilityCase c)
    {
        // The batch fills bits from the record and takes the fast path unless an exception can change the answer (a
        // waiver of the target, a substitution of a credential the rule can use); with extra exceptions that cannot.
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var target = evaluator.IndexOf(EligibilityCase.Target);
        var others = c.Catalog.Credentials.Select(cr => cr.Id).Where(id => !id.Equals(EligibilityCase.Target)).ToArray();
        var learners = new[]
        {
            c.Learner,
            c.Learner with { Exceptions = [.. c.Learner.Exceptions, new Waiver(others[0]), new Substitution(others[^1], "transfer-credit")] },
        };
        var batch = evaluator.CheckBatch(EligibilityCase.Target, learners, EligibilityCase.AsOf);
        for (var i = 0; i < learners.Length; i++)
        {
            var general = evaluator.CheckGeneral(target, evaluator.Prepare(learners[i], EligibilityCase.AsOf), []);
            if (general != EligibilityStatus.Undetermined && batch[i] != general)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool ABatchOfEveryTargetAgreesWithOneCheckPerTarget(EligibilityCase c)
    {
        // Every credential of the catalog as a target, for the learner, the learner with exceptions that concern other
        // credentials, and one with none: each row is what one check per target says.
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var targets = c.Catalog.Credentials.Select(cr => cr.Id).Distinct().ToArray();
        var learners = new[]
        {
            c.Learner,
            c.Learner with { Exceptions = [.. c.Learner.Exceptions, new Waiver(targets[0]), new Substitution(targets[^1], "transfer-credit")] },
            c.Learner with { Exceptions = [] },
        };
        var rows = new EligibilityStatus[learners.Length * targets.Length];
        evaluator.CheckBatch(targets, learners, EligibilityCase.AsOf, rows);
        var expected = learners.SelectMany(l => targets.Select(t => evaluator.Check(t, evaluator.Prepare(l, EligibilityCase.AsOf))));
        return expected.SequenceEqual(rows);
    }

    [Fact]
    public void TheFastPathDecidesLearnersWhoseSubstitutionsTheRuleCannotUse()
    {
        // The laws above compare the fast path with the general engine on learners with substitutions only if the fast
        // path answers for some of them: count how often it does, by the prepared and by the batch path.
        // The batch also folds a transfer credit (a substitute outside the catalog) that the rule can use into the bits:
        // counted separately, since those are the learners the prepared path leaves to the general engine.
        var random = new Random(20261205);
        var prepared = 0;
        var batch = 0;
        var folded = 0;
        var withSubstitutions = 0;
        for (var i = 0; i < 1500; i++)
        {
            var c = new EligibilityCase([.. Enumerable.Range(0, random.Next(60, 150)).Select(_ => random.Next(0, 24))]);
            var evaluator = new EligibilityEvaluator(c.Catalog);
            var learner = c.Learner with { Exceptions = [.. c.Learner.Exceptions.Where(e => e is Substitution)] };
            if (learner.Exceptions.IsEmpty)
            {
                continue;
            }

            withSubstitutions++;
            var target = evaluator.IndexOf(EligibilityCase.Target);
            var preparedDecides = evaluator.TryCheckFast(target, evaluator.Prepare(learner, EligibilityCase.AsOf), [], out _, out _);
            var batchDecides = evaluator.TryCheckRecordFast(target, learner, EligibilityCase.AsOf, out _);
            prepared += preparedDecides ? 1 : 0;
            batch += batchDecides ? 1 : 0;
            folded += batchDecides && !preparedDecides ? 1 : 0;
        }

        Assert.True(
            withSubstitutions >= 300 && prepared >= 100 && batch >= 120 && folded >= 25,
            $"of {withSubstitutions} learners with substitutions the fast path decided {prepared} prepared, {batch} in a batch, {folded} of them only in a batch");
    }

    [Fact]
    public void TheFastPathDecidesMostGeneratedCasesAndEveryRouteIsTaken()
    {
        // Not a timing test: it counts which implementation answered, so that the law above compares two real ones.
        var routes = new Dictionary<Route, int>();
        var ops = new Dictionary<FastRule.Op, int>();
        var random = new Random(20251129);
        for (var i = 0; i < 1500; i++)
        {
            var genome = Enumerable.Range(0, random.Next(60, 150)).Select(_ => random.Next(0, 24)).ToArray();
            var c = new EligibilityCase(genome);
            Assert.True(Compare(c.Catalog, c.Learner, c.Planned, c.Requirement, routes), c.ToString());
            CountOps(c.Catalog, ops);
        }

        for (var i = 0; i < 500; i++)
        {
            var genome = Enumerable.Range(0, random.Next(20, 60)).Select(_ => random.Next(0, 24)).ToArray();
            var c = new ContestedPoolCase(genome);
            Assert.True(Compare(c.Catalog, c.Learner, [], c.Requirement, routes), c.ToString());
            CountOps(c.Catalog, ops);
        }

        for (var i = 0; i < 500; i++)
        {
            var (catalog, learner, requirement) = CountOnlyCase(random);
            Assert.True(Compare(catalog, learner, [], requirement, routes), requirement.ToString());
            CountOps(catalog, ops);
        }

        var total = routes.Values.Sum();
        var decided = total - routes.GetValueOrDefault(Route.General);
        Assert.True(decided >= total * 0.6, $"the fast path decided {decided} of {total}: {string.Join(", ", routes)}");
        foreach (var route in Enum.GetValues<Route>())
        {
            Assert.True(routes.GetValueOrDefault(route) >= 5, $"route {route} taken {routes.GetValueOrDefault(route)} times of {total}: {string.Join(", ", routes)}");
        }

        // Every instruction of the flat program (each specialised leaf test, composites, the general walks) is in
        // programs the agreement above compared, so that no specialisation goes untested.
        foreach (var op in Enum.GetValues<FastRule.Op>())
        {
            Assert.True(ops.GetValueOrDefault(op) >= 5, $"op {op} in {ops.GetValueOrDefault(op)} programs: {string.Join(", ", ops)}");
        }
    }

    private static void CountOps(Catalog catalog, Dictionary<FastRule.Op, int> ops)
    {
        var evaluator = new EligibilityEvaluator(catalog);
        foreach (var op in evaluator.FastProgram(evaluator.IndexOf(EligibilityCase.Target)).Ops)
        {
            ops[op] = ops.GetValueOrDefault(op) + 1;
        }
    }

    /// <summary>Count and credential nodes over overlapping pools, all required: the cases the matching decides.</summary>
    private static (Catalog Catalog, LearnerRecord Learner, Requirement Requirement) CountOnlyCase(Random random)
    {
        var ids = Enumerable.Range(0, 5).Select(i => new CredentialId($"c{i}")).ToArray();
        var builder = new CatalogBuilder("count-only");
        foreach (var id in ids)
        {
            var tags = 1 + random.Next(3);
            builder.Credential(id, c => c with { Tags = [.. new[] { "t0", "t1" }.Where((_, b) => (tags & (1 << b)) != 0)] });
        }

        Requirement Leaf() => random.Next(3) switch
        {
            0 => Rule.Credential(ids[random.Next(ids.Length)], minScore: random.Next(3) == 0 ? 80 : null),
            1 => Rule.Count(1 + random.Next(3), Select.Tag(random.Next(2) == 0 ? "t0" : "t1")),
            // A need of 0 now and then (a faulty catalog is evaluated literally): the program's always-true instruction.
            _ => Rule.Count(random.Next(8) == 0 ? 0 : 1 + random.Next(2), Select.Ids(ids[random.Next(ids.Length)], ids[random.Next(ids.Length)])) with { MinScore = random.Next(3) == 0 ? 80 : null },
        };

        var requirement = Rule.AllOf([.. Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Leaf())]);
        var catalog = builder.Credential(EligibilityCase.Target, c => c with { Requires = requirement }).Build();
        var holdings = ids.Where(_ => random.Next(3) != 0).Select(id => new Holding(id, EligibilityCase.AsOf.AddDays(-10), random.Next(60, 100)));
        return (catalog, new LearnerRecord("count-only", holdings), requirement);
    }

    /// <summary>Compares, for the target, a goal naming it and the requirement as a goal, with and without the planned credentials.</summary>
    internal static bool Compare(Catalog catalog, LearnerRecord record, IReadOnlyCollection<CredentialId> planned, Requirement requirement, Dictionary<Route, int>? routes)
    {
        var evaluator = new EligibilityEvaluator(catalog);
        var learner = evaluator.Prepare(record, EligibilityCase.AsOf);
        var target = evaluator.IndexOf(EligibilityCase.Target);
        foreach (var bits in new[] { DenseSeamLaws.Bits(evaluator, planned), [] })
        {
            var general = evaluator.CheckGeneral(target, learner, bits);
            if (general == EligibilityStatus.Undetermined)
            {
                continue;
            }

            var ids = bits.Length == 0 ? null : planned;
            if (evaluator.Check(EligibilityCase.Target, learner, ids) != general || evaluator.Check(target, learner, bits) != general)
            {
                return false;
            }

            if (evaluator.TryCheckFast(target, learner, bits, out var fast, out var route) && fast != general)
            {
                return false;
            }

            Count(routes, route);
            foreach (var goal in new[] { requirement, Rule.Credential(EligibilityCase.Target) })
            {
                var goalGeneral = evaluator.CheckGoalGeneral(goal, learner, bits);
                if (evaluator.CheckGoal(goal, learner, ids) != goalGeneral || evaluator.CheckGoal(goal, learner, bits) != goalGeneral)
                {
                    return false;
                }

                if (evaluator.TryCheckGoalFast(goal, learner, bits, out var goalFast, out var goalRoute) && goalFast != goalGeneral)
                {
                    return false;
                }

                Count(routes, goalRoute);
            }
        }

        return true;
    }

    private static void Count(Dictionary<Route, int>? routes, Route route)
    {
        if (routes is not null)
        {
            routes[route] = routes.GetValueOrDefault(route) + 1;
        }
    }
}
