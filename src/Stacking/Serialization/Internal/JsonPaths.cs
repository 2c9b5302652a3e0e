using System.Text;

namespace Stacking.Serialization.Internal;

/// <summary>Builds JSON paths (<c>$.credentials[3].requires</c>) and finding paths (<c>requires.allOf[1]</c>) one way.</summary>
internal static class JsonPaths
{
    public static string Member(string parent, string name)
    {
        var builder = new StringBuilder(parent);
        AppendMember(builder, name);
        var text = builder.ToString();

        // A finding path has no leading "$": a relative path starts without the dot.
        return parent.Length == 0 && text.StartsWith('.') ? text[1..] : text;
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static void AppendMember(StringBuilder path, string name)
    {
        if (IsSimple(name))
        {
            path.Append('.').Append(name);
        }
        else
        {
            path.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private static bool IsSimple(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
