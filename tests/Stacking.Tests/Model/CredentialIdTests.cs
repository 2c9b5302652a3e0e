using Stacking.Model;

namespace Stacking.Tests.Model;

public sealed class CredentialIdTests
{
    [Theory]
    [InlineData("sql-foundations")]
    [InlineData("CS 3510")]
    [InlineData("computer-information-science/computer_science_bscs_(boston)")]
    [InlineData(" padded ")]
    public void ValidIdsAreAccepted(string text)
    {
        Assert.True(CredentialId.TryParse(text, out var id));
        Assert.Equal(text, id.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    public void InvalidIdsAreRejectedWithAReason(string text)
    {
        Assert.False(CredentialId.TryParse(text, out _));
        var error = Assert.Throws<ArgumentException>(() => new CredentialId(text));
        Assert.Contains("id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdsLongerThan256CharactersAreRejected()
    {
        Assert.True(CredentialId.TryParse(new string('x', 256), out _));
        Assert.False(CredentialId.TryParse(new string('x', 257), out _));
    }

    [Fact]
    public void IdsAreCaseSensitiveAndOrdinal()
    {
        Assert.NotEqual(new CredentialId("SQL"), new CredentialId("sql"));
        Assert.True(new CredentialId("B") < new CredentialId("a"));
    }
}
