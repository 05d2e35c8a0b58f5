using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Tests;

/// <summary>The scheduler that trains folds side by side: progress on the caller's thread, failures stop the rest.</summary>
public sealed class FoldSchedulerTests
{
    private static TrainingProgress Report(int item, int epoch) => new(item, 4, $"item {item}", epoch, 3, 0, 0, null, 0);

    [Fact]
    public void EveryItemRunsAndEveryReportReachesTheCallersThread()
    {
        int caller = Environment.CurrentManagedThreadId;
        var ran = new System.Collections.Concurrent.ConcurrentBag<int>();
        var reports = new List<(int Item, int Epoch)>();
        FoldScheduler.Run([0, 1, 2, 3], 2, 1, (item, progress, stop) =>
        {
            ran.Add(item);
            for (int epoch = 0; epoch < 3; epoch++)
                progress.Report(Report(item, epoch));
        }, new ResumeTests.Progress(p =>
        {
            Assert.Equal(caller, Environment.CurrentManagedThreadId);
            reports.Add((p.Fold, p.Epoch));
        }), CancellationToken.None);

        Assert.Equal([0, 1, 2, 3], ran.Order());
        Assert.Equal(12, reports.Count);
        foreach (var item in reports.GroupBy(r => r.Item))
            Assert.Equal([0, 1, 2], item.Select(r => r.Epoch));
    }

    [Fact]
    public void TheFirstFailureStopsTheOtherItemsAndIsRethrown()
    {
        var cancelled = new System.Collections.Concurrent.ConcurrentBag<int>();
        var error = Assert.Throws<InvalidOperationException>(() => FoldScheduler.Run([0, 1, 2, 3], 2, 1, (item, progress, stop) =>
        {
            if (item == 0)
            {
                Thread.Sleep(50);
                throw new InvalidOperationException("fold 0 diverged");
            }
            // The others train until told to stop, as folds stop between batches.
            while (!stop.IsCancellationRequested)
                Thread.Sleep(1);
            cancelled.Add(item);
            stop.ThrowIfCancellationRequested();
        }, null, CancellationToken.None));

        Assert.Equal("fold 0 diverged", error.Message);
        Assert.Equal([1], cancelled);
    }

    [Fact]
    public void WhenTheCallerStopsListeningTheWorkersStopBeforeTheErrorComesBack()
    {
        int running = 0;
        Assert.Throws<OperationCanceledException>(() => FoldScheduler.Run([0, 1], 2, 1, (item, progress, stop) =>
        {
            Interlocked.Increment(ref running);
            try
            {
                for (int epoch = 0; ; epoch++)
                {
                    stop.ThrowIfCancellationRequested();
                    progress.Report(Report(item, epoch));
                }
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }, new ResumeTests.Progress(p =>
        {
            if (p.Epoch == 5)
                throw new OperationCanceledException("the pipeline was stopped");
        }), CancellationToken.None));

        Assert.Equal(0, Volatile.Read(ref running));
    }
}
