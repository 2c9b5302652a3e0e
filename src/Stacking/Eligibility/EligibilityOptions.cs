namespace Stacking.Eligibility;

/// <summary>Options of an <see cref="EligibilityEvaluator"/>.</summary>
public sealed class EligibilityOptions
{
    /// <summary>The default <see cref="WorkLimit"/>: one million steps, well under a second of search.</summary>
    public const long DefaultWorkLimit = 1_000_000;

    private readonly long _workLimit = DefaultWorkLimit;
    private readonly int _maxDegreeOfParallelism = -1;

    /// <summary>Gets the default options.</summary>
    public static EligibilityOptions Default { get; } = new();

    /// <summary>Gets the most search steps one evaluation may take before it answers <see cref="EligibilityStatus.Undetermined"/>.</summary>
    /// <remarks>
    /// <para>A step is one node of the exact search (a choice of alternatives, an item placed, an augmenting path
    /// tried). Requirements whose pools do not compete for items are decided without search and take a handful of
    /// steps whatever their size; the limit only matters for adversarial packing problems (many credits pools over
    /// the same large set of items). The default is <see cref="DefaultWorkLimit"/>.</para>
    /// <para>Where the search runs long (its first round ran past an allocation's budget, or this limit is reached), a
    /// linear relaxation of the allocation is tried once, with limits of its own (at most 2,000 simplex iterations, a
    /// million tableau cells, about 0.3 s): when it has no solution, proven by a certificate checked in exact
    /// arithmetic, the answer is <see cref="EligibilityStatus.NotEligible"/> even past the limit (docs/eligibility.md).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1.</exception>
    public long WorkLimit
    {
        get => _workLimit;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _workLimit = value;
        }
    }

    /// <summary>Gets the most threads a batch (<c>EvaluateBatch</c>, <c>CheckBatch</c>) runs on at once; -1 (the
    /// default) lets the thread pool use every core.</summary>
    /// <remarks>A batch is synchronous and keeps the cores it is given busy until it is done. In a host that serves
    /// other work (a web application, whose timers and <c>CancelAfter</c> run on the same pool), leave some: with every
    /// core busy a timer can fire late, and a cancellation driven by it is seen late. Single evaluations ignore it.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            if (value == 0 || value < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The degree of parallelism is -1 (every core) or at least 1.");
            }

            _maxDegreeOfParallelism = value;
        }
    }
}
