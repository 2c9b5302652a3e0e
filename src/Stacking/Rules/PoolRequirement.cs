namespace Stacking.Rules;

/// <summary>A node that draws distinct items from a selector: count, credits or hours.</summary>
public abstract record PoolRequirement : ConsumingRequirement
{
    private readonly Selector _from;

    private protected PoolRequirement(Selector from) => _from = from ?? throw new ArgumentNullException(nameof(from));

    /// <summary>Gets the selector that says which items may count.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public Selector From
    {
        get => _from;
        init => _from = value ?? throw new ArgumentNullException(nameof(value));
    }
}
