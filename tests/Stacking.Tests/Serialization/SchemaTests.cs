using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Serialization;

/// <summary>The published JSON Schemas (docs/schema) accept every document example in the docs and the spec, and agree with the reader.</summary>
/// <remarks>The docs are discovered at run time, so pages added later are covered without touching this test.</remarks>
public sealed partial class SchemaTests
{
    private static readonly Lazy<JsonSchema> CatalogSchema = new(() => Load("catalog.schema.json"));
    private static readonly Lazy<JsonSchema> LearnerSchema = new(() => Load("learner.schema.json"));

    /// <summary>The document examples of the docs: fenced <c>json</c> blocks with a <c>"format": "stacking/…"</c> member.</summary>
    /// <remarks>A block fenced as <c>```json invalid</c> shows a faulty document on purpose (docs/validation.md).</remarks>
    public static TheoryData<string, int, string, bool> DocumentExamples()
    {
        var data = new TheoryData<string, int, string, bool>();
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(TestPaths.RepoRoot, "README.md"))
            .Where(File.Exists)
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var index = 0;
            foreach (Match block in JsonBlock().Matches(File.ReadAllText(file)))
            {
                var json = block.Groups[2].Value;
                if (FormatMember().IsMatch(json))
                {
                    var invalid = block.Groups[1].Value.Split(' ', '\t').Contains("invalid", StringComparer.Ordinal);
                    data.Add(Path.GetRelativePath(TestPaths.RepoRoot, file), index, json, invalid);
                }

                index++;
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentExamples))]
    public void EveryDocumentExampleInTheDocsValidatesAndReads(string file, int block, string json, bool invalid)
    {
        var where = $"{file}, json block {block}";
        var format = JsonDocument.Parse(json).RootElement.GetProperty("format").GetString();
        var schema = format == "stacking/learner@1" ? LearnerSchema.Value : CatalogSchema.Value;
        if (!invalid)
        {
            AssertValid(schema, json, where + " (fence it as ```json invalid if it shows a faulty document on purpose)");
            if (format == "stacking/learner@1")
            {
                LearnerJson.Read(json);
            }
            else
            {
                CatalogJson.Read(json);
            }

            return;
        }

        // A faulty example must still be JSON, and the readers and validation must take it without failing other
        // than with the documented exception. Which codes it triggers is the validation tests' business.
        using var parsed = JsonDocument.Parse(json);
        schema.Evaluate(parsed.RootElement, Options);
        try
        {
            if (format == "stacking/learner@1")
            {
                var read = LearnerJson.ReadWithFindings(json);
                Stacking.Validation.LearnerValidator.Validate(read.Value, new Stacking.Model.Catalog([]), read.Findings);
            }
            else
            {
                var read = CatalogJson.ReadWithFindings(json);
                Stacking.Validation.CatalogValidator.Validate(read.Value, read.Findings);
            }
        }
        catch (StackingFormatException)
        {
            // Unreadable on purpose is fine.
        }
    }

    [Fact]
    public void TheDocsHaveDocumentExamplesToCheck()
    {
        var examples = DocumentExamples().Where(row => !(bool)row[3]).Select(row => (string)row[2]).ToList();
        Assert.Contains(examples, e => e.Contains("stacking/catalog@1", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Contains("stacking/learner@1", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSpecExamplesValidate()
    {
        var spec = TestPaths.Shared("spec") ?? throw new InvalidOperationException("shared/spec is missing.");
        var checkedCount = 0;
        foreach (Match block in JsonBlock().Matches(File.ReadAllText(Path.Combine(spec, "stacking-v1.md"))))
        {
            var json = block.Groups[2].Value;
            if (json.Contains("\"stacking/catalog@1\"", StringComparison.Ordinal))
            {
                AssertValid(CatalogSchema.Value, json, "spec catalog");
                checkedCount++;
            }
            else if (json.Contains("\"stacking/learner@1\"", StringComparison.Ordinal))
            {
                AssertValid(LearnerSchema.Value, json, "spec learner");
                checkedCount++;
            }
        }

        Assert.Equal(2, checkedCount);
    }

    [Fact]
    public void TheRealGeorgiaTechCatalogValidates()
    {
        AssertValid(CatalogSchema.Value, File.ReadAllText(TestPaths.SharedData("gt-202502.catalog.json")), "gt-202502");
    }

    [Fact]
    public void WhatTheWriterWritesForAValidCatalogValidates()
    {
        const string json = """
            {"format": "stacking/catalog@1", "currency": "EUR", "skills": [{"id": "sql"}], "credentials": [
              {"id": "a", "hours": 40.5, "level": 4, "skills": {"sql": 2}, "validFor": "P2W", "x-ext": {"k": [1]}},
              {"id": "b", "requires": {"allOf": [
                {"credential": "a", "minScore": 70, "within": "P1Y6M", "id": "n1"},
                {"atLeast": 1, "of": [{"skill": "sql", "level": 2}, {"count": 1, "from": {"tag": "x", "except": ["a"]}}]},
                {"credits": 3, "from": {"any": true}, "shared": true},
                {"hours": 10, "from": {"ids": ["a"], "minLevel": 3}}]}}]}
            """;
        AssertValid(CatalogSchema.Value, CatalogJson.Write(CatalogJson.Read(json)), "written catalog");
        AssertValid(LearnerSchema.Value, LearnerJson.Write(new Stacking.Model.LearnerRecord("l", [new("a", new DateOnly(2024, 2, 29), 50.5m, new DateOnly(2025, 1, 1))], [new Stacking.Model.Waiver("b")])), "written learner");
    }

    [Theory]
    [InlineData("""{"format": "stacking/catalog@2", "credentials": []}""")]
    [InlineData("""{"format": "stacking/catalog@1"}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": ""}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "   "}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a\u0007"}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "hours": "60"}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "cost": -1}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "level": 9}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "validFor": "P"}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "validFor": "P1W2D"}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"course": "b"}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"credential": "b", "anyOf": [{"credential": "c"}]}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"allOf": [{"credential": "c"}], "minScore": 3}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"allOf": []}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"atLeast": 0, "of": [{"credential": "c"}]}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"atLeast": 1.5, "of": [{"credential": "c"}]}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"count": 1, "from": {}}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"count": 1, "from": {"any": false}}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"credits": 0, "from": {"any": true}}}]}""")]
    [InlineData("""{"format": "stacking/catalog@1", "credentials": [{"id": "a", "requires": {"credential": "b", "within": "5 years"}}]}""")]
    public void TheCatalogSchemaRejectsWhatTheSpecForbids(string json)
    {
        Assert.False(CatalogSchema.Value.Evaluate(JsonDocument.Parse(json).RootElement, Options).IsValid, json);
    }

    [Theory]
    [InlineData("""{"format": "stacking/learner@2"}""")]
    [InlineData("""{"format": "stacking/learner@1", "holdings": [{"credential": "a"}]}""")]
    [InlineData("""{"format": "stacking/learner@1", "holdings": [{"credential": "a", "earned": "2025-3-1"}]}""")]
    [InlineData("""{"format": "stacking/learner@1", "holdings": [{"credential": "a", "earned": "2025-02-30"}]}""")]
    [InlineData("""{"format": "stacking/learner@1", "holdings": [{"credential": "a", "earned": "2025-02-01", "score": 101}]}""")]
    [InlineData("""{"format": "stacking/learner@1", "exceptions": [{"substitute": "a"}]}""")]
    [InlineData("""{"format": "stacking/learner@1", "exceptions": [{"substitute": "a", "with": "b", "waive": {"credential": "c"}}]}""")]
    [InlineData("""{"format": "stacking/learner@1", "exceptions": [{"waive": {"node": "n"}}]}""")]
    public void TheLearnerSchemaRejectsWhatTheSpecForbids(string json)
    {
        Assert.False(LearnerSchema.Value.Evaluate(JsonDocument.Parse(json).RootElement, Options).IsValid, json);
    }

    private static EvaluationOptions Options => new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static JsonSchema Load(string name) =>
        JsonSchema.FromFile(Path.Combine(TestPaths.RepoRoot, "docs", "schema", name), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static void AssertValid(JsonSchema schema, string json, string what)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        var result = schema.Evaluate(document.RootElement, Options);
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .Take(10)
                .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}");
            Assert.Fail($"{what} does not validate against the schema:\n{string.Join("\n", errors)}");
        }
    }

    [GeneratedRegex("```json([^\\n]*)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex("\"format\"\\s*:\\s*\"stacking/")]
    private static partial Regex FormatMember();
}
