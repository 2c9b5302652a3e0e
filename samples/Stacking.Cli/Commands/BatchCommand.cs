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
            Description = "A JSON-lines file: one stacking/learner@1 document per line (blank lines are skipped).",
        };
        var targetOption = CommonOptions.Target(required: true);
        var asOfOption = AsOf.CreateOption();
        var command = new Command(
            "batch",
            """
            Check a whole cohort against one target, in parallel: one JSON object per input line on standard
            output, in input order. A learner with validation errors or a malformed line gets an "error" object
            and the others are still evaluated; the exit code is then 1 (validation) or 2 (malformed).
            A progress bar is drawn on standard error when it is a terminal.
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

    private static int Run(string catalogPath, string learnersPath, string? targetText, DateOnly asOf)
    {
        if (Loaded.From(catalogPath, learnerPath: null) is not { } loaded)
        {
            return ExitCodes.ValidationErrors;
        }

        var target = loaded.Target(targetText);
        // Bytes, not text: decoding the file as text would turn a byte that is not UTF-8 (a Latin-1 "ë" from an LMS
        // export) into U+FFFD silently; each line goes to the reader as UTF-8, which reports it where it is.
        var bytes = Inputs.Guard(learnersPath, () => Utf8(File.ReadAllBytes(learnersPath)));
        var work = Lines(bytes)
            .Where(l => !IsBlank(l.Text.Span))
            .ToArray();
        var evaluator = new EligibilityEvaluator(loaded.Catalog);
        var results = new Outcome[work.Length];
        void EvaluateAll(Action advance) =>
            Parallel.For(0, work.Length, i =>
            {
                results[i] = EvaluateLine(evaluator, target, asOf, learnersPath, work[i].Text, work[i].Line);
                advance();
            });

        if (Terminal.ErrorIsTerminal && work.Length > 1)
        {
            Terminal.Error.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask("evaluating learners", maxValue: work.Length);
                EvaluateAll(() => task.Increment(1));
            });
        }
        else
        {
            EvaluateAll(() => { });
        }

        var exitCode = ExitCodes.Ok;
        foreach (var outcome in results)
        {
            Console.Out.WriteLine(JsonOutput.Line(outcome.Json));
            if (outcome.Diagnostic is { } diagnostic)
            {
                Console.Error.WriteLine(diagnostic);
            }

            exitCode = Math.Max(exitCode, outcome.ExitCode);
        }

        return exitCode;
    }

    /// <summary>Re-encodes a file that starts with a UTF-16 byte order mark (as some shells write) as UTF-8; returns any other file as it is.</summary>
    private static byte[] Utf8(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd());
        }

        return bytes;
    }

    /// <summary>Splits JSON lines at <c>\n</c> (a <c>\r</c> before it is white space to the reader); lines are numbered from 1.</summary>
    private static IEnumerable<(ReadOnlyMemory<byte> Text, int Line)> Lines(byte[] bytes)
    {
        var start = 0;
        var line = 1;
        while (start <= bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var length = (end < 0 ? bytes.Length : end) - start;
            yield return (bytes.AsMemory(start, length), line++);
            if (end < 0)
            {
                break;
            }

            start = end + 1;
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

    private static Outcome EvaluateLine(EligibilityEvaluator evaluator, CredentialId target, DateOnly asOf, string file, ReadOnlyMemory<byte> text, int line)
    {
        ReadResult<LearnerRecord> read;
        try
        {
            using var stream = new MemoryStream(text.ToArray(), writable: false);
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
        var report = LearnerValidator.Validate(learner, evaluator.Catalog, read.Findings);
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
                string.Join(Environment.NewLine, report.Errors.Select(e => $"{file}: line {line}: {e}")));
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
