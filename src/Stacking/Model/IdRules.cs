namespace Stacking.Model;

/// <summary>The id rule of spec §2, shared by every strongly typed id.</summary>
internal static class IdRules
{
    /// <summary>Returns why <paramref name="value"/> is not a valid id, or null when it is.</summary>
    public static string? Explain(string value)
    {
        if (value.Length == 0)
        {
            return "an id must not be empty.";
        }

        if (value.Length > CredentialId.MaxLength)
        {
            return $"an id must be at most {CredentialId.MaxLength} characters long (this one has {value.Length}).";
        }

        var allWhiteSpace = true;
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return $"an id must not contain control characters (U+{(int)c:X4}).";
            }

            allWhiteSpace &= char.IsWhiteSpace(c);
        }

        return allWhiteSpace ? "an id must not be only white space." : null;
    }
}
