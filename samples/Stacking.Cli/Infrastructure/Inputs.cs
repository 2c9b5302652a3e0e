using System.Globalization;
using Stacking.Model;
using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Cli.Infrastructure;

/// <summary>Reads the documents a command names, turning every way a file can be unusable into one clear line (exit code 2).</summary>
internal static class Inputs
{
    /// <summary>Reads a catalog leniently: structural faults become findings for validation to report, not exceptions.</summary>
    public static ReadResult<Catalog> ReadCatalog(string path) => Guard(path, () => CatalogJson.ReadFileWithFindings(path));

    /// <summary>Reads a learner record leniently.</summary>
    public static ReadResult<LearnerRecord> ReadLearner(string path) => Guard(path, () => LearnerJson.ReadFileWithFindings(path));

    /// <summary>Parses a credential id given on the command line.</summary>
    public static CredentialId ParseTarget(string? text)
    {
        if (!CredentialId.TryParse(text, out var id))
        {
            throw new BadInputException($"--target: '{text}' is not a valid credential id (1-256 characters, no control characters, not only whitespace).");
        }

        return id;
    }

    /// <summary>Runs a read, mapping unreadable files and malformed JSON to <see cref="BadInputException"/>.</summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        // Opening a directory fails with "Access to the path is denied" on Unix and Windows alike, which sends the
        // user looking for a permission problem; say what the path is instead.
        if (Directory.Exists(path))
        {
            throw new BadInputException($"{path}: is a directory, not a file.");
        }

        try
        {
            return read();
        }
        catch (StackingFormatException e)
        {
            throw new BadInputException(Describe(e, path), e);
        }
        catch (FileNotFoundException e)
        {
            throw new BadInputException($"{path}: no such file.", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new BadInputException($"{path}: no such file (the directory does not exist).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BadInputException($"{path}: cannot be read ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new BadInputException($"{path}: cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>Formats a format exception as <c>file: line L, position P: detail</c>, the one line of spec §10.</summary>
    /// <param name="e">The exception.</param>
    /// <param name="file">The file, when the exception does not name one (a document read from a string or a stream).</param>
    /// <param name="lineOffset">Added to the exception's line number: the line of the file where the document starts, minus one.</param>
    public static string Describe(StackingFormatException e, string file, long lineOffset = 0)
    {
        var name = string.IsNullOrEmpty(e.FileName) ? file : e.FileName;
        var where = new List<string>();
        if (e.LineNumber is { } line)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"line {line + lineOffset}"));
        }

        if (e.BytePositionInLine is { } position)
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"position {position}"));
        }

        if (e.LineNumber is null && e.JsonPath is { } path)
        {
            where.Add($"at {path}");
        }

        var detail = e.Detail.ReplaceLineEndings(" ");
        return where.Count == 0 ? $"{name}: {detail}" : $"{name}: {string.Join(", ", where)}: {detail}";
    }

    /// <summary>Writes the errors of a report to standard error, one line each; returns true when there were any.</summary>
    public static bool ReportErrors(string path, ValidationReport report)
    {
        if (report.IsValid)
        {
            return false;
        }

        foreach (var finding in report.Errors)
        {
            Display.Error($"{path}: {JsonOutput.Where(finding)}{finding}");
        }

        Display.Error($"{path}: {Display.Count(report.Errors.Count(), "validation error", "validation errors")}; nothing was evaluated. Run 'stacking validate' for the full report.");
        return true;
    }
}
