using Stacking.Planning;

namespace Stacking.Tests.Planning;

/// <summary>The time budget's reserve for the work after the stop signal (Planner.SearchLimit); arithmetic only, no timing.</summary>
public sealed class PlannerBudgetTests
{
    [Theory]
    [InlineData(100, 95)]
    [InlineData(1_000, 975)]
    [InlineData(10_000, 9_975)]
    [InlineData(20, 19)]
    public void TheSearchStopsAReserveBeforeTheBudget(int budgetMs, int searchMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(searchMs), Planner.SearchLimit(TimeSpan.FromMilliseconds(budgetMs)));

    [Fact]
    public void NoBudgetAndAnEmptyBudgetAreKept()
    {
        Assert.Null(Planner.SearchLimit(null));
        Assert.Equal(TimeSpan.Zero, Planner.SearchLimit(TimeSpan.Zero));
    }

    [Fact]
    public void TheReserveIsAtMostAFixedShareOfTheBudgetAndAtMostItsCap()
    {
        for (var ms = 1; ms <= 100_000; ms *= 3)
        {
            var budget = TimeSpan.FromMilliseconds(ms);
            var reserve = budget - Planner.SearchLimit(budget)!.Value;
            Assert.InRange(reserve, TimeSpan.Zero, Planner.MaxReserve);
            Assert.True(reserve.Ticks <= budget.Ticks * Planner.ReserveFraction, $"{ms} ms: reserve {reserve}");
        }
    }

    [Fact]
    public void ABudgetThatCannotBeIsRefusedWhenTheOptionsAreMade()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanRequestOptions { TimeLimit = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanRequestOptions { NodeLimit = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanRequestOptions { MaxParetoPoints = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlannerOptions { DefaultTimeLimit = TimeSpan.FromTicks(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlannerOptions { DefaultNodeLimit = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlannerOptions { DefaultMaxParetoPoints = 0 });

        // The edges are budgets: none at all, and the zero that stops at once.
        var edges = new PlanRequestOptions { TimeLimit = TimeSpan.Zero, NodeLimit = 0, MaxParetoPoints = 1 };
        Assert.Equal((TimeSpan.Zero, 0L, 1), (edges.TimeLimit!.Value, edges.NodeLimit!.Value, edges.MaxParetoPoints!.Value));
        Assert.Null(new PlanRequestOptions { TimeLimit = null }.TimeLimit);
    }

    [Fact]
    public void ANullObjectiveIsRefusedWhenTheOptionsAreMade()
    {
        // It reached Plan as a NullReferenceException.
        var e = Assert.Throws<ArgumentNullException>(() => new PlanRequestOptions { Objective = null! });
        Assert.Equal("value", e.ParamName);
        Assert.Equal(PlanObjective.Hours, new PlanRequestOptions().Objective);
    }
}
