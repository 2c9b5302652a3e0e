using Stacking.Model;
using Stacking.Planning;
using Stacking.Rules;

namespace Stacking.Tests.Planning;

/// <summary>An oracle that answers like <paramref name="inner"/> and cancels <paramref name="source"/> when it is asked its
/// <paramref name="cancelAt"/>-th question (counting from 0): a cancellation at a chosen point of a planning request,
/// deterministic, without a clock.</summary>
internal sealed class CancellingOracle(IPlanningOracle inner, int cancelAt, CancellationTokenSource source) : IPlanningOracle
{
    private int _questions;

    /// <summary>Gets the number of questions asked so far.</summary>
    public int Questions => _questions;

    public object Prepare(LearnerRecord learner, DateOnly asOf, IReadOnlyList<CredentialId> numbering) => inner.Prepare(learner, asOf, numbering);

    public OracleAnswer Check(object prepared, int credential, ReadOnlySpan<ulong> planned)
    {
        Count();
        return inner.Check(prepared, credential, planned);
    }

    public OracleAnswer CheckGoal(object prepared, Requirement goal, ReadOnlySpan<ulong> planned)
    {
        Count();
        return inner.CheckGoal(prepared, goal, planned);
    }

    private void Count()
    {
        if (_questions++ == cancelAt)
        {
            source.Cancel();
        }
    }
}
