using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Stacking.Eligibility.Engine;
using Stacking.Model;

namespace Stacking.Eligibility;

/// <content>What-if and batch evaluation.</content>
public sealed partial class EligibilityEvaluator
{
    // One thread's learner buffer for batches: only used between a fill and the check that reads it, so a batch
    // started from a progress callback on the same thread cannot disturb a learner in flight.
    [ThreadStatic]
    private static LearnerBits? t_batchBits;

    // A second per-thread buffer for the checks of prepared learners, which a batch may call while its own is in use.
    [ThreadStatic]
    private static LearnerBits? t_checkBits;

    /// <summary>Evaluates a target as if the learner also held some credentials or had some exceptions, mutating nothing.</summary>
    /// <param name="target">The credential.</param>
    /// <param name="learner">The learner; it is not changed.</param>
    /// <param name="asOf">The as-of date T (pass another date to ask "what if I asked later").</param>
    /// <param name="extraHoldings">Hypothetical holdings added to the learner's, or null.</param>
    /// <param name="extraExceptions">Hypothetical substitutions or waivers added to the learner's, or null.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The result for the hypothetical learner.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog, or an extra holding or exception is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public EligibilityResult EvaluateWhatIf(
        CredentialId target,
        LearnerRecord learner,
        DateOnly asOf,
        IEnumerable<Holding>? extraHoldings = null,
        IEnumerable<AdvisorException>? extraExceptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var hypothetical = learner.WithHoldings(extraHoldings ?? []);
        if (extraExceptions is not null)
        {
            hypothetical = hypothetical with { Exceptions = hypothetical.Exceptions.AddRange(extraExceptions) };
        }

        return Evaluate(target, hypothetical, asOf, cancellationToken);
    }

    /// <summary>Evaluates one target for many learners in parallel, with explanations.</summary>
    /// <param name="target">The credential.</param>
    /// <param name="learners">The learners.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="progress">Receives the number of learners done so far after each one, from worker threads, or null.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The results, in the order of <paramref name="learners"/>.</returns>
    /// <remarks>The evaluator is shared read-only by every worker; each learner is prepared once. Every result is held
    /// until the end, with its explanation (tens of KB per learner on large degrees): for a large cohort call it on
    /// slices, or use <c>CheckBatch</c> where the status is enough.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="learners"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public ImmutableArray<EligibilityResult> EvaluateBatch(
        CredentialId target,
        IReadOnlyList<LearnerRecord> learners,
        DateOnly asOf,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        Batch(target, learners, asOf, progress, (prepared, ct) => Evaluate(target, prepared, null, ct), cancellationToken);

    /// <summary>Checks one target for many learners in parallel, without explanations.</summary>
    /// <param name="target">The credential.</param>
    /// <param name="learners">The learners.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="progress">Receives the number of learners done so far after each one, from worker threads, or null.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The statuses, in the order of <paramref name="learners"/>.</returns>
    /// <remarks>Allocates the returned array; to allocate nothing per learner, pass a buffer to
    /// <see cref="CheckBatch(CredentialId, IReadOnlyList{LearnerRecord}, DateOnly, Memory{EligibilityStatus}, IProgress{int}, CancellationToken)"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="learners"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public ImmutableArray<EligibilityStatus> CheckBatch(
        CredentialId target,
        IReadOnlyList<LearnerRecord> learners,
        DateOnly asOf,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Validate(target, learners);
        var results = new EligibilityStatus[learners.Count];
        CheckInto(target, learners, asOf, results, progress, cancellationToken);
        return ImmutableCollectionsMarshal.AsImmutableArray(results);
    }

    /// <summary>Checks one target for many learners in parallel, without explanations, writing the statuses into the caller's buffer.</summary>
    /// <param name="target">The credential.</param>
    /// <param name="learners">The learners.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="destination">Receives the status of learner <c>i</c> at index <c>i</c>; at least as long as
    /// <paramref name="learners"/> (elements past it are left as they are).</param>
    /// <param name="progress">Receives the number of learners done so far after each one, from worker threads, or null.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <remarks>
    /// <para>The same statuses as <see cref="CheckBatch(CredentialId, IReadOnlyList{LearnerRecord}, DateOnly, IProgress{int}, CancellationToken)"/>,
    /// without its result array: learners without exceptions that the compiled fast path decides (the common case)
    /// cost no allocation at all; only the parallel loop's bookkeeping is allocated, once per batch. A learner with
    /// exceptions, or one the fast path leaves to the general engine, is prepared and checked in full (allocating).</para>
    /// <para>When the batch is cancelled or throws, <paramref name="destination"/> may be partly written.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="learners"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the catalog, or <paramref name="destination"/>
    /// is shorter than <paramref name="learners"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void CheckBatch(
        CredentialId target,
        IReadOnlyList<LearnerRecord> learners,
        DateOnly asOf,
        Memory<EligibilityStatus> destination,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Validate(target, learners);
        if (destination.Length < learners.Count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} statuses, fewer than the {learners.Count} learners.", nameof(destination));
        }

        CheckInto(target, learners, asOf, destination, progress, cancellationToken);
    }

    private void CheckInto(
        CredentialId target,
        IReadOnlyList<LearnerRecord> learners,
        DateOnly asOf,
        Memory<EligibilityStatus> destination,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var index = _compiled.IndexOf(target);
        var rule = _compiled.RuleOf(index);
        var done = 0;
        var options = ParallelOptionsFor(cancellationToken);

        // Each thread fills its one reused LearnerBits per learner instead of preparing it: a learner without
        // exceptions whose check the fast path decides costs no allocation; any other learner is prepared and checked
        // in full. The buffer is per thread, not per parallel task (the loop starts many tasks per batch), so that
        // once grown it is reused by every later batch on that thread.
        Parallel.For(
            0,
            learners.Count,
            options,
            i =>
            {
                destination.Span[i] = CheckOne(index, rule, learners[i], asOf, t_batchBits ??= new LearnerBits());
                var count = Interlocked.Increment(ref done);
                progress?.Report(count);
            });
    }

    /// <summary>Checks several targets for many learners in parallel, without explanations, writing the statuses into the
    /// caller's buffer: learner by learner, each learner's row in the order of the targets.</summary>
    /// <param name="targets">The credentials, at least one.</param>
    /// <param name="learners">The learners.</param>
    /// <param name="asOf">The as-of date T.</param>
    /// <param name="destination">Receives the status of learner <c>i</c> for <c>targets[j]</c> at index
    /// <c>i × targets.Count + j</c>; at least <c>learners.Count × targets.Count</c> long (elements past it are left as
    /// they are).</param>
    /// <param name="progress">Receives the number of learners done so far (all their targets) after each one, from worker
    /// threads, or null.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <remarks>
    /// <para>The same statuses as one <see cref="CheckBatch(CredentialId, IReadOnlyList{LearnerRecord}, DateOnly, Memory{EligibilityStatus}, IProgress{int}, CancellationToken)"/>
    /// per target, for the nightly "every qualification for every learner" at a fraction of its cost: each learner's
    /// record is read into bits once for all targets (a learner with exceptions once per target that they can concern),
    /// and prepared at most once, for the targets the fast path leaves to the general engine. Nothing is allocated per
    /// learner for learners the fast path decides on every target.</para>
    /// <para>When the batch is cancelled or throws, <paramref name="destination"/> may be partly written.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> or <paramref name="learners"/>, or one of the
    /// learners, is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="targets"/> is empty or names a credential the catalog lacks, or
    /// <paramref name="destination"/> is shorter than <c>learners.Count × targets.Count</c>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void CheckBatch(
        IReadOnlyList<CredentialId> targets,
        IReadOnlyList<LearnerRecord> learners,
        DateOnly asOf,
        Memory<EligibilityStatus> destination,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw new ArgumentException("No target is given.", nameof(targets));
        }

        var indices = new int[targets.Count];
        for (var j = 0; j < indices.Length; j++)
        {
            indices[j] = _compiled.IndexOf(targets[j]);
            if (indices[j] < 0)
            {
                throw new ArgumentException($"The catalog has no credential '{targets[j]}'.", nameof(targets));
            }
        }

        Validate(targets[0], learners);
        var width = indices.Length;
        if (destination.Length < (long)learners.Count * width)
        {
            throw new ArgumentException($"The destination holds {destination.Length} statuses, fewer than the {(long)learners.Count * width} of {learners.Count} learners × {width} targets.", nameof(destination));
        }

        var done = 0;
        Parallel.For(
            0,
            learners.Count,
            ParallelOptionsFor(cancellationToken),
            i =>
            {
                var learner = learners[i];
                var bits = t_batchBits ??= new LearnerBits();
                var row = destination.Span.Slice(i * width, width);
                PreparedLearner? prepared = null;
                var plain = learner.Exceptions.IsEmpty;
                if (plain)
                {
                    bits.Fill(_compiled, learner, asOf);
                }

                for (var j = 0; j < width; j++)
                {
                    var index = indices[j];
                    if (_compiled.RuleOf(index) is not { } rule)
                    {
                        row[j] = EligibilityStatus.Eligible;
                    }
                    else if (plain ? rule.Fast.TryEvaluate(bits, default, out var status) : TryCheckRecordFast(index, rule, learner, asOf, bits, out status))
                    {
                        row[j] = status;
                    }
                    else
                    {
                        row[j] = CheckCore(index, prepared ??= Prepare(learner, asOf), default, fast: true, recordTried: !plain);
                    }
                }

                progress?.Report(Interlocked.Increment(ref done));
            });
    }

    private ParallelOptions ParallelOptionsFor(CancellationToken cancellationToken) =>
        new() { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };

    private EligibilityStatus CheckOne(int index, CompiledRule? rule, LearnerRecord learner, DateOnly asOf, LearnerBits bits)
    {
        if (rule is null)
        {
            return EligibilityStatus.Eligible;
        }

        return TryCheckRecordFast(index, rule, learner, asOf, bits, out var status)
            ? status
            : CheckCore(index, Prepare(learner, asOf), default, fast: true, recordTried: true);
    }

    /// <summary>The batch's fast path: the learner record's bits for this rule (transfer credits folded in, exceptions
    /// that cannot matter ignored: <see cref="LearnerBits.Fill(CompiledCatalog, LearnerRecord, DateOnly, CompiledRule, CredentialId)"/>) and the compiled program; false when the general engine
    /// has to answer.</summary>
    internal bool TryCheckRecordFast(int index, CompiledRule rule, LearnerRecord learner, DateOnly asOf, LearnerBits bits, out EligibilityStatus status)
    {
        bits.Fill(_compiled, learner, asOf, rule, _compiled.Credentials[index].Id);
        status = EligibilityStatus.Undetermined;
        return bits.Simple && rule.Fast.TryEvaluate(bits, default, out status);
    }

    /// <summary><see cref="TryCheckRecordFast(int, CompiledRule, LearnerRecord, DateOnly, LearnerBits, out EligibilityStatus)"/>
    /// for a credential with a requirement, with fresh bits (tests count how often it decides).</summary>
    internal bool TryCheckRecordFast(int index, LearnerRecord learner, DateOnly asOf, out EligibilityStatus status)
    {
        status = EligibilityStatus.Eligible;
        return _compiled.RuleOf(index) is not { } rule || TryCheckRecordFast(index, rule, learner, asOf, new LearnerBits(), out status);
    }

    private ImmutableArray<T> Batch<T>(
        CredentialId target,
        IReadOnlyList<LearnerRecord> learners,
        DateOnly asOf,
        IProgress<int>? progress,
        Func<PreparedLearner, CancellationToken, T> evaluate,
        CancellationToken cancellationToken)
    {
        Validate(target, learners);
        var results = new T[learners.Count];
        var done = 0;
        var options = ParallelOptionsFor(cancellationToken);
        Parallel.For(0, learners.Count, options, i =>
        {
            results[i] = evaluate(Prepare(learners[i], asOf), cancellationToken);
            var count = Interlocked.Increment(ref done);
            progress?.Report(count);
        });
        return ImmutableArray.Create(results);
    }

    private void Validate(CredentialId target, IReadOnlyList<LearnerRecord> learners)
    {
        ArgumentNullException.ThrowIfNull(learners);
        if (_compiled.IndexOf(target) < 0)
        {
            throw new ArgumentException($"The catalog has no credential '{target}'.", nameof(target));
        }

        for (var i = 0; i < learners.Count; i++)
        {
            if (learners[i] is null)
            {
                throw new ArgumentNullException(nameof(learners), $"Learner {i} is null.");
            }
        }
    }
}
