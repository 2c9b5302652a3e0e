using System.Collections.Immutable;
using System.Globalization;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Instances;

/// <summary>
/// The seeded generator of benchmark instances: catalogs, qualifications, cohorts and planning questions.
/// </summary>
/// <remarks>
/// Every number is an integer (hours, cost, credits), so that the exact decimals of the library and the integer
/// coefficients of CP-SAT denote the same values. Requirements only name credentials of lower layers, so the
/// generated catalogs are acyclic: a set of steps closed under "requirement satisfied" can always be ordered by
/// layer, which is what makes the CP-SAT encoding exact on them (see docs/performance.md).
/// </remarks>
public static class InstanceGenerator
{
    /// <summary>The as-of date of every generated question.</summary>
    public static readonly DateOnly AsOf = new(2025, 6, 1);

    private static readonly DateOnly FirstEarned = new(2019, 1, 1);

    /// <summary>
    /// A base catalog of <see cref="GeneratorSettings.CatalogSize"/> credentials, one qualification <c>Q</c> with
    /// about <paramref name="nodes"/> requirement nodes over them, and <paramref name="learners"/> learners.
    /// </summary>
    public static EligibilityInstance Eligibility(GeneratorSettings settings, int nodes, int learners)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 2);
        var rng = new Random(settings.Seed);
        var credits = new Dictionary<CredentialId, int>();
        var baseIds = new List<CredentialId>();
        var credentials = new List<Credential>();
        for (var i = 0; i < settings.CatalogSize; i++)
        {
            var id = new CredentialId("c" + i.ToString("D4", CultureInfo.InvariantCulture));
            var c = rng.Next(1, 5);
            credits[id] = c;
            baseIds.Add(id);
            credentials.Add(new Credential(id) { Kind = "course", Credits = c, Hours = c * 15, Cost = c * 100 });
        }

        var draw = new PoolDraw(rng, baseIds, settings.PoolOverlap);
        var density = settings.HoldingDensity;
        var children = new List<Requirement>();
        var remaining = nodes - 1;
        while (remaining > 0)
        {
            var roll = rng.NextDouble();
            if (remaining >= 4 && roll < 0.2)
            {
                // atLeast k of m leaves: m + 1 nodes.
                var m = Math.Min(remaining - 1, rng.Next(3, 5));
                var leaves = draw.Take(m).Select(id => (Requirement)Rule.Credential(id)).ToArray();
                children.Add(Rule.AtLeast(Math.Max(1, (int)Math.Round(m * density)), leaves));
                remaining -= m + 1;
            }
            else if (roll < 0.45)
            {
                children.Add(Rule.Credential(draw.Take(1)[0]));
                remaining--;
            }
            else if (roll < 0.75)
            {
                var pool = draw.Take(rng.Next(4, 9));
                children.Add(Rule.Count(Math.Max(1, (int)Math.Round(pool.Length * density * 0.8)), Select.Ids(pool)));
                remaining--;
            }
            else
            {
                var pool = draw.Take(rng.Next(4, 9));
                var total = pool.Sum(id => credits[id]);
                children.Add(Rule.Credits(Math.Max(1, (int)Math.Round(total * density * 0.8)), Select.Ids(pool)));
                remaining--;
            }
        }

        var qualification = new CredentialId("Q");
        credentials.Add(new Credential(qualification) { Kind = "certificate", Requires = Rule.AllOf([.. children]) });
        var catalog = new Catalog(credentials, name: "generated " + settings.Label);

        var cohort = ImmutableArray.CreateBuilder<LearnerRecord>(learners);
        for (var l = 0; l < learners; l++)
        {
            var holdings = new List<Holding>();
            foreach (var id in baseIds)
            {
                if (rng.NextDouble() < density)
                {
                    holdings.Add(new Holding(id, FirstEarned.AddDays(rng.Next(0, 2000)), score: rng.Next(50, 101)));
                }
            }

            cohort.Add(new LearnerRecord("learner-" + l.ToString(CultureInfo.InvariantCulture), holdings));
        }

        return new EligibilityInstance(settings, catalog, qualification, cohort.MoveToImmutable(), AsOf);
    }

    /// <summary>
    /// A layered acyclic catalog of about <see cref="GeneratorSettings.CatalogSize"/> credentials and a target whose
    /// requirement reaches (nearly) all of them, with one learner holding base credentials at the given density.
    /// </summary>
    public static PlanningInstance Planning(GeneratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rng = new Random(settings.Seed);
        var layersCount = settings.PrerequisiteDepth + 1;
        var layers = new List<List<CredentialId>>();
        var credentials = new List<Credential>();
        var credits = new Dictionary<CredentialId, int>();
        var referenced = new HashSet<CredentialId>();
        for (var layer = 0; layer < layersCount; layer++)
        {
            var size = settings.CatalogSize / layersCount + (layer == 0 ? settings.CatalogSize % layersCount : 0);
            var ids = new List<CredentialId>(size);
            for (var i = 0; i < size; i++)
            {
                var id = new CredentialId(string.Create(CultureInfo.InvariantCulture, $"p{layer}-{i:D4}"));
                ids.Add(id);
                var c = rng.Next(1, 5);
                credits[id] = c;
                var hours = 5 * rng.Next(2, 33);
                var cost = 50 * rng.Next(0, 41);
                Requirement? requires = null;
                if (layer > 0)
                {
                    requires = PlanningRequirement(rng, layers, layer, credits, settings.PoolOverlap, referenced);
                }

                credentials.Add(new Credential(id) { Kind = layer == 0 ? "course" : "certificate", Credits = c, Hours = hours, Cost = cost, Requires = requires });
            }

            layers.Add(ids);
        }

        // Credentials no requirement names would fall out of the target's cone: the target's pool takes them in.
        var top = layers[^1];
        var orphans = credentials.Select(c => c.Id).Where(id => !referenced.Contains(id) && !top.Contains(id)).ToList();
        var target = new CredentialId("TARGET");
        var goalChildren = new List<Requirement>
        {
            Rule.Credential(top[0]),
            Rule.Count(Math.Min(3, top.Count - 1), Select.Ids([.. top.Skip(1)])),
        };
        if (orphans.Count > 0)
        {
            goalChildren.Add(Rule.Count(Math.Min(2, orphans.Count), Select.Ids([.. orphans])));
        }

        credentials.Add(new Credential(target) { Kind = "diploma", Requires = Rule.AllOf([.. goalChildren]) });
        var catalog = new Catalog(credentials, name: "generated " + settings.Label);
        var holdings = new List<Holding>();
        foreach (var id in layers[0])
        {
            if (rng.NextDouble() < settings.HoldingDensity)
            {
                holdings.Add(new Holding(id, FirstEarned.AddDays(rng.Next(0, 2000)), score: rng.Next(50, 101)));
            }
        }

        return new PlanningInstance("gen-" + settings.Label, catalog, target, new LearnerRecord("planner", holdings), AsOf);
    }

    private static Requirement PlanningRequirement(
        Random rng, List<List<CredentialId>> layers, int layer, Dictionary<CredentialId, int> credits, double overlap, HashSet<CredentialId> referenced)
    {
        // Mostly the layer just below, sometimes any lower layer: depth is real, shortcuts exist.
        var lower = rng.NextDouble() < 0.7 ? layers[layer - 1] : layers[rng.Next(0, layer)];
        var draw = new PoolDraw(rng, lower, overlap);
        var children = new List<Requirement>();
        var m = rng.Next(1, 4);

        // Every consuming node gets fresh ids enough to satisfy it alone, so the requirement can always be met
        // with everything available; overlap only adds ids other nodes also name, which makes allocation matter.
        for (var k = 0; k < m && draw.FreshLeft >= 3; k++)
        {
            var roll = rng.NextDouble();
            if (roll < 0.35)
            {
                children.Add(Rule.Credential(draw.Fresh(1)[0]));
            }
            else if (roll < 0.55)
            {
                var alternatives = draw.Fresh(1).Concat(draw.Take(rng.Next(1, 3))).Distinct();
                children.Add(Rule.AnyOf([.. alternatives.Select(id => (Requirement)Rule.Credential(id))]));
            }
            else if (roll < 0.8)
            {
                var need = rng.Next(1, 4);
                var pool = draw.Fresh(need).Concat(draw.Take(rng.Next(1, 4))).Distinct().ToArray();
                children.Add(Rule.Count(need, Select.Ids(pool)));
            }
            else
            {
                var own = draw.Fresh(rng.Next(2, 4));
                var pool = own.Concat(draw.Take(rng.Next(1, 4))).Distinct().ToArray();
                children.Add(Rule.Credits(own.Sum(id => credits[id]), Select.Ids(pool)));
            }
        }

        if (children.Count == 0)
        {
            children.Add(Rule.Credential(draw.Take(1)[0]));
        }

        foreach (var id in draw.Drawn)
        {
            referenced.Add(id);
        }

        return children.Count == 1 ? children[0] : Rule.AllOf([.. children]);
    }

    /// <summary>Draws ids for the nodes of one requirement: fresh ones, or with probability overlap ones already named.</summary>
    private sealed class PoolDraw(Random rng, List<CredentialId> source, double overlap)
    {
        private readonly List<CredentialId> _order = [.. source.OrderBy(_ => rng.Next())];
        private readonly List<CredentialId> _drawn = [];
        private int _next;

        public IReadOnlyList<CredentialId> Drawn => _drawn;

        /// <summary>How many ids of the source no node has named yet (an upper bound).</summary>
        public int FreshLeft => _order.Count - _next;

        /// <summary>Ids no node of this requirement named yet (while the source lasts).</summary>
        public CredentialId[] Fresh(int n)
        {
            var result = new List<CredentialId>(n);
            while (result.Count < n && _next < _order.Count)
            {
                var id = _order[_next++];
                if (!_drawn.Contains(id))
                {
                    result.Add(id);
                    _drawn.Add(id);
                }
            }

            return [.. result];
        }

        public CredentialId[] Take(int n)
        {
            var result = new List<CredentialId>(n);
            var guard = 0;
            while (result.Count < n && guard++ < 10 * n + 100)
            {
                CredentialId id;
                if (_drawn.Count > 0 && rng.NextDouble() < overlap)
                {
                    id = _drawn[rng.Next(_drawn.Count)];
                }
                else if (_next < _order.Count)
                {
                    id = _order[_next++];
                }
                else
                {
                    // The source is used up: fall back to reuse (only possible when the source is small).
                    id = source[rng.Next(source.Count)];
                }

                if (!result.Contains(id))
                {
                    result.Add(id);
                }
            }

            foreach (var id in result)
            {
                if (!_drawn.Contains(id))
                {
                    _drawn.Add(id);
                }
            }

            return [.. result];
        }
    }
}
