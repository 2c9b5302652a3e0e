using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stacking.Eligibility;
using Stacking.Model;

namespace Stacking.Cli.Infrastructure;

/// <summary>Shows eligibility results: the explanation tree for people, and the <c>explanation</c> member for programs.</summary>
internal static class Explanations
{
    public static string Status(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => "eligible",
        EligibilityStatus.NotEligible => "not-eligible",
        _ => "undetermined",
    };

    public static double Progress(double progress) => Math.Round(progress, 4);

    public static string Percent(double progress) => (progress * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static JsonObject ToJson(EligibilityResult result) => new() { ["status"] = Status(result.Status) };

    public static IRenderable ToTree(EligibilityResult result, Catalog catalog) => new Tree(Status(result.Status));
}
