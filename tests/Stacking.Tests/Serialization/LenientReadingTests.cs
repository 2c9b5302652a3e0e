using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;
using Stacking.Validation;

namespace Stacking.Tests.Serialization;

/// <summary>Lenient reading: faults the typed model cannot hold become findings with their path, and writing back loses nothing.</summary>
public sealed class LenientReadingTests
{
    private static string Catalog(string requires, string credentialMembers = "") =>
        $$"""{"format": "stacking/catalog@1", "credentials": [{"id": "cert"{{credentialMembers}}, "requires": {{requires}}}]}""";

    [Fact]
    public void ANodeWithoutAKindIsReportedWithItsPathAndIsNeverSatisfiable()
    {
        var json = Catalog("""{"allOf": [{"credential": "a"}, {"atLeast": 1, "of": [{"course": "b", "id": "n1"}]}]}""");

        var result = CatalogJson.ReadWithFindings(json);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("STK005", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(new CredentialId("cert"), finding.Credential);
        Assert.Equal("requires.allOf[1].of[0]", finding.Path);
        var node = result.Value.Credentials[0].Requires!.Children[1].Children[0];
        var placeholder = Assert.IsType<AnyOfRequirement>(node);
        Assert.Empty(placeholder.Children);
        Assert.Equal("n1", placeholder.Id);
        Assert.Equal("\"b\"", Assert.Single(placeholder.Extensions).Value);
        AssertWritingBackLosesNothing(json, result.Value);
    }

    [Fact]
    public void AFindingOfTheReaderSaysWhereInTheDocumentTheValueIs()
    {
        // A catalog author fixes a malformed duration or date at its line: the finding carries the line and the position
        // of the value, as a format error does; findings about the model (validation) carry none.
        var json = "{\"format\": \"stacking/catalog@1\",\n \"credentials\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"validFor\": \"P1X\"}]}";
        var learner = "{\"format\": \"stacking/learner@1\",\n\"holdings\": [{\"credential\": \"a\", \"earned\": \"2025-13-01\"}]}";

        var finding = Assert.Single(CatalogJson.ReadWithFindings(json).Findings);
        var holding = Assert.Single(LearnerJson.ReadWithFindings(learner).Findings);

        Assert.Equal((4L, 27L), (finding.LineNumber, finding.BytePositionInLine));
        Assert.Equal("\"P1X\"", json.Split('\n')[3].Substring(26, 5));
        Assert.Equal((2L, 44L), (holding.LineNumber, holding.BytePositionInLine));
        Assert.Equal("\"2025-13-01\"", learner.Split('\n')[1].Substring(43, 12));
        var model = CatalogValidator.Validate(new Catalog([new Credential("q") { Requires = Rule.Credential("missing") }]));
        Assert.All(model.Findings, f => Assert.Null(f.LineNumber));
    }

    [Fact]
    public void OnlyTheFirstThousandFindingsOfOneReadAreLocated()
    {
        // Each finding is located by walking the document again: a faulty export with a bad date in every holding must
        // stay linear, so the findings past the first 1 000 carry no line.
        var holdings = string.Join(",\n", Enumerable.Range(0, 1_200).Select(i => $"{{\"credential\": \"c{i}\", \"earned\": \"2025-13-01\"}}"));

        var findings = LearnerJson.ReadWithFindings($"{{\"format\": \"stacking/learner@1\", \"holdings\": [\n{holdings}]}}").Findings;

        Assert.Equal(1_200, findings.Length);
        Assert.Equal(Enumerable.Range(2, 1_000).Select(i => (long?)i), findings.Take(1_000).Select(f => f.LineNumber));
        Assert.All(findings.Skip(1_000), f => Assert.Null(f.LineNumber));
    }

    [Fact]
    public void ANodeWithTwoKindsIsReadAsTheFirstAndKeepsTheSecond()
    {
        var json = Catalog("""{"credential": "a", "minScore": 70, "anyOf": [{"credential": "b"}]}""");

        var result = CatalogJson.ReadWithFindings(json);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("STK005", "requires"), (finding.Code, finding.Path));
        var leaf = Assert.IsType<CredentialRequirement>(result.Value.Credentials[0].Requires);
        Assert.Equal(new CredentialId("a"), leaf.Credential);
        Assert.Equal(70, leaf.MinScore);
        Assert.Equal("anyOf", Assert.Single(leaf.Extensions).Key);
        AssertWritingBackLosesNothing(json, result.Value);
        Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json));
    }

    [Theory]
    [InlineData("""{"allOf": [{"credential": "a"}], "minScore": 70}""", "minScore")]
    [InlineData("""{"anyOf": [{"credential": "a"}], "within": "P1Y"}""", "within")]
    [InlineData("""{"skill": "sql", "within": "P1Y", "minScore": 3}""", "within")]
    [InlineData("""{"atLeast": 1, "of": [{"credential": "a"}], "minScore": 1}""", "minScore")]
    public void QualifiersOnANodeThatDoesNotConsumeAreReportedAndKept(string requires, string member)
    {
        var json = Catalog(requires);

        var result = CatalogJson.ReadWithFindings(json);

        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.Equal(("STK005", "requires"), (f.Code, f.Path)));
        Assert.Contains(member, result.Findings[0].Message, StringComparison.Ordinal);
        Assert.True(result.Value.Credentials[0].Requires!.Extensions.TryGetValue(member, out _));
        AssertWritingBackLosesNothing(json, result.Value);
    }

    [Fact]
    public void AMalformedDurationIsReportedAsStk010AndKeptAsWritten()
    {
        var json = Catalog("""{"allOf": [{"credential": "a", "within": "5 years"}]}""", ", \"validFor\": \"P3X\"");

        var result = CatalogJson.ReadWithFindings(json);

        Assert.Equal(
            [("STK010", "validFor"), ("STK010", "requires.allOf[0].within")],
            result.Findings.Select(f => (f.Code, f.Path)));
        var credential = result.Value.Credentials[0];
        Assert.Null(credential.ValidFor);
        Assert.Null(((CredentialRequirement)credential.Requires!.Children[0]).Within);
        AssertWritingBackLosesNothing(json, result.Value);
    }

    [Fact]
    public void ANonIntegerWhereAnIntegerIsRequiredIsReportedAsStk004AndRoundedTowardsTheSafeSide()
    {
        var json = Catalog(
            """{"allOf": [{"atLeast": 1.5, "of": [{"credential": "a"}, {"credential": "b"}]}, {"count": 2.5, "from": {"minLevel": 4.2}}, {"skill": "sql", "level": 1.5}]}""",
            ", \"level\": 5.7, \"skills\": {\"sql\": 2.5}");

        var result = CatalogJson.ReadWithFindings(json);

        Assert.All(result.Findings, f => Assert.Equal("STK004", f.Code));
        Assert.Equal(
            ["level", "skills.sql", "requires.allOf[0].atLeast", "requires.allOf[1].count", "requires.allOf[1].from.minLevel", "requires.allOf[2].level"],
            result.Findings.Select(f => f.Path));
        var credential = result.Value.Credentials[0];
        Assert.Equal(5, credential.Level);
        Assert.Equal(2, credential.SkillLevel("sql"));
        var children = credential.Requires!.Children;
        Assert.Equal(2, ((AtLeastRequirement)children[0]).Count);
        Assert.Equal(3, ((CountRequirement)children[1]).Count);
        Assert.Equal(5, ((CountRequirement)children[1]).From.MinLevel);
        Assert.Equal(2, ((SkillRequirement)children[2]).Level);
        AssertWritingBackLosesNothing(json, result.Value);
    }

    [Fact]
    public void AValidationFindingAboutARoundedNumberQuotesWhatWasWritten()
    {
        // "atLeast 1.5 of one requirement" is read as 2, which validation then finds too large: its message said
        // "not 2", a number the author never wrote.
        var result = CatalogJson.ReadWithFindings(Catalog("""{"atLeast": 1.5, "of": [{"credential": "a"}]}""", string.Empty));

        var report = Stacking.Validation.CatalogValidator.Validate(result.Value);

        var finding = Assert.Single(report.Findings, f => f.Code == "STK004" && f.Path == "requires");
        Assert.EndsWith("(1), not 1.5 (read as 2).", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedDatesAreReportedAndTheHoldingNeverCounts()
    {
        const string json = """
            {"format": "stacking/learner@1", "holdings": [
              {"credential": "a", "earned": "2025-02-30"},
              {"credential": "b", "earned": "2025-01-01", "expires": "soon"}]}
            """;

        var result = LearnerJson.ReadWithFindings(json);

        Assert.Equal(
            [("STK010", "a", "holdings[0].earned"), ("STK010", "b", "holdings[1].expires")],
            result.Findings.Select(f => (f.Code, f.Credential?.Value, f.Path)));
        Assert.All(result.Value.Holdings, h => Assert.False(h.IsValidAt(new DateOnly(2025, 6, 1), null)));
        var written = LearnerJson.Write(result.Value);
        Assert.Equal(result.Value, LearnerJson.ReadWithFindings(written).Value);
        Assert.Contains("\"2025-02-30\"", written, StringComparison.Ordinal);
        Assert.Contains("\"soon\"", written, StringComparison.Ordinal);
        Assert.Throws<StackingFormatException>(() => LearnerJson.Read(json));
    }

    [Fact]
    public void AnUnreadableDateIsNotComparedWithTheOther()
    {
        // An unreadable earned date was read as a placeholder (9999-12-31) and then found later than a valid expires:
        // a false STK014 "expires (2030-01-01) before it was earned (9999-12-31)" beside the true STK010.
        const string json = """
            {"format": "stacking/learner@1", "id": "l", "holdings": [
              {"credential": "x", "earned": "2025-3-01", "expires": "2030-01-01"},
              {"credential": "x", "earned": "2025-01-01", "expires": "soon"},
              {"credential": "x", "earned": "2025-01-01", "expires": "2024-01-01"}]}
            """;
        var catalog = CatalogJson.Read("""{"format": "stacking/catalog@1", "credentials": [{"id": "x"}]}""");
        var read = LearnerJson.ReadWithFindings(json);

        var report = Stacking.Validation.LearnerValidator.Validate(read.Value, catalog, read.Findings);

        Assert.Equal(
            [("STK010", "holdings[0].earned"), ("STK010", "holdings[1].expires"), ("STK014", "holdings[2].expires")],
            report.Findings.Select(f => (f.Code, f.Path)).Order());
    }

    [Fact]
    public void StrictReadingThrowsForEveryFaultLenientReadingReports()
    {
        var json = Catalog("""{"allOf": [{"credential": "a"}], "minScore": 70}""");

        var ex = Assert.Throws<StackingFormatException>(() => CatalogJson.Read(json));

        Assert.Equal("$.credentials[0].requires", ex.JsonPath);
        Assert.Contains("STK005", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.LineNumber);
    }

    [Fact]
    public void UnknownMembersInsideAWaiverKeepTheWholeWaiver()
    {
        const string json = """{"format": "stacking/learner@1", "holdings": [], "exceptions": [{"waive": {"credential": "q", "node": "n", "x-ref": 7}, "reason": "r"}]}""";

        var learner = LearnerJson.Read(json);

        var waiver = Assert.IsType<Waiver>(Assert.Single(learner.Exceptions));
        Assert.Equal((new CredentialId("q"), "n", "r"), (waiver.Credential, waiver.Node, waiver.Reason));
        Assert.Contains("\"x-ref\": 7", LearnerJson.Write(learner), StringComparison.Ordinal);
        Assert.Equal(learner, LearnerJson.Read(LearnerJson.Write(learner)));
    }

    [Fact]
    public void SemanticFaultsAreLeftToValidation()
    {
        var json = Catalog("""{"allOf": [], "id": "x"}""", ", \"cost\": -5, \"level\": 12");

        var result = CatalogJson.ReadWithFindings(json);

        Assert.True(result.IsClean);
        Assert.Equal(-5, result.Value.Credentials[0].Cost);
        Assert.Equal(12, result.Value.Credentials[0].Level);
        Assert.Equal(result.Value, CatalogJson.Read(json));
    }

    /// <summary>Reading the written text gives the same value and the same findings: nothing was lost or added.</summary>
    private static void AssertWritingBackLosesNothing(string original, Catalog read)
    {
        var written = CatalogJson.Write(read);
        var again = CatalogJson.ReadWithFindings(written);
        Assert.Equal(read, again.Value);
        Assert.Equal(
            CatalogJson.ReadWithFindings(original).Findings.Select(f => (f.Code, f.Path)),
            again.Findings.Select(f => (f.Code, f.Path)));
        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(original), System.Text.Json.Nodes.JsonNode.Parse(written)),
            $"Before: {original}\nAfter:  {written}");
    }
}
