namespace Stacking.Tests.Support;

/// <summary>Locates the real catalogs: the sibling folder <c>shared/data</c> of the repository root.</summary>
internal static class RealData
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stacking.sln")))
            {
                dir = dir.Parent;
            }

            if (dir?.Parent is null)
            {
                throw new DirectoryNotFoundException("The repository root (with Stacking.sln) was not found above " + AppContext.BaseDirectory);
            }

            // CI clones beside shared/; a git worktree may sit one level deeper, so look further up too.
            for (var up = dir.Parent; up is not null; up = up.Parent)
            {
                var data = Path.Combine(up.FullName, "shared", "data");
                if (Directory.Exists(data))
                {
                    return data;
                }
            }

            throw new DirectoryNotFoundException($"The real catalogs are expected in {Path.Combine(dir.Parent.FullName, "shared", "data")} (the sibling folder shared/data of the repository root).");
        }
    }

    public static string PathOf(string name) => Path.Combine(Folder, name);
}
