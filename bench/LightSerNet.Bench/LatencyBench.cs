using System.Diagnostics;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Data.Corpora;
using LightSerNet.Inference;
using LightSerNet.Inference.Prediction;
using LightSerNet.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LightSerNet.Bench;

/// <summary>
/// Where the time of one lone 3 s file goes (float32, warm, medians): end to end as Get-SpeechEmotion labels it,
/// then decoding, cutting, features, and the network alone on a session with one thread and with a thread per core. Quick
/// (seconds), for working on the latency goal; "inference" is the bench of record.
/// </summary>
internal static class LatencyBench
{
    private const int Runs = 400, Warmup = 100;

    public static int Run(BenchContext context)
    {
        var files = CorpusReader.Read(new CorpusQuery(CorpusName.EmoDb, context.EmoDbRoot), _ => { }).Select(e => e.Path).ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"EMO-DB is not at '{context.EmoDbRoot}'; set LIGHTSERNET_EMODB.");
            return 1;
        }
        int threads = Environment.ProcessorCount;
        string folder = Path.Combine(Path.GetTempPath(), "lightsernet-latency-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (float32Path, _, _) = InferenceBench.ExportModels(null, files, folder);
            string file = files.Select(f => (f, Math.Abs(new FileInfo(f).Length - 96_044))).MinBy(x => x.Item2).f;
            var model = SerModel.Load(float32Path);
            using var predictor = new SerPredictor(model, threads);
            var input = new[] { PredictionInput.FromFile(file) };
            double endToEnd = InferenceBench.Median(Runs, Warmup, () => predictor.Predict(input).Count());
            double decode = InferenceBench.Median(Runs, Warmup, () => AudioLoader.Load(file, model.SampleRate));
            var decoded = AudioLoader.Load(file, model.SampleRate).Samples;
            var clipOptions = new SegmentOptions(model.Duration, SegmentMode.Sliding, model.Duration / 2, model.SampleRate);
            double cut = InferenceBench.Median(Runs, Warmup, () => Segmenter.Cut(decoded, clipOptions));
            var clip = new float[model.ClipSamples];
            var samples = AudioLoader.Load(file, model.SampleRate).Samples;
            samples.AsSpan(0, Math.Min(clip.Length, samples.Length)).CopyTo(clip);
            double features = InferenceBench.Median(Runs, Warmup, () => predictor.Features(clip));
            var values = predictor.Features(clip);
            double one = Network(float32Path, model, values, 1), wide = Network(float32Path, model, values, threads);
            Console.WriteLine($"one 3 s file, float32, warm: end to end {endToEnd:F3} ms on {threads} cores; decode {decode:F3} ms, cut {cut:F3} ms, features {features:F3} ms, " +
                $"network {one:F3} ms on one thread, {wide:F3} ms on {threads}");
            BenchContext.PrintResult(new { bench = "latency", end_to_end_ms = Math.Round(endToEnd, 3), decode_ms = Math.Round(decode, 3), cut_ms = Math.Round(cut, 3),
                features_ms = Math.Round(features, 3), network_ms_one_thread = Math.Round(one, 3), network_ms_wide = Math.Round(wide, 3), cores = threads });
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Network(string path, SerModel model, float[] features, int threads)
    {
        // As SessionPool makes them: one thread, or a thread per core spinning between operators.
        using var session = OnnxRuntimeSessions.Create(File.ReadAllBytes(path), threads, spin: threads > 1);
        var tensor = new DenseTensor<float>(features, [1, model.Input.Frames, model.Input.Coefficients]);
        var inputs = new[] { NamedOnnxValue.CreateFromTensor("features", tensor) };
        return InferenceBench.Median(Runs, Warmup, () =>
        {
            using var results = session.Run(inputs);
        });
    }
}
