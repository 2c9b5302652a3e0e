using System.Globalization;
using Stacking.Model;

namespace Stacking.Cli.Infrastructure;

/// <summary>Shows plans to people and to programs.</summary>
internal static class Plans
{
    /// <summary>Formats a credential as <c>Title (id)</c>.</summary>
    public static string Describe(Credential? credential, CredentialId id) =>
        credential?.Title is { } title ? $"{title} ({id})" : id.Value;

    /// <summary>Formats a number without trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Formats an amount of money in the catalog's currency.</summary>
    public static string Money(decimal value, string? currency) =>
        currency is null ? Number(value) : $"{value.ToString("#,0.##", CultureInfo.InvariantCulture)} {currency}";
}
