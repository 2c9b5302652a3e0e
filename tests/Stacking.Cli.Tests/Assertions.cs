using System.Text.Json;

namespace Stacking.Cli.Tests;

internal static class Assertions
{
    /// <summary>Asserts the exit code, showing both streams when it differs.</summary>
    public static void ExitCode(int expected, CliResult result) =>
        Assert.True(result.ExitCode == expected, $"expected exit {expected}, got {result}");

    /// <summary>Asserts that standard error is a few clear lines, never a .NET stack trace.</summary>
    public static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Parses standard output as one JSON object.</summary>
    public static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an object has every member named.</summary>
    public static void HasMembers(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(element.TryGetProperty(name, out _), $"missing member '{name}' in {element}");
        }
    }
}
