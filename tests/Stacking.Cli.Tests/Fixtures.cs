namespace Stacking.Cli.Tests;

/// <summary>Small documents for the error paths; the happy paths use the demo's own files.</summary>
internal static class Fixtures
{
    public const string SmallCatalog = """
        {
          "format": "stacking/catalog@1",
          "name": "small",
          "currency": "USD",
          "credentials": [
            { "id": "sql", "title": "SQL", "hours": 60, "credits": 3, "cost": 450, "tags": ["core"] },
            { "id": "stats", "title": "Statistics", "hours": 40, "credits": 2, "cost": 300, "tags": ["core"] },
            { "id": "cert", "title": "Certificate", "kind": "certificate", "cost": 100,
              "requires": { "allOf": [ { "credential": "sql" }, { "credential": "stats" } ] } }
          ]
        }
        """;

    /// <summary>A catalog whose requirement names a credential it lacks (STK002, an error).</summary>
    public const string CatalogWithUnknownReference = """
        {
          "format": "stacking/catalog@1",
          "credentials": [
            { "id": "cert", "requires": { "credential": "no-such-course" } }
          ]
        }
        """;

    /// <summary>Malformed JSON: a missing comma on line 4.</summary>
    public const string MalformedCatalog = "{\n  \"format\": \"stacking/catalog@1\",\n  \"credentials\": [\n    { \"id\": \"a\" \"title\": \"A\" }\n  ]\n}\n";

    public const string WrongFormatCatalog = """
        { "format": "stacking/catalog@9", "credentials": [] }
        """;

    public const string LearnerHoldingSql = """
        { "format": "stacking/learner@1", "id": "ana", "holdings": [ { "credential": "sql", "earned": "2025-01-10", "score": 90 } ] }
        """;

    /// <summary>A learner whose holding expires before it was earned (an error).</summary>
    public const string LearnerExpiresBeforeEarned = """
        { "format": "stacking/learner@1", "id": "bad", "holdings": [ { "credential": "sql", "earned": "2025-01-10", "expires": "2024-01-10" } ] }
        """;
}
