using System.Collections.Immutable;
using Stacking.Model;

namespace Stacking.Planning;

/// <summary>One credential a plan earns, in order.</summary>
/// <remarks>Immutable. A step's requirement is satisfied by the learner's items plus every earlier step (spec §8 rule 1).</remarks>
public sealed class PlanStep
{
    internal PlanStep(Credential credential, int stage, bool isRetake, ImmutableArray<RequirementRef> serves)
    {
        Credential = credential.Id;
        Title = credential.Title;
        Hours = credential.Hours;
        Cost = credential.Cost;
        Credits = credential.Credits;
        Stage = stage;
        IsRetake = isRetake;
        Serves = serves;
    }

    /// <summary>Gets the credential earned.</summary>
    public CredentialId Credential { get; }

    /// <summary>Gets the credential's title, if any.</summary>
    public string? Title { get; }

    /// <summary>Gets the credential's hours.</summary>
    public decimal Hours { get; }

    /// <summary>Gets the credential's cost.</summary>
    public decimal Cost { get; }

    /// <summary>Gets the credential's credits.</summary>
    public decimal Credits { get; }

    /// <summary>Gets the step's stage (0-based): the earliest round in which it can be taken.</summary>
    /// <remarks>Stage 0 steps are eligible on the learner's items alone; a stage k step is eligible once every step of
    /// the stages before k is earned. Steps of one stage are independent of each other, so the number of stages is
    /// the plan's critical path.</remarks>
    public int Stage { get; }

    /// <summary>Gets a value indicating whether the learner already holds a member of the credential's equivalence
    /// class (valid or not): the step is a retake that renews an expired holding or fixes a failed qualifier.</summary>
    public bool IsRetake { get; }

    /// <summary>Gets the requirement nodes the step can count for: nodes of later steps' requirements, or of the goal,
    /// that match the credential (a leaf of its class, a selector, a skill it shows).</summary>
    public ImmutableArray<RequirementRef> Serves { get; }

    /// <inheritdoc/>
    public override string ToString() => Credential.ToString();
}
