using System.Diagnostics;
using LightSerNet.Architectures;
using LightSerNet.Training.Networks;
using static TorchSharp.torch;

namespace LightSerNet.Bench;

/// <summary>
/// One training step of Light-SERNet at batch 32 on a 3 s MFCC input (forward, cross-entropy, backward, Adam) in
/// TorchSharp on all cores, against the PyTorch peer's step measured in the same run.
/// </summary>
internal static class TrainBench
{
    private const int Batch = 32, Warmup = 6, Runs = 25;

    public static int Run(BenchContext context)
    {
        int threads = Math.Min(2, Environment.ProcessorCount);
        set_num_threads(threads);
        manual_seed(42);
        // The network exactly as Invoke-SerTraining builds it (initialisation, layout).
        using var network = TrainingNetwork.Create(ArchitectureCatalog.Get("light-sernet"), 7);
        using var optimizer = optim.Adam(network.parameters(), 1e-4, eps: 1e-7);
        using var features = randn(Batch, 184, 40);
        using var labels = randint(0, 7, [Batch]);
        network.train();

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(network.call(features), labels);
            loss.backward();
            optimizer.step();
        }

        for (int i = 0; i < Warmup; i++)
            Step();
        var times = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Step();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        double ours = times[Runs / 2];

        var peer = PeerBenchmark.Run(context, threads);
        double? peerMs = peer.Number("train_step_b32_ms");
        Console.WriteLine($"TorchSharp train step b32: {ours:F1} ms on {threads} threads" +
            (peerMs is double p ? $"; PyTorch peer ({peer.Text("peer")}): {p:F1} ms; ratio {ours / p:F2}x (goal <= 0.8x)" : $"; peer skipped: {peer.SkipReason}"));
        BenchContext.PrintResult(new
        {
            bench = "train",
            ms_per_step_b32 = Math.Round(ours, 1),
            threads,
            peer_ms_per_step_b32 = peerMs,
            ratio_to_peer = peerMs is double q ? Math.Round(ours / q, 3) : (double?)null,
        });
        return 0;
    }
}
