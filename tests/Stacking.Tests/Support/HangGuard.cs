namespace Stacking.Tests.Support;

/// <summary>"Never a hang", without a timing assertion: the work runs on a task, and only work that has not finished
/// within a generous limit fails the test. The limit is minutes, far above any slow or shared machine, so that it
/// catches an endless loop or a runaway allocation and never measures speed (the benchmarks do that).</summary>
/// <remarks>xunit 2's <c>[Fact(Timeout = …)]</c> only applies to async tests; this works in any test. The abandoned
/// task of a hang keeps running until the test process ends, which is acceptable for a failing run.</remarks>
internal static class HangGuard
{
    /// <summary>How long work may take before it counts as a hang.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs the work and returns its result, or rethrows its exception; fails the test if it does not finish within <see cref="Limit"/>.</summary>
    /// <param name="work">The work.</param>
    /// <param name="what">What it is, for the failure message.</param>
    /// <returns>The work's result.</returns>
    public static T Finishes<T>(Func<T> work, string what)
    {
        var task = Task.Run(work);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit))
        {
            Assert.Fail($"{what}: did not finish within {Limit}, taken to be a hang");
        }

        return task.GetAwaiter().GetResult();
    }
}
