namespace Stacking.Tests.Support;

/// <summary>Runs the same work on several threads released at one instant, so that first-use work races.</summary>
internal static class Together
{
    /// <summary>Each thread's answer, in thread order; an exception on any thread is rethrown to the caller.</summary>
    public static T[] Run<T>(int threads, Func<int, T> work)
    {
        var results = new T[threads];
        var failures = new Exception?[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[i] = work(i);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return failures.FirstOrDefault(f => f is not null) is { } failure
            ? throw new InvalidOperationException("a thread failed", failure)
            : results;
    }
}
