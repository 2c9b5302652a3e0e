using System.CommandLine;

namespace Stacking.Cli.Infrastructure;

/// <summary>The arguments and options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Argument<string> Catalog() => new("CATALOG")
    {
        Description = "The catalog document (stacking/catalog@1 JSON).",
    };

    public static Argument<string> Learner() => new("LEARNER")
    {
        Description = "The learner document (stacking/learner@1 JSON).",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON object to standard output instead of tables (stable member names, see docs/cli.md).",
    };

    public static Option<string> Target(bool required) => new("--target")
    {
        Description = "The id of the target credential.",
        HelpName = "ID",
        Required = required,
    };
}
