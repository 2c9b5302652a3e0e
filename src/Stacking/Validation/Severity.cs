namespace Stacking.Validation;

/// <summary>How serious a validation finding is.</summary>
public enum Severity
{
    /// <summary>The document can be used, but something is probably not what its author meant.</summary>
    Warning,

    /// <summary>The document breaks the format's rules; engines must not be trusted with it.</summary>
    Error,
}
