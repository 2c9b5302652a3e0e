namespace Stacking.Planning;

/// <summary>What a plan minimises: Σ over steps of <c>wHours × hours + wCost × cost</c> (spec §8).</summary>
/// <remarks>Weights are non-negative, so adding a step never lowers a plan's value. Immutable.</remarks>
public sealed class PlanObjective : IEquatable<PlanObjective>
{
    private PlanObjective(decimal hoursWeight, decimal costWeight, string name)
    {
        HoursWeight = hoursWeight;
        CostWeight = costWeight;
        Name = name;
    }

    /// <summary>Gets the objective that minimises total hours (wHours = 1, wCost = 0).</summary>
    public static PlanObjective Hours { get; } = new(1m, 0m, "hours");

    /// <summary>Gets the objective that minimises total cost (wHours = 0, wCost = 1).</summary>
    public static PlanObjective Cost { get; } = new(0m, 1m, "cost");

    /// <summary>Gets the weight of a step's hours.</summary>
    public decimal HoursWeight { get; }

    /// <summary>Gets the weight of a step's cost.</summary>
    public decimal CostWeight { get; }

    /// <summary>Gets the objective's name: <c>hours</c>, <c>cost</c> or <c>weighted</c>.</summary>
    public string Name { get; }

    /// <summary>Creates an objective with explicit weights.</summary>
    /// <param name="hoursWeight">The weight of hours, at least 0.</param>
    /// <param name="costWeight">The weight of cost, at least 0.</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative.</exception>
    public static PlanObjective Weighted(decimal hoursWeight, decimal costWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hoursWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(costWeight);
        return new(hoursWeight, costWeight, "weighted");
    }

    /// <summary>Computes the value of a step or plan with these hours and this cost.</summary>
    /// <param name="hours">The hours.</param>
    /// <param name="cost">The cost.</param>
    /// <returns><c>HoursWeight × hours + CostWeight × cost</c>.</returns>
    public decimal ValueOf(decimal hours, decimal cost) => (HoursWeight * hours) + (CostWeight * cost);

    /// <inheritdoc/>
    public bool Equals(PlanObjective? other) =>
        other is not null && HoursWeight == other.HoursWeight && CostWeight == other.CostWeight;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PlanObjective);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(HoursWeight, CostWeight);

    /// <inheritdoc/>
    public override string ToString() => Name == "weighted" ? $"weighted({HoursWeight}, {CostWeight})" : Name;
}
