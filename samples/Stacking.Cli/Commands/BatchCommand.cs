using System.Buffers;
using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stacking.Cli.Infrastructure;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Cli.Commands;

/// <summary><c>stacking batch CATALOG LEARNERS.jsonl --target ID [--as-of DATE]</c>: one JSON result per line.</summary>
internal static class BatchCommand
{
    /// <summary>The examples shown at the end of the command's help.</summary>
    public const string Examples =
        """
        stacking batch catalog.json cohort.jsonl --target data-analytics-cert --as-of 2026-09-01 > results.jsonl
        """;

    public static Command Create()
    {
        var catalogArgument = CommonOptions.Catalog();
        var learnersArgument = new Argument<string>("LEARNERS")
        {
            Description = "A JSON-lines file, or - for standard input: one stacking/learner@1 document per line (blank lines are skipped).",
        };
        var targetOption = CommonOptions.Target(required: true);
        var asOfOption = AsOf.CreateOption();
        var command = new Command(
            "batch",
            """
            Check a whole cohort against one target, in parallel: one JSON object per input line on standard
            output, in input order. A learner with validation errors or a malformed line gets an "error" object
            and the others are still evaluated; the exit code is then 1 (validation) or 2 (malformed).
            A progress bar is drawn on standard error when it is a terminal, standard output is redirected and
            the cohort is a non-empty file.
            """)
        {
            catalogArgument,
            learnersArgument,
            targetOption,
            asOfOption,
        };
        command.SetAction(parseResult => StackingCli.Guarded(() => Run(
            parseResult.GetValue(catalogArgument)!,
            parseResult.GetValue(learnersArgument)!,
            parseResult.GetValue(targetOption),
            AsOf.Resolve(parseResult.GetValue(asOfOption)))));
        return command;
    }

    /// <summary>How many learners are read, evaluated in parallel and written before the next are read: memory stays
    /// bounded by one chunk whatever the size of the cohort, while each chunk keeps every core busy.</summary>
    internal const int ChunkSize = 1024;

    /// <summary>How many per-line diagnostics wait for the progress bar to end; the rest are counted (each line's output
    /// says why it could not be used).</summary>
    private const int MaxHeldDiagnostics = 10_000;

    private static int Run(string catalogPath, string learnersPath, string? targetText, DateOnly asOf)
    {
        if (Loaded.From(catalogPath, learnerPath: null) is not { } loaded)
        {
            return ExitCodes.ValidationErrors;
        }

        var target = loaded.Target(targetText);

        // Opened before any output, so that a cohort file that cannot be read stops the batch with nothing written. "-" is
        // standard input; a pipe, /dev/stdin or a process substitution is read as it comes, never sought.
        var name = learnersPath == "-" ? "standard input" : learnersPath;
        using var input = learnersPath == "-" ? Console.OpenStandardInput() : Inputs.Guard(learnersPath, () => OpenCohort(learnersPath));
        var (head, cohort) = Inputs.Guard(name, () => Utf8(input));
        var evaluator = new EligibilityEvaluator(loaded.Catalog);
        var exitCode = ExitCodes.Ok;

        // The bar and the lines written meanwhile would share one terminal: it is drawn only when the output goes to a
        // file or a pipe and the input's size is known, and the diagnostics (standard error, like the bar) wait until
        // it is done (the first MaxHeldDiagnostics of them, then a count), also when the batch stops part way.
        if (Terminal.ErrorIsTerminal && Console.IsOutputRedirected && cohort.CanSeek && cohort.Length > 0)
        {
            var diagnostics = new List<string>();
            var dropped = 0;
            void Hold(string text)
            {
                if (diagnostics.Count < MaxHeldDiagnostics)
                {
                    diagnostics.Add(text);
                }
                else
                {
                    dropped++;
                }
            }

            try
            {
                Terminal.Error.Progress().AutoClear(true).Start(context =>
                {
                    var task = context.AddTask("evaluating learners", maxValue: cohort.Length);
                    exitCode = Evaluate(evaluator, target, asOf, name, head, cohort, Hold, bytes => task.Increment(bytes));
                });
            }
            finally
            {
                diagnostics.ForEach(Display.Error);
                if (dropped > 0)
                {
                    Display.Error($"stacking: {Display.Count(dropped, "more line", "more lines")} could not be used; their output lines say why.");
                }
            }
        }
        else
        {
            exitCode = Evaluate(evaluator, target, asOf, name, head, cohort, Display.Error, _ => { });
        }

        return exitCode;
    }

    /// <summary>Reads the cohort chunk by chunk, evaluates each chunk in parallel and writes its lines in input order;
    /// returns the exit code.</summary>
    private static int Evaluate(EligibilityEvaluator evaluator, CredentialId target, DateOnly asOf, string file, byte[] head, Stream input, Action<string> diagnostic, Action<long> advance)
    {
        var exitCode = ExitCodes.Ok;
        var chunk = new List<(byte[] Text, int Line)>(ChunkSize);
        var results = new Outcome[ChunkSize];
        void Flush()
        {
            Parallel.For(0, chunk.Count, i => results[i] = EvaluateLine(evaluator, target, asOf, file, chunk[i].Text, chunk[i].Line));
            for (var i = 0; i < chunk.Count; i++)
            {
                var outcome = results[i];
                Console.Out.WriteLine(JsonOutput.Line(outcome.Json));
                if (outcome.Diagnostic is { } text)
                {
                    diagnostic(text);
                }

                exitCode = Math.Max(exitCode, outcome.ExitCode);
                results[i] = null!;
            }

            chunk.Clear();
        }

        foreach (var (text, line, bytes) in Lines(head, input, file))
        {
            advance(bytes);
            if (IsBlank(text))
            {
                continue;
            }

            chunk.Add((text, line));
            if (chunk.Count == ChunkSize)
            {
                Flush();
            }
        }

        Flush();
        return exitCode;
    }

    /// <summary>Opens the cohort file for reading from its start to its end (a pipe or a device is never sought).</summary>
    private static FileStream OpenCohort(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);

    /// <summary>Reads the cohort's first two bytes: a file that starts with a UTF-16 byte order mark (as some shells write)
    /// is read whole and re-encoded as UTF-8 in memory; any other is read as it comes, as bytes, after those two.</summary>
    /// <remarks>Bytes, not text: decoding the file as text would turn a byte that is not UTF-8 (a Latin-1 "ë" from an LMS
    /// export) into U+FFFD silently; each line goes to the reader as UTF-8, which reports it where it is.</remarks>
    /// <returns>The bytes already read, to come first, and the stream of the rest.</returns>
    private static (byte[] Head, Stream Remainder) Utf8(Stream input)
    {
        var head = new byte[2];
        var read = input.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        if (read == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            var whole = new MemoryStream();
            whole.Write(head);
            input.CopyTo(whole);
            whole.Position = 0;
            using var reader = new StreamReader(whole, detectEncodingFromByteOrderMarks: true);
            return ([], new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd()), writable: false));
        }

        return (head[..read], input);
    }

    /// <summary>Splits JSON lines at <c>\n</c> (a <c>\r</c> before it is white space to the reader), reading as it goes;
    /// lines are numbered from 1, and each comes with the bytes it took (its <c>\n</c> included).</summary>
    private static IEnumerable<(byte[] Text, int Line, long Bytes)> Lines(byte[] head, Stream input, string file)
    {
        var buffer = new byte[1 << 16];
        var pending = new ArrayBufferWriter<byte>();
        var line = 1;
        var first = head.Length > 0;
        while (true)
        {
            int read;
            if (first)
            {
                // The bytes the encoding check read come first.
                head.CopyTo(buffer, 0);
                read = head.Length;
                first = false;
            }
            else
            {
                try
                {
                    read = input.Read(buffer, 0, buffer.Length);
                }
                catch (IOException e)
                {
                    throw new BadInputException($"{file}: cannot be read ({e.Message}).", e);
                }
            }

            if (read == 0)
            {
                yield return (pending.WrittenSpan.ToArray(), line, pending.WrittenCount);
                yield break;
            }

            var start = 0;
            int end;
            while ((end = Array.IndexOf(buffer, (byte)'\n', start, read - start)) >= 0)
            {
                pending.Write(buffer.AsSpan(start, end - start));
                var text = pending.WrittenSpan.ToArray();
                pending.ResetWrittenCount();
                yield return (text, line++, text.Length + 1L);
                start = end + 1;
            }

            pending.Write(buffer.AsSpan(start, read - start));
        }
    }

    /// <summary>Gets whether a line holds only white space (or the byte order mark a file may start with): such lines are skipped.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }

        return line.TrimStart(" \t\r"u8).IsEmpty;
    }

    private static Outcome EvaluateLine(EligibilityEvaluator evaluator, CredentialId target, DateOnly asOf, string file, byte[] text, int line)
    {
        ReadResult<LearnerRecord> read;
        try
        {
            using var stream = new MemoryStream(text, writable: false);
            read = LearnerJson.ReadWithFindings(stream);
        }
        catch (StackingFormatException e)
        {
            // The document is one line of the file, so its line 1 is the file's line `line`.
            var message = e.LineNumber is null
                ? Inputs.Describe(e, $"{file}: line {line}")
                : Inputs.Describe(e, file, line - 1);
            return new Outcome(
                new JsonObject { ["line"] = line, ["error"] = "malformed", ["message"] = message },
                ExitCodes.BadInput,
                $"stacking: {message}");
        }

        var learner = read.Value;
        // The reader's lines count within the one-line document; in the file it is line `line`.
        var findings = read.Findings.Select(f => f.LineNumber is { } l ? f with { LineNumber = l + line - 1 } : f);
        var report = LearnerValidator.Validate(learner, evaluator.Catalog, findings);
        if (!report.IsValid)
        {
            return new Outcome(
                new JsonObject
                {
                    ["line"] = line,
                    ["learner"] = learner.Id,
                    ["error"] = "validation",
                    ["findings"] = JsonOutput.Findings(report.Errors),
                },
                ExitCodes.ValidationErrors,
                string.Join(Environment.NewLine, report.Errors.Select(e => $"{file}: {(e.LineNumber is null ? $"line {line}: " : JsonOutput.Where(e))}{e}")));
        }

        var result = evaluator.Evaluate(target, learner, asOf);
        return new Outcome(
            new JsonObject
            {
                ["line"] = line,
                ["learner"] = learner.Id,
                ["target"] = target.Value,
                ["asOf"] = JsonOutput.Date(asOf),
                ["eligible"] = result.IsEligible,
                ["status"] = Explanations.Status(result.Status),
                ["progress"] = Explanations.Progress(result.Progress),
            },
            ExitCodes.Ok,
            null);
    }

    private sealed record Outcome(JsonObject Json, int ExitCode, string? Diagnostic);
}
