using System.Numerics;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Planning;

/// <summary>Binds the planner's seam to the eligibility engine's dense seam (engine numbers, planned bitsets).</summary>
/// <remarks>The planner numbers credentials in ordinal id order, the engine in its own order: <see cref="Prepare"/> maps
/// one to the other (once per numbering: a planner passes the same array for every request, and the last map is kept),
/// and each check translates only the bits of the planned set (already restricted to the requirement's support), or
/// passes the words through when the two numberings agree.</remarks>
internal sealed class EvaluatorOracle(EligibilityEvaluator evaluator) : IPlanningOracle
{
    /// <summary>The last numbering's map (immutable; replaced whole, so concurrent requests read one map or the other).</summary>
    private Numbering? _last;

    public object Prepare(LearnerRecord learner, DateOnly asOf, IReadOnlyList<CredentialId> numbering)
    {
        if (Volatile.Read(ref _last) is not { } map || !ReferenceEquals(map.Ids, numbering))
        {
            map = Map(numbering);
            Volatile.Write(ref _last, map);
        }

        return new Context(evaluator.Prepare(learner, asOf), map.ToEngine, map.Identity, new ulong[(evaluator.CredentialCount + 63) >> 6]);
    }

    private Numbering Map(IReadOnlyList<CredentialId> numbering)
    {
        var toEngine = new int[numbering.Count];
        var identity = numbering.Count == evaluator.CredentialCount;
        for (var i = 0; i < toEngine.Length; i++)
        {
            toEngine[i] = evaluator.IndexOf(numbering[i]);

            // Every planner credential comes from the engine's catalog; a missing one would silently read as not planned.
            if (toEngine[i] < 0)
            {
                throw new InvalidOperationException($"The eligibility engine does not know the planner's credential '{numbering[i]}'.");
            }

            identity &= toEngine[i] == i;
        }

        return new Numbering(numbering, toEngine, identity);
    }

    public OracleAnswer Check(object prepared, int credential, ReadOnlySpan<ulong> planned)
    {
        var context = (Context)prepared;
        return Map(evaluator.Check(context.ToEngine[credential], context.Learner, context.Translate(planned)));
    }

    public OracleAnswer CheckGoal(object prepared, Requirement goal, ReadOnlySpan<ulong> planned)
    {
        var context = (Context)prepared;
        return Map(evaluator.CheckGoal(goal, context.Learner, context.Translate(planned)));
    }

    private static OracleAnswer Map(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => OracleAnswer.Yes,
        EligibilityStatus.NotEligible => OracleAnswer.No,
        _ => OracleAnswer.Unknown,
    };

    /// <summary>A planner numbering (by reference: the caller does not change it) and its map to the engine's numbers.</summary>
    private sealed record Numbering(IReadOnlyList<CredentialId> Ids, int[] ToEngine, bool Identity);

    /// <summary>One problem's prepared learner, the numbering map and a scratch bitset (one search uses a context at a time).</summary>
    private sealed class Context(PreparedLearner learner, int[] toEngine, bool identity, ulong[] scratch)
    {
        public PreparedLearner Learner { get; } = learner;

        public int[] ToEngine { get; } = toEngine;

        public ReadOnlySpan<ulong> Translate(ReadOnlySpan<ulong> planned)
        {
            if (identity)
            {
                return planned;
            }

            Array.Clear(scratch);
            for (var k = 0; k < planned.Length; k++)
            {
                var w = planned[k];
                while (w != 0)
                {
                    var e = ToEngine[(k << 6) + BitOperations.TrailingZeroCount(w)];
                    scratch[e >> 6] |= 1UL << (e & 63);
                    w &= w - 1;
                }
            }

            return scratch;
        }
    }
}
