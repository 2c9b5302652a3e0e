namespace Stacking.Model;

/// <summary>An exception an advisor grants a learner: a <see cref="Substitution"/> or a <see cref="Waiver"/> (spec §4, §5).</summary>
public abstract record AdvisorException
{
    private readonly ExtensionMembers _extensions = ExtensionMembers.Empty;

    private protected AdvisorException(string? reason) => Reason = reason;

    /// <summary>Gets why the exception was granted, if recorded.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the members of the JSON object this exception was read from that the format does not define.</summary>
    /// <exception cref="ArgumentNullException">On init: the value is null.</exception>
    public ExtensionMembers Extensions
    {
        get => _extensions;
        init => _extensions = value ?? throw new ArgumentNullException(nameof(value));
    }
}
