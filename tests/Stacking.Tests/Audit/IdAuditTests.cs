using Stacking.Model;
using Stacking.Serialization;

namespace Stacking.Tests.Audit;

/// <summary>Spec §2: "id: required; 1–256 characters, no control characters, not only whitespace; case-sensitive".</summary>
public sealed class IdAuditTests
{
    private const string Emoji = "\U0001F393"; // one character, two UTF-16 units

    [Fact]
    public void AnIdOf256CharactersOutsideTheBmpIsValidAnd257AreNot()
    {
        // Characters are counted as Unicode code points (as JSON Schema's maxLength does), not UTF-16 units: an id of
        // 256 emoji used to be refused as 512 characters long.
        var longest = string.Concat(Enumerable.Repeat(Emoji, 256));
        var tooLong = longest + Emoji;

        Assert.Equal(longest, new CredentialId(longest).Value);
        Assert.Throws<ArgumentException>(() => new CredentialId(tooLong));
        var catalog = CatalogJson.Read($$"""{"format": "stacking/catalog@1", "credentials": [{"id": "{{longest}}"}]}""");
        Assert.Equal(longest, catalog.Credentials[0].Id.Value);
        Assert.Throws<StackingFormatException>(() => CatalogJson.Read($$"""{"format": "stacking/catalog@1", "credentials": [{"id": "{{tooLong}}"}]}"""));
    }

    [Fact]
    public void IdsCompareCaseSensitively()
    {
        var catalog = CatalogJson.Read("""{"format": "stacking/catalog@1", "credentials": [{"id": "SQL"}, {"id": "sql"}]}""");

        Assert.Equal(2, catalog.Credentials.Length);
        Assert.Empty(Stacking.Validation.CatalogValidator.Validate(catalog).Findings);
    }
}
