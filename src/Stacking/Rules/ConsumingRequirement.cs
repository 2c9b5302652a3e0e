using Stacking.Model;

namespace Stacking.Rules;

/// <summary>A node that uses items: a credential leaf, or a count, credits or hours pool.</summary>
/// <remarks>
/// <para>Only these nodes carry the qualifiers of spec §3. <see cref="MinScore"/>: the holding must have a
/// score and it must be at least this. <see cref="Within"/>: the holding must have been earned on or after
/// the as-of date minus this period.</para>
/// <para>Within one credential's requirement each item is used by at most one consuming node, unless the
/// node is <see cref="Requirement.Shared"/> or below a shared node (spec §6).</para>
/// </remarks>
public abstract record ConsumingRequirement : Requirement
{
    private protected ConsumingRequirement()
    {
    }

    /// <summary>Gets the least score a holding must have to count, if any.</summary>
    public decimal? MinScore { get; init; }

    /// <summary>Gets how recently a holding must have been earned to count, if limited.</summary>
    public Period? Within { get; init; }
}
