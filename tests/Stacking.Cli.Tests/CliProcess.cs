using System.Diagnostics;
using System.Text;

namespace Stacking.Cli.Tests;

/// <summary>Runs the built <c>Stacking.Cli.dll</c> (the <c>stacking</c> command) as a separate process, exactly as a script or CI job would.</summary>
internal static class CliProcess
{
    private static readonly Lazy<string> Dll = new(FindDll);

    /// <summary>Gets the repository root (the directory that holds Stacking.sln).</summary>
    /// <remarks>STACKING_REPO_ROOT overrides the search, for running these tests against another checkout.</remarks>
    public static string RepoRoot { get; } = Environment.GetEnvironmentVariable("STACKING_REPO_ROOT") is { Length: > 0 } root ? root : FindRepoRoot();

    /// <summary>Gets the directory of the demo's documents.</summary>
    public static string DemoDir => Path.Combine(RepoRoot, "samples", "Stacking.Cli", "Demo");

    /// <summary>Gets the path of a demo document.</summary>
    public static string Demo(string file) => Path.Combine(DemoDir, file);

    /// <summary>Runs <c>stacking</c> with arguments; standard error is captured separately and never shown to a terminal.</summary>
    public static CliResult Run(params string[] args) => RunDll(Dll.Value, args);

    /// <summary>Runs <c>stacking</c> with arguments and <paramref name="input"/> (UTF-8) on its standard input, a pipe.</summary>
    public static CliResult RunWithInput(string input, params string[] args) => RunDll(Dll.Value, args, input);

    /// <summary>Runs a command whose answer depends on its arguments only (the demo's files, a fixed --as-of) once per test run.</summary>
    /// <remarks>Every process costs a JIT warm-up; sharing the answers keeps the suite within its time budget.</remarks>
    public static CliResult RunShared(params string[] args) =>
        Shared.GetOrAdd(string.Join('\u001f', args), _ => new Lazy<CliResult>(() => Run(args))).Value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CliResult>> Shared = new();

    /// <summary>Runs a sample (QuickStart, LmsIntegration) from its own build output.</summary>
    public static CliResult RunSample(string project, params string[] args) =>
        RunDll(Path.Combine(RepoRoot, "samples", project, "bin", Configuration, "net10.0", project + ".dll"), args);

    /// <summary>Gets the configuration the tests were built in (Debug or Release); the samples are built in the same.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";

    private static CliResult RunDll(string dll, string[] args, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        if (input is not null)
        {
            // Written while the outputs are read (below), so that a large input cannot deadlock on full pipes.
            var writer = Task.Run(() =>
            {
                using var stdin = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                stdin.Write(input);
            });
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            writer.Wait(TimeSpan.FromMinutes(2));
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"stacking {string.Join(' ', args)} did not finish in 2 minutes");
            }

            return new CliResult(process.ExitCode, stdoutTask.Result, stderrTask.Result, watch.Elapsed);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"stacking {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stacking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Stacking.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindDll()
    {
        // The CLI's own output, in the configuration the tests were built in (the project reference builds it first).
        if (Environment.GetEnvironmentVariable("STACKING_CLI_DLL") is { Length: > 0 } given)
        {
            return given;
        }

        var dll = Path.Combine(RepoRoot, "samples", "Stacking.Cli", "bin", Configuration, "net10.0", "Stacking.Cli.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Stacking.Cli.dll was not built", dll);
    }
}

/// <summary>What a run of the CLI produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
