using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace LightSerNet.Training.Loop;

/// <summary>
/// Trains folds on worker threads, a few at a time, while the calling thread relays their progress (so a cmdlet
/// writes progress from its pipeline thread). Two one-thread folds use two cores about a fifth better than one
/// two-thread fold: this network's layers are too small to keep two threads busy. The first failure stops the
/// other folds after their current batch (their completed epochs stay checkpointed) and is rethrown here.
/// </summary>
internal static class FoldScheduler
{
    /// <summary>Runs <paramref name="train"/> for every item, <paramref name="parallel"/> at a time.</summary>
    /// <param name="items">Work, taken in order.</param>
    /// <param name="parallel">Workers.</param>
    /// <param name="threadsPerWorker">libtorch threads each worker uses.</param>
    /// <param name="train">Trains one item, reporting to the given progress and stopping on the given token.</param>
    /// <param name="progress">Receives every report, on the calling thread.</param>
    /// <param name="cancel">Stops every worker between batches.</param>
    public static void Run<T>(IReadOnlyList<T> items, int parallel, int threadsPerWorker,
        Action<T, IProgress<TrainingProgress>, CancellationToken> train, IProgress<TrainingProgress>? progress, CancellationToken cancel)
    {
        if (items.Count == 0)
            return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var reports = new BlockingCollection<(TrainingProgress Report, ManualResetEventSlim Relayed)>();
        var relay = new RelayedProgress(reports, stop.Token);
        var queue = new ConcurrentQueue<T>(items);
        Exception? failure = null;
        var workers = Enumerable.Range(0, Math.Min(parallel, items.Count)).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                // Per thread in libtorch's OpenMP backend, so each worker sets it for itself.
                set_num_threads(threadsPerWorker);
                while (!stop.IsCancellationRequested && queue.TryDequeue(out var item))
                    train(item, relay, stop.Token);
                stop.Token.ThrowIfCancellationRequested();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                stop.Cancel();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var finished = Task.WhenAll(workers).ContinueWith(_ => reports.CompleteAdding(), TaskScheduler.Default);
        try
        {
            foreach (var (report, relayed) in reports.GetConsumingEnumerable())
            {
                progress?.Report(report);
                relayed.Set();
            }
        }
        catch
        {
            // The caller stopped listening (e.g. the pipeline was stopped): let the workers end cleanly first.
            stop.Cancel();
            finished.Wait();
            throw;
        }
        if (failure is not null)
            ExceptionDispatchInfo.Capture(failure).Throw();
    }

    // The worker waits until its report has been relayed, as it would with a direct call, so whatever the caller
    // does on a report (e.g. cancel) takes effect before the next batch, and reports never pile up.
    private sealed class RelayedProgress(BlockingCollection<(TrainingProgress, ManualResetEventSlim)> reports, CancellationToken stop)
        : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            // Not disposed: after a cancellation the caller may still set it.
            var relayed = new ManualResetEventSlim();
            reports.Add((value, relayed));
            relayed.Wait(stop);
        }
    }
}
