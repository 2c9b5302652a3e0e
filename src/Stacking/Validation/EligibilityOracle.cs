using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>The earnability oracle over the eligibility engine: an empty record at a fixed date, with planned credentials.</summary>
internal sealed class EligibilityOracle : IEarnabilityOracle
{
    private EligibilityOracle()
    {
    }

    /// <summary>Creates the oracle of a catalog.</summary>
    public static IEarnabilityOracle Create(Catalog catalog) =>
        throw new NotSupportedException("The eligibility engine has not landed yet.");

    /// <inheritdoc/>
    public bool? Check(CredentialId target, IReadOnlyCollection<CredentialId> planned) => throw new NotSupportedException();

    /// <inheritdoc/>
    public bool? CheckGoal(Requirement goal, IReadOnlyCollection<CredentialId> planned) => throw new NotSupportedException();
}
