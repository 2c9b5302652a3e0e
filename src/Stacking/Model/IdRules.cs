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

        // Spec §2 counts characters, as JSON Schema's maxLength does: Unicode code points, so a character outside the
        // BMP (two UTF-16 units) counts once. Only a string longer than the limit in UTF-16 units can be too long.
        if (value.Length > CredentialId.MaxLength && CodePoints(value) is var length && length > CredentialId.MaxLength)
        {
            return $"an id must be at most {CredentialId.MaxLength} characters long (this one has {length}).";
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

    private static int CodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
