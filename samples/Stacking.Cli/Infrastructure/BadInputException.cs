namespace Stacking.Cli.Infrastructure;

/// <summary>Input the command cannot use: the message is the one line shown on standard error (exit code 2).</summary>
internal sealed class BadInputException : Exception
{
    public BadInputException(string message)
        : base(message)
    {
    }

    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BadInputException()
    {
    }
}
