using System.Diagnostics;
using System.Globalization;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Peers;
using Stacking.Benchmarks.Suites;
using Stacking.Eligibility;
using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Benchmarks.Reporting;

/// <summary>
/// The untimed pass before the timings: every contender answers every case once, and the answers are compared
/// (eligible counts and disagreements, objectives and statuses, the 100 ms anytime runs, validation findings).
/// </summary>
public sealed class Verification
{
    private readonly bool _dry;

    public Verification(bool dry) => _dry = dry;

    public List<EligibilityCheck> Eligibility { get; } = [];

    public List<PlanningCheck> Planning { get; } = [];

    public RealEligibilityCheck? RealEligibility { get; private set; }

    public List<LargeCheck> Large { get; } = [];

    public List<ValidationCheck> Validation { get; } = [];

    /// <summary>Seconds CP-SAT (default workers) gets to prove the bound of a 1 000-candidate instance.</summary>
    public double LargeCpSatSeconds => _dry ? 0.5 : 5;

    /// <summary>Seconds our planner gets, without the 100 ms budget, to prove the optimum of a 1 000-candidate instance.</summary>
    public double LargeOursSeconds => _dry ? 1 : 3;

    /// <summary>
    /// Seconds SCIP (OR-Tools' MIP solver, on the CP-SAT peer's model read as a linear program) gets to prove the
    /// optimum of a 1 000-candidate instance: it proves all ten in 0.2–0.8 s (docs/performance.md).
    /// </summary>
    public double LargeScipSeconds => _dry ? 1 : 10;

    /// <summary>Instances of the 1 000-candidate goal actually run.</summary>
    public int LargeInstances => _dry ? 0 : Cases.LargeInstances;

    public void Run()
    {
        var watch = Stopwatch.StartNew();
        void Phase(string name)
        {
            Console.WriteLine(FormattableString.Invariant($"  verification: {name} done at {watch.Elapsed.TotalSeconds:0.0} s"));
        }

        foreach (var nodes in Cases.DisjointNodes)
        {
            Eligibility.Add(CheckEligibility("disjoint-" + nodes.ToString(CultureInfo.InvariantCulture) + "n", Cases.Disjoint(nodes), 0));
        }

        foreach (var overlap in Cases.Overlaps)
        {
            Eligibility.Add(CheckEligibility("overlap-" + overlap.ToString(CultureInfo.InvariantCulture) + "-20n", Cases.Overlapping(overlap), overlap));
        }

        Phase("generated eligibility");
        RealEligibility = CheckRealEligibility();
        Phase("real-catalog eligibility");

        foreach (var name in Cases.PlanningCaseNames())
        {
            Planning.Add(CheckPlanning(name, Cases.Planning(name)));
        }

        Phase("exact planning");
        for (var i = 0; i < LargeInstances; i++)
        {
            Large.Add(CheckLarge(i, Cases.Large(i)));
        }

        Phase("1 000-candidate planning");
        foreach (var (name, path) in RealCatalogs.All())
        {
            Validation.Add(CheckValidation(name, path));
        }

        Phase("validation");
    }

    private EligibilityCheck CheckEligibility(string name, EligibilityInstance instance, double overlap)
    {
        // A dry run checks the answers of the first 200 learners only (RulesEngine is slow); timings use all.
        var learners = _dry ? instance.Learners.Take(200).ToArray() : [.. instance.Learners];
        var rules = new RulesEngineEncoding(instance.Catalog, [instance.Qualification]);
        var re = learners.Select(l => rules.IsEligible(rules.Facts(l, instance.AsOf))).ToArray();
        bool[]? floor = null;
        if (instance.PoolsAreDisjoint)
        {
            var f = new BitsetFloor(instance.Catalog, instance.Requirement);
            var scratch = new bool[f.NodeCount];
            floor = [.. learners.Select(l => f.Evaluate(f.Bits(l, instance.Catalog, instance.AsOf), scratch))];
        }

        bool[]? ours = null;
        string? oursError = null;
        try
        {
            var evaluator = new EligibilityEvaluator(instance.Catalog);
            ours = [.. learners.Select(l => evaluator.Check(instance.Qualification, evaluator.Prepare(l, instance.AsOf)) == EligibilityStatus.Eligible)];
            // The full evaluation must agree with the fast path.
            for (var i = 0; i < Math.Min(50, learners.Length); i++)
            {
                if (evaluator.Evaluate(instance.Qualification, learners[i], instance.AsOf).IsEligible != ours[i])
                {
                    oursError = "Evaluate and Check disagree";
                }
            }
        }
#pragma warning disable CA1031 // A failing engine is a finding to report, not a reason to lose the other figures.
        catch (Exception e)
#pragma warning restore CA1031
        {
            oursError = e.GetType().Name + ": " + e.Message;
        }

        static int? Differ(bool[]? a, bool[]? b) => a is null || b is null ? null : a.Zip(b).Count(p => p.First != p.Second);
        return new EligibilityCheck(
            name, instance.NodeCount, overlap, instance.PoolsAreDisjoint, learners.Length,
            ours?.Count(x => x), re.Count(x => x), floor?.Count(x => x),
            Differ(ours, re), Differ(ours, floor), Differ(re, floor), oursError, rules.Expressions[0]);
    }

    private static RealEligibilityCheck? CheckRealEligibility()
    {
        if (Cases.GtEligibility() is not { } gt)
        {
            return null;
        }

        var rules = new RulesEngineEncoding(gt.Catalog, gt.Targets);
        var re = gt.Learners.Select(l => rules.Answers(rules.Facts(l, InstanceGenerator.AsOf))).ToArray();
        var reEligible = re.Sum(a => a.Values.Count(x => x));
        int? oursEligible = null;
        int? differ = null;
        string? error = null;
        try
        {
            var evaluator = new EligibilityEvaluator(gt.Catalog);
            oursEligible = 0;
            differ = 0;
            for (var l = 0; l < gt.Learners.Length; l++)
            {
                var prepared = evaluator.Prepare(gt.Learners[l], InstanceGenerator.AsOf);
                foreach (var target in gt.Targets)
                {
                    var ours = evaluator.Check(target, prepared) == EligibilityStatus.Eligible;
                    oursEligible += ours ? 1 : 0;
                    differ += ours != re[l][target.Value] ? 1 : 0;
                }
            }
        }
#pragma warning disable CA1031 // A failing engine is a finding to report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.GetType().Name + ": " + e.Message;
        }
        return new RealEligibilityCheck("gt-202502", gt.Targets.Length, gt.Learners.Length, oursEligible, reEligible, differ, error);
    }

    private PlanningCheck CheckPlanning(string name, PlanningInstance instance)
    {
        var model = new CpSatPlanningModel(instance.Catalog, instance.Target, instance.Learner, instance.AsOf);
        var one = model.Solve(1, PlanningBenchmarks.CpSatTimeLimitSeconds);

        // A dry run only smoke-tests the writer: the default-workers answer is the one-worker one.
        var all = _dry ? one : model.Solve(0, PlanningBenchmarks.CpSatTimeLimitSeconds);
        var ours = OursPlan.Run(() => new OursPlanning(instance).Plan());
        var slowest = new[] { one.Wall, all.Wall, ours.Wall }.Max();
        if (slowest.TotalSeconds > Cases.SlowSeconds)
        {
            Cases.SlowPlanning[name] = true;
        }

        return new PlanningCheck(name, model.Candidates, model.IsExact, model.RelaxationReason, ours, one, all);
    }

    private LargeCheck CheckLarge(int index, PlanningInstance instance)
    {
        var model = new CpSatPlanningModel(instance.Catalog, instance.Target, instance.Learner, instance.AsOf);
        var cp = model.Solve(0, LargeCpSatSeconds);
        CpSatOutcome? scip = null;
        if (model.IsExact)
        {
            using var mip = new RelaxedPlanningModel(model, integer: true);
            scip = mip.Solve(LargeScipSeconds);
        }

        var planning = new OursPlanning(instance);
        var runs = new List<OursPlan>();
        for (var r = 0; r < 3; r++)
        {
            var (result, wall, error) = planning.PlanWithin(TimeSpan.FromMilliseconds(100));
            runs.Add(result is null
                ? new OursPlan("error", null, null, wall, error)
                : OursPlan.From(result, wall));
        }

        var ours = runs.OrderBy(r => r.Wall).ElementAt(1);
        var (full, fullWall, fullError) = planning.PlanWithin(TimeSpan.FromSeconds(LargeOursSeconds));
        var reference = full is null
            ? new OursPlan("error", null, null, fullWall, fullError)
            : OursPlan.From(full, fullWall);
        return new LargeCheck(instance.Name, index, model.Candidates, model.IsExact, ours, cp, reference, scip);
    }

    private static ValidationCheck CheckValidation(string name, string path)
    {
        try
        {
            var catalog = CatalogJson.ReadFile(path);
            var watch = Stopwatch.StartNew();
            var report = CatalogValidator.Validate(catalog);
            watch.Stop();
            var codes = string.Join(", ", report.Findings.GroupBy(f => f.Code).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture)));
            return new ValidationCheck(name, catalog.Credentials.Length, report.IsValid, report.Errors.Count(), report.Warnings.Count(), codes, watch.Elapsed, null);
        }
#pragma warning disable CA1031 // A failing engine is a finding to report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new ValidationCheck(name, 0, false, 0, 0, string.Empty, TimeSpan.Zero, e.GetType().Name + ": " + e.Message);
        }
    }
}

/// <summary>One eligibility case's answers: eligible counts per contender and pairwise disagreements.</summary>
public sealed record EligibilityCheck(
    string Case, int Nodes, double Overlap, bool Disjoint, int Learners,
    int? OursEligible, int ReEligible, int? FloorEligible,
    int? OursVsRe, int? OursVsFloor, int? ReVsFloor, string? OursError, string RulesEngineExpression);

/// <summary>The real-catalog batch: courses × learners checks, eligible counts and disagreements.</summary>
public sealed record RealEligibilityCheck(string Catalog, int Targets, int Learners, int? OursEligible, int ReEligible, int? OursVsRe, string? OursError)
{
    public int Checks => Targets * Learners;
}

/// <summary>Our planner's answer on one instance.</summary>
public sealed record OursPlan(string Status, decimal? Objective, decimal? LowerBound, TimeSpan Wall, string? Error)
{
    /// <summary>The answer of one plan call; the objective only when there is a plan (optimal or feasible).</summary>
    public static OursPlan From(Planning.PlanResult result, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hasPlan = result.Status is Planning.PlanStatus.Optimal or Planning.PlanStatus.Feasible;
        return new OursPlan(result.Status.ToString(), hasPlan ? result.ObjectiveValue : null, result.LowerBound, wall, null);
    }

    public static OursPlan Run(Func<Planning.PlanResult> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = plan();
            return From(result, watch.Elapsed);
        }
#pragma warning disable CA1031 // A failing engine is a finding to report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new OursPlan("error", null, null, watch.Elapsed, e.GetType().Name + ": " + e.Message);
        }
    }
}

/// <summary>One exact-comparison planning instance: ours, CP-SAT with one worker and with default workers.</summary>
public sealed record PlanningCheck(string Case, int Candidates, bool Exact, string? Relaxation, OursPlan Ours, CpSatOutcome OneWorker, CpSatOutcome DefaultWorkers);

/// <summary>
/// One 1 000-candidate instance: ours under a 100 ms budget against the best lower bound any prover of the run proves.
/// </summary>
/// <remarks>
/// The provers are CP-SAT (default workers), SCIP on the same model (<see cref="RelaxedPlanningModel"/>; null when the
/// model is not exact) and ours, with the 100 ms budget and with a longer one. The goal measures the 100 ms plan
/// against that bound; <see cref="OwnGap"/> is what the 100 ms answer certifies by itself.
/// </remarks>
public sealed record LargeCheck(string Case, int Index, int Candidates, bool Exact, OursPlan Ours, CpSatOutcome CpSat, OursPlan OursLonger, CpSatOutcome? Scip)
{
    /// <summary>
    /// The best proven lower bound on the optimum: the highest of CP-SAT's optimum or bound, SCIP's, our lower bound at
    /// 100 ms, and our lower bound (the optimum, when proven) with a longer budget.
    /// </summary>
    public decimal? ProvenBound
    {
        get
        {
            decimal? cp = !Exact ? null : CpSat.Status == "Optimal" ? CpSat.Objective : CpSat.Bound;
            var candidates = new[] { cp, ScipBound, Ours.LowerBound, OursLonger.Status == "Optimal" ? OursLonger.Objective : OursLonger.LowerBound };
            var known = candidates.Where(c => c is not null).Select(c => c!.Value).ToList();
            return known.Count == 0 ? null : known.Max();
        }
    }

    /// <summary>
    /// SCIP's proven bound (its optimum when it proves one), rounded down to the hundredth after a tolerance of 10⁻⁶:
    /// SCIP computes in floating point, so an optimum of 4600 may come back as 4599.9999999 or 4600.0000001.
    /// </summary>
    public decimal? ScipBound =>
        Scip is { } s && (s.Status == "OPTIMAL" ? s.Objective : s.Bound) is { } b
            ? Math.Floor((b + 0.000001m) * 100) / 100
            : null;

    /// <summary>SCIP's plan, rounded to the hundredth (null without one).</summary>
    public decimal? ScipObjective => Scip?.Objective is { } o ? Math.Round(o, 2) : null;

    /// <summary>A contradiction between two proofs (one side's proven bound above the other's plan): a bug to report.</summary>
    public string? Contradiction =>
        ProvenBound is { } bound && new[] { Ours.Objective, OursLonger.Objective, Exact ? CpSat.Objective : null, ScipObjective }.Any(o => o < bound)
            ? $"a plan costs less than the proven bound {bound}"
            : null;

    /// <summary>(ours − bound) ÷ bound, or null when either is missing.</summary>
    public double? Gap => Ratio(Ours.Objective, ProvenBound);

    /// <summary>(ours − our own lower bound) ÷ that bound: the gap the 100 ms answer certifies by itself.</summary>
    public double? OwnGap => Ratio(Ours.Objective, Ours.LowerBound);

    /// <summary>The goal: a plan within 5% of the proven bound inside 100 ms.</summary>
    public bool WithinGoal => Gap is <= 0.05 && Ours.Wall <= TimeSpan.FromMilliseconds(100);

    /// <summary>Whether the 100 ms answer's own bound certifies it within 5%.</summary>
    public bool CertifiedWithinGoal => OwnGap is <= 0.05 && Ours.Wall <= TimeSpan.FromMilliseconds(100);

    private static double? Ratio(decimal? plan, decimal? bound) => plan is { } o && bound is { } b
        ? b == 0 ? (o == 0 ? 0 : double.PositiveInfinity) : (double)((o - b) / b)
        : null;
}

/// <summary>One real catalog's validation: findings and a one-shot time (BenchmarkDotNet gives the median).</summary>
public sealed record ValidationCheck(string Catalog, int Credentials, bool Valid, int Errors, int Warnings, string Codes, TimeSpan Wall, string? Error);
