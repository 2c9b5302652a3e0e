namespace Stacking.Tests.Support;

/// <summary>Finds the repository and the shared folders (spec, real catalogs) at run time.</summary>
internal static class TestPaths
{
    /// <summary>Gets the repository root: the nearest ancestor of the test binaries with <c>Stacking.sln</c>.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Finds a folder named <c>shared/&lt;name&gt;</c> next to the repository root or one of its ancestors.</summary>
    /// <param name="name">The sub-folder of <c>shared</c>, such as <c>data</c> or <c>spec</c>.</param>
    /// <returns>The full path, or null when there is none.</returns>
    /// <remarks>
    /// The main checkout is <c>/work/main</c> with <c>/work/shared</c> beside it; worktrees are one level deeper. The
    /// environment variable <c>STACKING_SHARED</c>, when set, names the shared folder instead (a clone elsewhere).
    /// </remarks>
    public static string? Shared(string name)
    {
        if (Environment.GetEnvironmentVariable("STACKING_SHARED") is { Length: > 0 } shared)
        {
            var named = Path.Combine(shared, name);
            return Directory.Exists(named) ? named : null;
        }

        for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The path of a file in <c>shared/data</c> (the real catalogs), which the tests require.</summary>
    /// <param name="file">The file name, such as <c>gt-202502.catalog.json</c>.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="DirectoryNotFoundException">There is no <c>shared/data</c> beside the repository root or its ancestors.</exception>
    public static string SharedData(string file) =>
        Path.Combine(
            Shared("data") ?? throw new DirectoryNotFoundException($"shared/data was not found beside {RepoRoot} or its ancestors (or in STACKING_SHARED); the real catalogs are required."),
            file);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stacking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Stacking.sln above {AppContext.BaseDirectory}.");
    }
}
