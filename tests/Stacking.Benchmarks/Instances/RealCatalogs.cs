namespace Stacking.Benchmarks.Instances;

/// <summary>Finds the real catalogs in the sibling folder <c>shared/data</c> of the repository root.</summary>
/// <remarks>
/// The repository root is the first ancestor of the program (or of the working directory) holding Stacking.sln.
/// A git worktree's sibling folder is not the main clone's, so a worktree also looks beside the clone its
/// <c>.git</c> file points to. <c>STACKING_DATA</c> overrides both.
/// </remarks>
public static class RealCatalogs
{
    /// <summary>The real catalogs, by short name (file name without <c>.catalog.json</c>).</summary>
    public static IReadOnlyList<(string Name, string Path)> All()
    {
        var folder = DataFolder();
        if (folder is null)
        {
            return [];
        }

        return [.. Directory.GetFiles(folder, "*.catalog.json")
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.GetFileName(p)[..^".catalog.json".Length], p))];
    }

    /// <summary>The path of one real catalog, or null when the data folder or file is missing.</summary>
    public static string? Find(string name) => All().Where(c => c.Name == name).Select(c => c.Path).FirstOrDefault();

    /// <summary>The data folder, or null when it cannot be found.</summary>
    public static string? DataFolder()
    {
        if (Environment.GetEnvironmentVariable("STACKING_DATA") is { Length: > 0 } env && Directory.Exists(env))
        {
            return env;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var root = RepositoryRoot(start);
            if (root is null)
            {
                continue;
            }

            var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            // A worktree: ".git" is a file "gitdir: <main clone>/.git/worktrees/<name>".
            var gitFile = Path.Combine(root, ".git");
            if (File.Exists(gitFile))
            {
                var line = File.ReadAllText(gitFile).Trim();
                if (line.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    var gitDir = line["gitdir:".Length..].Trim();
                    var marker = gitDir.IndexOf("/.git/", StringComparison.Ordinal);
                    if (marker > 0)
                    {
                        var mainRoot = gitDir[..marker];
                        candidate = Path.GetFullPath(Path.Combine(mainRoot, "..", "shared", "data"));
                        if (Directory.Exists(candidate))
                        {
                            return candidate;
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The first ancestor of <paramref name="start"/> that holds Stacking.sln.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stacking.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
