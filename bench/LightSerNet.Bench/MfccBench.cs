using LightSerNet.Features;

namespace LightSerNet.Bench;

/// <summary>
/// The paper's MFCC (184 x 40 from 3 s at 16 kHz) through the batch API: milliseconds per clip on one thread and on
/// all cores, bytes allocated per clip, and the ratio to torchaudio (the PyTorch peer, one thread) in the same run.
/// </summary>
internal static class MfccBench
{
    private const int Clips = 256;
    private const int Runs = 21;

    public static int Run(BenchContext context)
    {
        var config = FeatureConfig.Paper;
        var extractor = new FeatureExtractor(config);
        var clips = RandomClips(Clips, 3 * config.SampleRate, seed: 42);
        var tensor = new float[Clips * extractor.OutputLength(clips[0].Length)];

        WarmUp(extractor, clips, tensor);
        // One thread and all cores alternate, so a burst of load from elsewhere on the machine hits both alike.
        var singleRuns = new double[Runs];
        var allRuns = new double[Runs];
        for (int run = 0; run < Runs; run++)
        {
            singleRuns[run] = Seconds(() => extractor.ComputeBatch(clips, tensor, 1));
            allRuns[run] = Seconds(() => extractor.ComputeBatch(clips, tensor, -1));
        }
        double single = Median(singleRuns) * 1e3 / Clips, singleBest = singleRuns.Min() * 1e3 / Clips;
        double all = Median(allRuns) * 1e3 / Clips;

        // Warm: the calling thread's workspace exists, so this counts what one more batch costs.
        long before = GC.GetAllocatedBytesForCurrentThread();
        extractor.ComputeBatch(clips, tensor, 1);
        double allocSingle = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Clips;
        before = GC.GetTotalAllocatedBytes(precise: true);
        extractor.ComputeBatch(clips, tensor, -1);
        double allocAll = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / Clips;

        var scalar = new FeatureExtractor(config, useSimd: false);
        WarmUp(scalar, clips, tensor);
        double scalarSingle = BenchContext.MedianSeconds(3, () => scalar.ComputeBatch(clips, tensor, 1)) * 1e3 / Clips;
        var kinds = new Dictionary<string, double>();
        foreach (var kind in new[] { FeatureKind.Spectrogram, FeatureKind.MelSpectrogram })
        {
            var other = new FeatureExtractor(config with { Kind = kind });
            var output = new float[Clips * other.OutputLength(clips[0].Length)];
            WarmUp(other, clips, output);
            kinds[kind.ToString()] = BenchContext.MedianSeconds(5, () => other.ComputeBatch(clips, output, 1)) * 1e3 / Clips;
        }

        Console.WriteLine($"MFCC 184x40 per 3 s clip, batch of {Clips}, median of {Runs}: {single:F4} ms on one thread (best {singleBest:F4}) " +
            $"({(extractor.IsVectorized ? "Vector256, 8 frames per vector" : "scalar fallback")}), {all:F4} ms on {Environment.ProcessorCount} cores " +
            $"(scaling {single / all:F2}x); allocated {allocSingle:F1} B per clip on one thread, {allocAll:F1} B on all cores");
        Console.WriteLine($"scalar pipeline {scalarSingle:F3} ms; spectrogram {kinds["Spectrogram"]:F4} ms; log-mel {kinds["MelSpectrogram"]:F4} ms (one thread)");

        var peer = PeerBenchmark.Run(context, threads: 1);
        double? peerMs = peer.Number("mfcc_ms_per_3s_clip");
        double? ratio = peerMs is { } p ? p / single : null;
        if (peerMs is { } ms)
            Console.WriteLine($"peer {peer.Text("peer")} (torchaudio, 1 thread): {ms:F3} ms per clip; ours is {ratio:F1}x faster on one thread (goal: 12x)");
        else
            Console.WriteLine($"peer skipped: {peer.SkipReason}");

        BenchContext.PrintResult(new
        {
            bench = "mfcc",
            ms_per_clip_1t = Math.Round(single, 4),
            ms_per_clip_all = Math.Round(all, 4),
            ms_per_clip_1t_best = Math.Round(singleBest, 4),
            alloc_bytes_per_clip = Math.Round(allocSingle, 2),
            alloc_bytes_per_clip_all = Math.Round(allocAll, 2),
            scaling_all = Math.Round(single / all, 2),
            cores = Environment.ProcessorCount,
            vectorized = extractor.IsVectorized,
            scalar_ms_per_clip_1t = Math.Round(scalarSingle, 4),
            spectrogram_ms_per_clip_1t = Math.Round(kinds["Spectrogram"], 4),
            log_mel_ms_per_clip_1t = Math.Round(kinds["MelSpectrogram"], 4),
            peer = peer.Text("peer"),
            peer_ms_per_clip_1t = peerMs,
            speedup_vs_peer_1t = ratio is { } r ? Math.Round(r, 2) : (double?)null,
            peer_skipped = peer.SkipReason,
        });
        return 0;
    }

    private static double Seconds(Action action)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    // The hot kernels are compiled optimised on first call, but TensorPrimitives' log goes through the JIT's tiers:
    // run long enough for it to reach the optimised tier on every thread before anything is timed.
    private static void WarmUp(FeatureExtractor extractor, List<float[]> clips, float[] tensor)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 1.5)
        {
            extractor.ComputeBatch(clips, tensor, 1);
            extractor.ComputeBatch(clips, tensor, -1);
        }
    }

    // Speech-like levels: a few tones plus noise, so the log and the clip see ordinary values.
    private static List<float[]> RandomClips(int count, int length, int seed)
    {
        var random = new Random(seed);
        var clips = new List<float[]>(count);
        for (int c = 0; c < count; c++)
        {
            var clip = new float[length];
            double f1 = 100 + random.NextDouble() * 300, f2 = 500 + random.NextDouble() * 2500;
            for (int i = 0; i < length; i++)
            {
                double t = (double)i / 16000;
                clip[i] = (float)(0.4 * Math.Sin(2 * Math.PI * f1 * t) + 0.2 * Math.Sin(2 * Math.PI * f2 * t) + 0.05 * (random.NextDouble() * 2 - 1));
            }
            clips.Add(clip);
        }
        return clips;
    }
}
