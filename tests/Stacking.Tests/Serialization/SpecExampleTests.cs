using System.Text.RegularExpressions;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;
using Stacking.Tests.Support;

namespace Stacking.Tests.Serialization;

/// <summary>Every example of the spec reads into the model it describes.</summary>
public sealed partial class SpecExampleTests
{
    private const string CatalogExample = """
        {
          "format": "stacking/catalog@1",
          "name": "Data careers",
          "currency": "USD",
          "skills": [ { "id": "sql", "name": "SQL" } ],
          "credentials": [
            {
              "id": "sql-foundations",
              "title": "SQL Foundations",
              "kind": "microcredential",
              "issuer": "Acme University",
              "hours": 60, "credits": 3, "cost": 450, "level": 5,
              "tags": ["data", "analytics-elective"],
              "skills": { "sql": 2 },
              "validFor": "P3Y",
              "equivalentTo": ["sql-foundations-2019"],
              "requires": { "anyOf": [ { "credential": "intro-data" }, { "credential": "excel-basics" } ] }
            }
          ]
        }
        """;

    private const string LearnerExample = """
        {
          "format": "stacking/learner@1",
          "id": "learner-42",
          "holdings": [
            { "credential": "sql-foundations", "earned": "2025-03-01", "score": 88 },
            { "credential": "excel-basics", "earned": "2019-06-30", "expires": "2022-06-30" }
          ],
          "exceptions": [
            { "substitute": "intro-data", "with": "ext-stats-101", "reason": "transfer credit" },
            { "waive": { "credential": "data-analyst-cert", "node": "capstone" }, "reason": "prior work" }
          ]
        }
        """;

    [Fact]
    public void TheCatalogExampleOfSection2ReadsIntoTheCatalogItDescribes()
    {
        var expected = new Catalog(
            [
                new Credential("sql-foundations")
                {
                    Title = "SQL Foundations",
                    Kind = "microcredential",
                    Issuer = "Acme University",
                    Hours = 60,
                    Credits = 3,
                    Cost = 450,
                    Level = 5,
                    Tags = ["data", "analytics-elective"],
                    Skills = new Dictionary<SkillId, int> { ["sql"] = 2 },
                    ValidFor = Period.FromYears(3),
                    EquivalentTo = [new CredentialId("sql-foundations-2019")],
                    Requires = Rule.AnyOf(Rule.Credential("intro-data"), Rule.Credential("excel-basics")),
                },
            ],
            name: "Data careers",
            currency: "USD",
            skills: [new Skill("sql", "SQL")]);

        var read = CatalogJson.Read(CatalogExample);

        Assert.Equal(expected, read);
        Assert.True(CatalogJson.ReadWithFindings(CatalogExample).IsClean);
    }

    [Fact]
    public void TheLearnerExampleOfSection4ReadsIntoTheRecordItDescribes()
    {
        var expected = new LearnerRecord(
            "learner-42",
            [
                new Holding("sql-foundations", new DateOnly(2025, 3, 1), score: 88),
                new Holding("excel-basics", new DateOnly(2019, 6, 30), expires: new DateOnly(2022, 6, 30)),
            ],
            [
                new Substitution("intro-data", "ext-stats-101", "transfer credit"),
                new Waiver("data-analyst-cert", "capstone", "prior work"),
            ]);

        Assert.Equal(expected, LearnerJson.Read(LearnerExample));
    }

    public static TheoryData<string, Requirement> Section3Kinds => new()
    {
        { """{"credential": "ID", "minScore": 70, "within": "P5Y"}""", Rule.Credential("ID", 70, Period.FromYears(5)) },
        { """{"allOf": [{"credential": "a"}, {"credential": "b"}]}""", Rule.AllOf(Rule.Credential("a"), Rule.Credential("b")) },
        { """{"anyOf": [{"credential": "a"}, {"credential": "b"}]}""", Rule.AnyOf(Rule.Credential("a"), Rule.Credential("b")) },
        { """{"atLeast": 2, "of": [{"credential": "a"}, {"credential": "b"}, {"credential": "c"}]}""", Rule.AtLeast(2, Rule.Credential("a"), Rule.Credential("b"), Rule.Credential("c")) },
        { """{"count": 2, "from": {"tag": "analytics-elective"}, "minScore": 60, "within": "P2Y"}""", Rule.Count(2, Select.Tag("analytics-elective")) with { MinScore = 60, Within = Period.FromYears(2) } },
        { """{"credits": 30, "from": {"any": true}}""", Rule.Credits(30, Select.Any) },
        { """{"hours": 120.5, "from": {"kind": "course", "issuer": "Acme", "minLevel": 5, "except": ["x"]}}""", Rule.Hours(120.5m, new Selector { Kind = "course", Issuer = "Acme", MinLevel = 5, Except = [new CredentialId("x")] }) },
        { """{"skill": "sql", "level": 3}""", Rule.Skill("sql", 3) },
        { """{"skill": "sql"}""", Rule.Skill("sql") },
        { """{"count": 1, "from": {"ids": ["a", "b"], "skill": "sql"}}""", Rule.Count(1, new Selector { Ids = [new CredentialId("a"), new CredentialId("b")], Skill = new SkillId("sql") }) },
        { """{"allOf": [{"credential": "a"}], "id": "core", "title": "Core", "shared": true}""", Rule.AllOf(Rule.Credential("a")) with { Id = "core", Title = "Core", Shared = true } },
        { """{"credential": "Q"}""", Rule.Credential("Q") },
    };

    [Theory]
    [MemberData(nameof(Section3Kinds))]
    public void EachRequirementKindOfSection3ReadsIntoItsType(string requirement, Requirement expected)
    {
        var catalog = CatalogJson.Read($$"""{"format": "stacking/catalog@1", "credentials": [{"id": "q", "requires": {{requirement}}}]}""");

        Assert.Equal(expected, catalog.Credentials[0].Requires);
        Assert.Equal(catalog, CatalogJson.Read(CatalogJson.Write(catalog)));
    }

    [Fact]
    public void EveryDocumentExampleInTheSpecReadsStrictly()
    {
        var spec = TestPaths.Shared("spec") ?? throw new InvalidOperationException("shared/spec is missing: the spec's examples cannot be checked.");
        var text = File.ReadAllText(Path.Combine(spec, "stacking-v1.md"));
        var read = 0;
        foreach (Match block in JsonBlock().Matches(text))
        {
            var json = block.Groups[1].Value;
            if (json.Contains("\"stacking/catalog@1\"", StringComparison.Ordinal))
            {
                Assert.Equal(CatalogJson.Read(CatalogExample), CatalogJson.Read(json));
                read++;
            }
            else if (json.Contains("\"stacking/learner@1\"", StringComparison.Ordinal))
            {
                Assert.Equal(LearnerJson.Read(LearnerExample), LearnerJson.Read(json));
                read++;
            }
        }

        Assert.Equal(2, read);
    }

    [GeneratedRegex("```json\\s*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
