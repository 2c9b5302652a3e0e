using System.Collections.Concurrent;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Eligibility;

public sealed class WhatIfAndBatchTests
{
    private static readonly DateOnly T = new(2025, 6, 15);

    private static readonly Catalog Catalog = new CatalogBuilder()
        .Credential("a", c => c with { ValidFor = Period.Parse("P1Y") })
        .Credential("b")
        .Credential("Q", c => c with { Requires = Rule.AllOf(Rule.Credential("a"), Rule.Credential("b")) })
        .Build();

    [Fact]
    public void AWhatIfWithAHypotheticalHoldingAnswersWithoutChangingTheLearner()
    {
        var learner = new LearnerRecord("l", [new Holding("a", T.AddDays(-10))]);
        var evaluator = new EligibilityEvaluator(Catalog);
        Assert.False(evaluator.Evaluate("Q", learner, T).IsEligible);
        Assert.True(evaluator.EvaluateWhatIf("Q", learner, T, [new Holding("b", T)]).IsEligible);
        Assert.Single(learner.Holdings);
        Assert.False(evaluator.Evaluate("Q", learner, T).IsEligible);
    }

    [Fact]
    public void AWhatIfAtALaterDateSeesTheHoldingExpire()
    {
        var learner = new LearnerRecord("l", [new Holding("a", T.AddDays(-10)), new Holding("b", T.AddDays(-10))]);
        var evaluator = new EligibilityEvaluator(Catalog);
        Assert.True(evaluator.EvaluateWhatIf("Q", learner, T).IsEligible);
        Assert.False(evaluator.EvaluateWhatIf("Q", learner, T.AddYears(1)).IsEligible);
        Assert.True(evaluator.EvaluateWhatIf("Q", learner, T.AddYears(1), extraExceptions: [new Waiver("Q")]).IsEligible);
    }

    [Fact]
    public void ABatchGivesTheSameAnswersAsOneByOneInLearnerOrderAndReportsProgress()
    {
        var learners = Enumerable.Range(0, 40)
            .Select(i => new LearnerRecord($"l{i}", i % 3 == 0 ? [new Holding("a", T), new Holding("b", T)] : [new Holding("a", T)]))
            .ToList();
        var evaluator = new EligibilityEvaluator(Catalog);
        var reports = new ConcurrentBag<int>();
        var results = evaluator.EvaluateBatch("Q", learners, T, new SyncProgress(reports.Add));
        Assert.Equal(learners.Select(l => evaluator.Evaluate("Q", l, T).IsEligible), results.Select(r => r.IsEligible));
        Assert.Equal(learners.Select(l => l.Id), results.Select(r => r.LearnerId));
        Assert.Equal(Enumerable.Range(1, 40), reports.Order());
        Assert.Equal(results.Select(r => r.Status), evaluator.CheckBatch("Q", learners, T));
    }

    [Fact]
    public void ABatchIntoACallersBufferWritesTheSameStatusesAndLeavesTheRestAlone()
    {
        var learners = Enumerable.Range(0, 40)
            .Select(i => new LearnerRecord($"l{i}", i % 3 == 0 ? [new Holding("a", T), new Holding("b", T)] : [new Holding("a", T)]) with
            {
                Exceptions = i % 7 == 0 ? [new Waiver("Q")] : [],
            })
            .ToList();
        var evaluator = new EligibilityEvaluator(Catalog);
        var buffer = Enumerable.Repeat(EligibilityStatus.Undetermined, learners.Count + 2).ToArray();
        var reports = new ConcurrentBag<int>();
        evaluator.CheckBatch("Q", learners, T, buffer, new SyncProgress(reports.Add));
        Assert.Equal(learners.Select(l => evaluator.Check("Q", evaluator.Prepare(l, T))), buffer.Take(learners.Count));
        Assert.Equal(evaluator.CheckBatch("Q", learners, T), buffer.Take(learners.Count));
        Assert.Equal([EligibilityStatus.Undetermined, EligibilityStatus.Undetermined], buffer.Skip(learners.Count));
        Assert.Contains(EligibilityStatus.Eligible, buffer);
        Assert.Contains(EligibilityStatus.NotEligible, buffer);
        Assert.Equal(Enumerable.Range(1, 40), reports.Order());
    }

    [Fact]
    public void ABatchIntoABufferValidatesItsArguments()
    {
        var evaluator = new EligibilityEvaluator(Catalog);
        var buffer = new EligibilityStatus[1];
        Assert.Throws<ArgumentException>("destination", () => evaluator.CheckBatch("Q", [LearnerRecord.Empty, LearnerRecord.Empty], T, buffer));
        Assert.Throws<ArgumentException>("target", () => evaluator.CheckBatch("nope", [LearnerRecord.Empty], T, buffer));
        Assert.Throws<ArgumentNullException>("learners", () => evaluator.CheckBatch("Q", null!, T, buffer));
        Assert.Throws<ArgumentNullException>("learners", () => evaluator.CheckBatch("Q", [null!], T, buffer));
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => evaluator.CheckBatch("Q", [LearnerRecord.Empty], T, buffer, cancellationToken: source.Token));
        evaluator.CheckBatch("Q", [], T, Memory<EligibilityStatus>.Empty);
    }

    [Fact]
    public void ACancelledBatchThrows()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var evaluator = new EligibilityEvaluator(Catalog);
        Assert.ThrowsAny<OperationCanceledException>(() => evaluator.CheckBatch("Q", [LearnerRecord.Empty], T, cancellationToken: source.Token));
        Assert.Throws<ArgumentException>(() => evaluator.CheckBatch("nope", [LearnerRecord.Empty], T));
    }

    [Fact]
    public void ABatchOfSeveralTargetsWritesEachLearnersRowInTheOrderOfTheTargets()
    {
        var learners = Enumerable.Range(0, 40)
            .Select(i => new LearnerRecord($"l{i}", i % 3 == 0 ? [new Holding("a", T), new Holding("b", T)] : [new Holding("a", T)]) with
            {
                Exceptions = i % 7 == 0 ? [new Waiver("Q")] : i % 5 == 0 ? [new Substitution("b", "transfer")] : [],
            })
            .ToList();
        var evaluator = new EligibilityEvaluator(Catalog, new EligibilityOptions { MaxDegreeOfParallelism = 1 });
        CredentialId[] targets = ["Q", "a", "Q"];
        var buffer = Enumerable.Repeat((EligibilityStatus)99, (learners.Count * targets.Length) + 1).ToArray();
        var reports = new ConcurrentBag<int>();

        evaluator.CheckBatch(targets, learners, T, buffer, new SyncProgress(reports.Add));

        var expected = learners.SelectMany(l => targets.Select(t => evaluator.Check(t, evaluator.Prepare(l, T))));
        Assert.Equal(expected, buffer[..^1]);
        Assert.Equal((EligibilityStatus)99, buffer[^1]);
        Assert.Equal(Enumerable.Range(1, 40), reports.Order());
    }

    [Fact]
    public void ABatchOfSeveralTargetsValidatesItsArguments()
    {
        var evaluator = new EligibilityEvaluator(Catalog);
        var buffer = new EligibilityStatus[3];
        Assert.Throws<ArgumentException>("destination", () => evaluator.CheckBatch(["Q", "a"], [LearnerRecord.Empty, LearnerRecord.Empty], T, buffer));
        Assert.Throws<ArgumentException>("targets", () => evaluator.CheckBatch(["Q", "nope"], [LearnerRecord.Empty], T, buffer));
        Assert.Throws<ArgumentException>("targets", () => evaluator.CheckBatch(Array.Empty<CredentialId>(), [LearnerRecord.Empty], T, buffer));
        Assert.Throws<ArgumentNullException>("targets", () => evaluator.CheckBatch((IReadOnlyList<CredentialId>)null!, [LearnerRecord.Empty], T, buffer));
        Assert.Throws<ArgumentNullException>("learners", () => evaluator.CheckBatch(["Q"], [null!], T, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EligibilityOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EligibilityOptions { MaxDegreeOfParallelism = -2 });
        evaluator.CheckBatch(["Q"], [], T, Memory<EligibilityStatus>.Empty);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
