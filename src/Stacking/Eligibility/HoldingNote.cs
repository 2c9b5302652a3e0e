using Stacking.Model;

namespace Stacking.Eligibility;

/// <summary>A holding that would have counted for a requirement node but did not, and why.</summary>
public sealed class HoldingNote
{
    internal HoldingNote(Holding holding, CredentialId countsAs, HoldingIssue issue, DateOnly? date, string message)
    {
        Holding = holding;
        CountsAs = countsAs;
        Issue = issue;
        Date = date;
        Message = message;
    }

    /// <summary>Gets the learner's holding.</summary>
    public Holding Holding { get; }

    /// <summary>Gets the catalog credential the holding would have counted as (differs from the held id through a substitution).</summary>
    public CredentialId CountsAs { get; }

    /// <summary>Gets why it did not count.</summary>
    public HoldingIssue Issue { get; }

    /// <summary>Gets the date that matters: the expiry date, or the earliest earning date <c>within</c> accepts; null otherwise.</summary>
    public DateOnly? Date { get; }

    /// <summary>Gets the reason in plain words.</summary>
    public string Message { get; }
}
