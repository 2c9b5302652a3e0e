namespace Stacking.Cli.Infrastructure;

/// <summary>The exit codes of spec §10, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command ran, whatever the answer: "not eligible" and "infeasible" are answers.</summary>
    public const int Ok = 0;

    /// <summary>The catalog or a learner has validation errors (listed on standard error).</summary>
    public const int ValidationErrors = 1;

    /// <summary>Bad usage, a file that cannot be read, or malformed JSON.</summary>
    public const int BadInput = 2;
}
