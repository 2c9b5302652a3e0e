using FsCheck;
using FsCheck.Xunit;
using Stacking.Eligibility.Engine;
using Stacking.Tests.Generators;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Eligibility;

/// <summary>A small system of integer rows <c>Σ a_j·v_j ≥ b</c> over <c>v</c> in <c>[0, 1]</c>, decoded from a genome.</summary>
public sealed class LinearSystemCase
{
    public LinearSystemCase(int[] genome)
    {
        Genome = genome;
        var next = new GenomeReader(genome);
        Variables = 1 + next.Next(4);
        var rows = 1 + next.Next(6);
        Rows = [.. Enumerable.Range(0, rows).Select(_ =>
        {
            var row = new long[Variables + 1];
            for (var j = 0; j < Variables; j++)
            {
                row[j] = next.Next(7) - 3;
            }

            // Bounds of 0 and below dominate a short genome (a missing value reads 0 → −3), so most systems are small.
            row[Variables] = next.Next(8) - 3;
            return row;
        })];
    }

    public int[] Genome { get; }

    public int Variables { get; }

    public IReadOnlyList<long[]> Rows { get; }

    internal FeasibilityLp ToLp()
    {
        var lp = new FeasibilityLp();
        for (var j = 0; j < Variables; j++)
        {
            lp.AddVariable();
        }

        foreach (var row in Rows)
        {
            var columns = Enumerable.Range(0, Variables).Where(j => row[j] != 0).ToArray();
            lp.AddRow(columns, [.. columns.Select(j => (decimal)row[j])], row[Variables]);
        }

        return lp;
    }

    public override string ToString() =>
        $"[{string.Join(",", Genome)}] " + string.Join("; ", Rows.Select(r => $"{string.Join(" ", r[..^1])} >= {r[^1]}"));
}

public static class LinearSystemArbitraries
{
    public static Arbitrary<LinearSystemCase> Cases() => Genome.Arbitrary(36, g => new LinearSystemCase(g), c => c.Genome);
}

/// <summary>
/// The engine's phase-one simplex (<see cref="FeasibilityLp"/>) against Fourier–Motzkin elimination in exact
/// arithmetic: it proves infeasible exactly the small systems that have no solution in the unit box.
/// </summary>
[Properties(Arbitrary = [typeof(LinearSystemArbitraries)], MaxTest = 1000)]
public sealed class FeasibilityLpLaws
{
    [Property]
    public bool AProofOfInfeasibilityIsNeverGivenForASystemWithASolution(LinearSystemCase c) =>
        !c.ToLp().ProvesInfeasible(1000) || !ReferenceLinearFeasibility.IsFeasible(c.Variables, c.Rows);

    [Property]
    public bool EverySmallSystemWithoutASolutionIsProvenInfeasible(LinearSystemCase c) =>
        ReferenceLinearFeasibility.IsFeasible(c.Variables, c.Rows) || c.ToLp().ProvesInfeasible(1000);

    [Fact]
    public void TheGeneratorMakesBothFeasibleAndInfeasibleSystems()
    {
        var random = new Random(20261205);
        var infeasible = 0;
        for (var i = 0; i < 400; i++)
        {
            var c = new LinearSystemCase([.. Enumerable.Range(0, 36).Select(_ => random.Next(Genome.MaxValue + 1))]);
            infeasible += ReferenceLinearFeasibility.IsFeasible(c.Variables, c.Rows) ? 0 : 1;
        }

        Assert.InRange(infeasible, 40, 360);
    }

    [Fact]
    public void TwoPoolsThatEachFitButNotTogetherAreProvenInfeasible()
    {
        // Three items of 3 credits, two nodes of 6 credits each: x_ni for node n and item i, Σ_n x_ni ≤ 1.
        var lp = new FeasibilityLp();
        var x = new int[2, 3];
        for (var n = 0; n < 2; n++)
        {
            for (var i = 0; i < 3; i++)
            {
                x[n, i] = lp.AddVariable();
            }
        }

        for (var n = 0; n < 2; n++)
        {
            lp.AddRow([x[n, 0], x[n, 1], x[n, 2]], [3m, 3m, 3m], 6m);
        }

        for (var i = 0; i < 3; i++)
        {
            lp.AddRow([x[0, i], x[1, i]], [-1m, -1m], -1m);
        }

        Assert.True(lp.ProvesInfeasible(100));

        // Four items instead of three: now there is a solution, and no proof.
        var feasible = new FeasibilityLp();
        var y = Enumerable.Range(0, 8).Select(_ => feasible.AddVariable()).ToArray();
        feasible.AddRow(y[..4], [3m, 3m, 3m, 3m], 6m);
        feasible.AddRow(y[4..], [3m, 3m, 3m, 3m], 6m);
        for (var i = 0; i < 4; i++)
        {
            feasible.AddRow([y[i], y[4 + i]], [-1m, -1m], -1m);
        }

        Assert.False(feasible.ProvesInfeasible(100));
    }

    [Fact]
    public void ACertificateThatDoesNotAddUpIsRejected()
    {
        // v0 + v1 ≥ 1 and −v0 ≥ 0 are met by (0, 1): no multipliers prove otherwise, and negative ones are refused.
        var lp = new FeasibilityLp();
        lp.AddVariable();
        lp.AddVariable();
        lp.AddRow([0, 1], [1m, 1m], 1m);
        lp.AddRow([0], [-1m], 0m);
        Assert.False(lp.Certifies([1m, 1m]));
        Assert.False(lp.Certifies([1m, -5m]));
        Assert.False(lp.ProvesInfeasible(100));

        // v0 ≥ 1 and −v0 ≥ 0 contradict each other: multipliers (1, 1) prove it.
        var contradiction = new FeasibilityLp();
        contradiction.AddVariable();
        contradiction.AddRow([0], [1m], 1m);
        contradiction.AddRow([0], [-1m], 0m);
        Assert.True(contradiction.Certifies([1m, 1m]));
        Assert.True(contradiction.ProvesInfeasible(100));
    }

    [Fact]
    public void ASystemBeyondTheTableauLimitIsNotTried()
    {
        // 1 001 rows of 3 000 variables: 5 million tableau cells, over the million tried; v0 ≥ 2 alone is impossible.
        var lp = new FeasibilityLp();
        for (var j = 0; j < 3_000; j++)
        {
            lp.AddVariable();
        }

        lp.AddRow([0], [1m], 2m);
        for (var r = 0; r < 1_000; r++)
        {
            lp.AddRow([1 + r], [1m], 0m);
        }

        Assert.False(lp.ProvesInfeasible(10));
        Assert.Equal(0, lp.Iterations);
    }

    [Fact]
    public void NumbersTooLargeForDecimalGiveNoProofAndNoException()
    {
        // v0 ≥ 1 and −v0 ≥ 0 contradict each other, but with coefficients near decimal's largest value every product
        // overflows: no certificate can be checked, so there is no proof, and no exception either.
        var lp = new FeasibilityLp();
        lp.AddVariable();
        lp.AddRow([0], [decimal.MaxValue / 2], decimal.MaxValue / 2);
        lp.AddRow([0], [-(decimal.MaxValue / 2)], 0m);
        Assert.False(lp.Certifies([3m, 3m]));
        Assert.True(lp.Certifies([1e-10m, 1e-10m]));
    }

    [Fact]
    public void AnIterationLimitOfZeroGivesNoProof()
    {
        var lp = new FeasibilityLp();
        lp.AddVariable();
        lp.AddRow([0], [1m], 2m);
        Assert.False(lp.ProvesInfeasible(0));
        Assert.True(lp.ProvesInfeasible(10));
    }
}
