using System.Diagnostics;
using LightSerNet.Architectures;
using LightSerNet.Training.Networks;
using LightSerNet.Training.Runtime;
using static TorchSharp.torch;

namespace LightSerNet.Bench;

/// <summary>
/// One training step of Light-SERNet at batch 32 on a 3 s MFCC input (forward, cross-entropy, backward, Adam) in
/// TorchSharp on all cores, against the PyTorch peer's step measured in the same run; and, as Invoke-SerTraining
/// -ThrottleLimit 2 trains, two networks side by side with a thread each, as time per step of the two together.
/// </summary>
internal static class TrainBench
{
    private const int Batch = 32, Warmup = 4, StepsPerRound = 12, Rounds = 3;

    public static int Run(BenchContext context)
    {
        int threads = Math.Min(2, Environment.ProcessorCount);
        set_num_threads(threads);
        // As Invoke-SerTraining trains: freed tensors stay in the heap (TensorHeap).
        TensorHeap.KeepFreedBlocks();
        manual_seed(42);
        // The network exactly as Invoke-SerTraining builds it (initialisation, layout).
        using var network = TrainingNetwork.Create(ArchitectureCatalog.Get("light-sernet"), 7);
        using var optimizer = optim.Adam(network.parameters(), 1e-4, eps: 1e-7);
        using var features = randn(Batch, 184, 40);
        using var labels = randint(0, 7, [Batch]);
        network.train();

        // A second fold's network, for Invoke-SerTraining -ThrottleLimit 2: two folds side by side, a thread each.
        using var twin = TrainingNetwork.Create(ArchitectureCatalog.Get("light-sernet"), 7);
        using var twinOptimizer = optim.Adam(twin.parameters(), 1e-4, eps: 1e-7);
        twin.train();

        void Step() => TrainStep(network, optimizer, features, labels);

        // Rounds of ours and the peer's, alternating: this machine's speed drifts by 10-20% over a minute, and
        // alternating puts both sides under the same drift. Each side's figure is the median over its rounds.
        var ours = new List<double>();
        var sideBySide = new List<double>();
        var peerRounds = new List<double>();
        PeerResult? peer = null;
        for (int round = 0; round < Rounds; round++)
        {
            // As FoldTrainer trains: one fence section, paused before every step (FinaliserFence); closed before the
            // other threads run, since a thread waiting for others must not hold one.
            using (FinaliserFence.Enter())
            {
                // Warm again after each peer run: its 2 GB process leaves caches and thread pools cold.
                for (int i = 0; i < Warmup; i++)
                    Step();
                for (int i = 0; i < StepsPerRound; i++)
                {
                    var watch = Stopwatch.StartNew();
                    Step();
                    ours.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            if (threads > 1)
                sideBySide.Add(SideBySide([(network, optimizer), (twin, twinOptimizer)], features, labels));
            set_num_threads(threads);
            peer = PeerBenchmark.Run(context, threads);
            if (peer.Number("train_step_b32_ms") is not double peerMs)
                break;
            peerRounds.Add(peerMs);
        }
        double oursMs = Median(ours);
        double? peerMedian = peerRounds.Count > 0 ? Median(peerRounds) : null;
        Console.WriteLine($"TorchSharp train step b32: {oursMs:F1} ms on {threads} threads (median of {ours.Count} steps in {Rounds} rounds)" +
            (peerMedian is double p
                ? $"; PyTorch peer ({peer!.Text("peer")}): {p:F1} ms (median of rounds {string.Join(", ", peerRounds.Select(r => r.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}); ratio {oursMs / p:F2}x (goal <= 0.8x)"
                : $"; peer skipped: {peer?.SkipReason}"));
        double? twoFoldsMs = sideBySide.Count > 0 ? Median(sideBySide) : null;
        if (twoFoldsMs is double two)
        {
            Console.WriteLine($"two folds side by side (-ThrottleLimit 2), a thread each: {two:F1} ms per step of either, overall" +
                (peerMedian is double pm ? $"; {two / pm:F2}x the peer's step" : ""));
        }
        BenchContext.PrintResult(new
        {
            bench = "train",
            ms_per_step_b32 = Math.Round(oursMs, 1),
            ms_per_step_b32_two_folds = twoFoldsMs is double t ? Math.Round(t, 1) : (double?)null,
            threads,
            peer_ms_per_step_b32 = peerMedian is double m ? Math.Round(m, 1) : (double?)null,
            ratio_to_peer = peerMedian is double q ? Math.Round(oursMs / q, 3) : (double?)null,
        });
        return 0;
    }

    private static void TrainStep(nn.Module<Tensor, Tensor> network, optim.Optimizer optimizer, Tensor features, Tensor labels)
    {
        FinaliserFence.Pause();
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(network.call(features), labels);
        loss.backward();
        optimizer.step();
    }

    // Each network trains on a thread of its own with one libtorch thread, as FoldScheduler runs folds; the figure is
    // the wall time divided by all the steps taken, i.e. the time per step the run as a whole pays.
    private static double SideBySide(IReadOnlyList<(nn.Module<Tensor, Tensor> Network, optim.Optimizer Optimizer)> folds, Tensor features, Tensor labels)
    {
        using var start = new Barrier(folds.Count + 1);
        var threads = folds.Select(fold => new Thread(() =>
        {
            set_num_threads(1);
            using (FinaliserFence.Enter())
            {
                for (int i = 0; i < Warmup; i++)
                    TrainStep(fold.Network, fold.Optimizer, features, labels);
            }
            start.SignalAndWait();
            using var fence = FinaliserFence.Enter();
            for (int i = 0; i < StepsPerRound; i++)
                TrainStep(fold.Network, fold.Optimizer, features, labels);
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        var watch = Stopwatch.StartNew();
        threads.ForEach(t => t.Join());
        return watch.Elapsed.TotalMilliseconds / (folds.Count * StepsPerRound);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
