using Stacking.Internal;

namespace Stacking.Planning;

/// <summary>Settings of a <see cref="Planner"/> that hold for every request.</summary>
public sealed class PlannerOptions
{
    private readonly long _defaultNodeLimit = StandardNodeLimit;
    private readonly TimeSpan? _defaultTimeLimit;
    private readonly int _defaultMaxParetoPoints = StandardMaxParetoPoints;

    /// <summary>The default <see cref="DefaultNodeLimit"/>: 200 000 search nodes.</summary>
    public const long StandardNodeLimit = 200_000;

    /// <summary>Gets the default <see cref="DefaultMaxParetoPoints"/>: 32.</summary>
    public const int StandardMaxParetoPoints = 32;

    /// <summary>Gets the node budget of a request that sets none (default <see cref="StandardNodeLimit"/>).</summary>
    /// <remarks>A search node is one set of chosen steps examined by branch and bound.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is negative.</exception>
    public long DefaultNodeLimit
    {
        get => _defaultNodeLimit;
        init => _defaultNodeLimit = Checked.NotNegative(value, nameof(value));
    }

    /// <summary>Gets the time budget of a request that sets none; null (the default) means no time limit.</summary>
    /// <remarks>It means what <see cref="PlanRequestOptions.TimeLimit"/> means: the search stops a reserve before it (5%,
    /// at most 25 ms) so that the answer is returned within it, except for work that does not poll the clock.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is negative.</exception>
    public TimeSpan? DefaultTimeLimit
    {
        get => _defaultTimeLimit;
        init => _defaultTimeLimit = value is { } limit ? Checked.NotNegative(limit, nameof(value)) : null;
    }

    /// <summary>Gets the most points a Pareto front returns (default <see cref="StandardMaxParetoPoints"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1.</exception>
    public int DefaultMaxParetoPoints
    {
        get => _defaultMaxParetoPoints;
        init => _defaultMaxParetoPoints = Checked.Positive(value, nameof(value));
    }
}
