using System.Diagnostics;
using LightSerNet.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

public sealed class FinaliserFenceTests
{
    [Fact]
    public void TemporaryScalarsSurviveCollectionsOnAnotherThread()
    {
        // Tensor.add_(Scalar) makes an implicit alpha Scalar that nothing keeps alive during the native call. With a
        // thread forcing collections, such a loop without the fence failed within a second ("toFloat at Scalar.h").
        using var value = 0.5.ToScalar();
        using var sum = zeros(16);
        var collector = new Collector();
        int steps = 0;
        try
        {
            using var fence = FinaliserFence.Enter();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < 3)
            {
                FinaliserFence.Pause();
                sum.add_(value);
                steps++;
            }
        }
        finally
        {
            collector.Stop();
        }
        Assert.Equal(0.5f * steps, sum[0].item<float>(), 0.5f * steps * 1e-5f);
        Assert.True(collector.Collections > 100, $"only {collector.Collections} collections ran beside {steps} steps");
        Assert.False(FinaliserFence.IsHolding);
    }

    [Fact]
    public void FinalisersWaitWhileASectionIsOpenAndRunWhenItCloses()
    {
        var finalised = new ManualResetEventSlim();
        using (FinaliserFence.Enter())
        {
            Assert.True(FinaliserFence.IsHolding);
            Plant(finalised);
            GC.Collect();
            Assert.False(finalised.Wait(300), "a finaliser ran inside a section");
            using (FinaliserFence.Enter())
                FinaliserFence.Pause(); // nested: the outer section decides
        }
        Assert.False(FinaliserFence.IsHolding);
        Assert.True(finalised.Wait(5000), "the finaliser did not run after the section closed");
    }

    [Fact]
    public void SectionsThatOverlapOnTwoThreadsStillLetFinalisersRun()
    {
        int finalised = 0;
        var workers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            using var fence = FinaliserFence.Enter();
            for (int step = 0; step < 4 * FinaliserFence.PausesBetweenDrains; step++)
            {
                FinaliserFence.Pause();
                PlantCounter(() => Interlocked.Increment(ref finalised));
                Thread.Sleep(1);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        Assert.All(workers, w => Assert.True(w.Join(TimeSpan.FromSeconds(60)), "a worker never finished: the fence deadlocked"));
        Assert.True(Volatile.Read(ref finalised) > 0, "no finaliser ran while the two threads trained");
        Assert.False(FinaliserFence.IsHolding);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Plant(ManualResetEventSlim finalised) => _ = new Finalisable(() => finalised.Set());

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void PlantCounter(Action onFinalise) => _ = new Finalisable(onFinalise);

    private sealed class Finalisable(Action onFinalise)
    {
        ~Finalisable() => onFinalise();
    }

    /// <summary>A thread that forces collections, over and over.</summary>
    private sealed class Collector
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public Collector()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect();
                    Collections++;
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public int Collections { get; private set; }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
