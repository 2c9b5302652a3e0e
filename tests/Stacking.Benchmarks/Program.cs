using BenchmarkDotNet.Running;
using Stacking.Benchmarks.Instances;
using Stacking.Benchmarks.Suites;

// --peers: the side-by-side suite (minutes); --dry: every benchmark for one iteration (CI smoke run);
// --verify: the untimed answers pass only; --planner-scale [--dry] [--only <group or case>]: the planner's time to a
// first plan, to the proven optimum and its gap at fixed budgets (issue 5); --relaxations [--dry]: the 1 000-candidate
// instances' bounds from the linear relaxation and SCIP's root node beside ours (why our own 100 ms bound certifies 6 of 10); --scip-sweep
// [--dry]: our proven optima against SCIP's on hundreds of generated instances; --scip-real [--dry]: the same on the real
// catalogs (every GT target, NEU degrees for a few minutes, several learners, hours and cost), each plan replayed;
// anything else passes through to BenchmarkSwitcher (e.g. --filter *Planning* --job short).
if (args.Contains("--planner-scale"))
{
    var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    return PlannerScaleRunner.Run(dry: args.Contains("--dry"), only);
}

if (args.Contains("--relaxations"))
{
    return RelaxationsRunner.Run(dry: args.Contains("--dry"));
}

if (args.Contains("--scip-sweep"))
{
    return ScipSweepRunner.Run(dry: args.Contains("--dry"));
}

if (args.Contains("--scip-real"))
{
    return ScipRealRunner.Run(dry: args.Contains("--dry"));
}

if (args.Contains("--peers"))
{
    return PeersRunner.Run(dry: false);
}

if (args.Contains("--verify"))
{
    // Answers only (no timings): every contender on every case, compared.
    return PeersRunner.Run(dry: false, verifyOnly: true);
}

if (args.Contains("--dry"))
{
    // The CI smoke run: every benchmark once, then the planner-scale cases, the relaxations and the SCIP sweeps of a dry run.
    var peers = PeersRunner.Run(dry: true);
    var scale = PlannerScaleRunner.Run(dry: true);
    var relaxations = RelaxationsRunner.Run(dry: true);
    var sweep = ScipSweepRunner.Run(dry: true);
    return Math.Max(Math.Max(peers, scale), Math.Max(relaxations, Math.Max(sweep, ScipRealRunner.Run(dry: true))));
}

var root = RealCatalogs.RepositoryRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
var config = PeersRunner.DefaultConfig(Path.Combine(root, "artifacts", "benchmarks", "bdn"));

// In process by default: the generated out-of-process project would have to build under this repository's
// central package management and analyzers for nothing.
var switcherArgs = args.Any(a => a.Equals("--inProcess", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--runtimes", StringComparison.Ordinal))
    ? args
    : [.. args, "--inProcess"];
var summaries = BenchmarkSwitcher.FromTypes(PeersRunner.Suites).Run(switcherArgs, config);
return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
