using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Tests.Support;

namespace Stacking.Tests.Eligibility;

/// <summary>
/// An evaluator is documented as thread-safe: its compiled forms are built on first use by whichever thread needs
/// them (a race builds equal forms twice and keeps one) and each thread has its own scratch. These laws release
/// several threads at once on a fresh evaluator, so that the first-use compilation races, and require every thread's
/// answers to be those of an evaluator used alone.
/// </summary>
[Properties(Arbitrary = [typeof(EligibilityArbitraries)], MaxTest = 100)]
public sealed class EvaluatorConcurrencyLaws
{
    private const int Threads = 4;
    private const int Rounds = 25;

    [Property]
    public bool ConcurrentCallsOnOneFreshEvaluatorAnswerAsAnEvaluatorUsedAlone(EligibilityCase c)
    {
        // Each thread plans another set (the case's, everything, nothing, every other credential), so that threads
        // sharing anything per call would see each other's sets; each must answer as an evaluator used alone.
        var ids = c.Catalog.Credentials.Select(x => x.Id).ToArray();
        CredentialId[][] planned = [[.. c.Planned], ids, [], [.. ids.Where((_, k) => k % 2 == 0)]];
        var alone = planned.Select((p, i) => Answers(new EligibilityEvaluator(c.Catalog), c, p, i)).ToArray();
        var shared = new EligibilityEvaluator(c.Catalog);

        // Each thread starts with another question, so the first uses race on different compiled forms, then keeps
        // asking while the others are at work: on small cases an answer takes microseconds, and one round per
        // thread would rarely overlap another's.
        var together = Together.Run(Threads, i => Enumerable.Range(i, Rounds).Select(round => Answers(shared, c, planned[i], round)).ToArray());
        return together.Select((rounds, i) => rounds.All(answers => answers.SequenceEqual(alone[i]))).All(ok => ok);
    }

    [Property]
    public bool ABatchOnAFreshEvaluatorAnswersAsOneCheckAtATime(EligibilityCase c)
    {
        var learners = Enumerable.Repeat(c.Learner, 32).ToArray();
        var alone = new EligibilityEvaluator(c.Catalog);
        var expected = alone.Check(EligibilityCase.Target, alone.Prepare(c.Learner, EligibilityCase.AsOf));
        var batch = new EligibilityEvaluator(c.Catalog).CheckBatch(EligibilityCase.Target, learners, EligibilityCase.AsOf);
        return batch.All(status => status == expected);
    }

    /// <summary>Every kind of question, the first one chosen by <paramref name="first"/>, the answers in one fixed order.</summary>
    private static string[] Answers(EligibilityEvaluator evaluator, EligibilityCase c, CredentialId[] planned, int first)
    {
        var questions = new Func<string>[]
        {
            () => evaluator.Check(EligibilityCase.Target, evaluator.Prepare(c.Learner, EligibilityCase.AsOf)).ToString(),
            () => evaluator.Check(EligibilityCase.Target, evaluator.Prepare(c.Learner, EligibilityCase.AsOf), planned).ToString(),
            () => evaluator.Evaluate(EligibilityCase.Target, c.Learner, EligibilityCase.AsOf).ToJson(),
            () => evaluator.CheckGoal(c.Requirement, evaluator.Prepare(c.Learner, EligibilityCase.AsOf), planned).ToString(),
            () => evaluator.EvaluateGoal(c.Requirement, c.Learner, EligibilityCase.AsOf).ToJson(),
            () => evaluator.Evaluate(EligibilityCase.Target, evaluator.Prepare(c.Learner, EligibilityCase.AsOf), planned).ToJson(),
        };
        var answers = new string[questions.Length];
        for (var k = 0; k < questions.Length; k++)
        {
            var q = (first + k) % questions.Length;
            answers[q] = questions[q]();
        }

        return answers;
    }
}
