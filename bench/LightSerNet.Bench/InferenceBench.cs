using System.Diagnostics;
using Google.Protobuf;
using LightSerNet.Architectures;
using LightSerNet.Data.Corpora;
using LightSerNet.Features;
using LightSerNet.Inference;
using LightSerNet.Inference.Calibration;
using LightSerNet.Inference.Prediction;
using LightSerNet.Onnx.Export;

namespace LightSerNet.Bench;

/// <summary>
/// Labels all of EMO-DB end to end (decode, resample, cut, MFCC, network) as Get-SpeechEmotion does, with float32 and
/// int8 models, one single-threaded ONNX Runtime session per core; the warm latency of one 3 s file (all cores, as Get-SpeechEmotion
/// labels a lone file, and on one core); 10,000 distinct files labelled in fresh processes, through SerPredictor and
/// through a pwsh pipeline (<see cref="StreamBench"/>), for their rate and peak memory; and the PyTorch peer (model
/// only, batch 32) in the same run. Options: --checkpoint x.weights (a trained checkpoint; default: random weights of
/// light-sernet, since speed does not depend on the weights), --stream N (files in the streaming runs; 0 skips them).
/// </summary>
internal static class InferenceBench
{
    private const int Passes = 3;

    public static int Run(BenchContext context)
    {
        if (!Directory.Exists(context.EmoDbRoot))
        {
            Console.Error.WriteLine($"EMO-DB is not at '{context.EmoDbRoot}'; set LIGHTSERNET_EMODB.");
            return 1;
        }
        string? checkpointPath = Option(context, "--checkpoint");
        int streamCount = int.Parse(Option(context, "--stream") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        var files = CorpusReader.Read(new CorpusQuery(CorpusName.EmoDb, context.EmoDbRoot), _ => { }).Select(e => e.Path).ToList();
        int threads = Environment.ProcessorCount;
        string folder = Path.Combine(Path.GetTempPath(), "lightsernet-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (float32Path, int8Path, source) = ExportModels(checkpointPath, files, folder);
            Console.WriteLine($"models: {source}; {files.Count} EMO-DB files; {threads} cores, one single-threaded session each");

            var float32 = Throughput(float32Path, files, threads);
            var int8 = Throughput(int8Path, files, threads);
            Console.WriteLine($"float32: {float32.ClipsPerSecond:F0} clips/s ({float32.FilesPerSecond:F0} files/s, {float32.Clips} clips of 3 s for {files.Count} files, {float32.Errors} errors)");
            Console.WriteLine($"int8:    {int8.ClipsPerSecond:F0} clips/s ({int8.FilesPerSecond:F0} files/s)");

            var (latency, _) = Latency(float32Path, files, threads);
            var (latencyInt8, _) = Latency(int8Path, files, threads);
            var (latencyOneCore, modelLatency) = Latency(float32Path, files, 1);
            var (latencyOneCoreInt8, modelLatencyInt8) = Latency(int8Path, files, 1);
            Console.WriteLine($"one 3 s file, warm, end to end: float32 {latency:F2} ms on {threads} cores (goal <= 2 ms), {latencyOneCore:F2} ms on one ({modelLatency:F2} ms the network alone); " +
                $"int8 {latencyInt8:F2} ms, {latencyOneCoreInt8:F2} ms on one ({modelLatencyInt8:F2} ms)");

            StreamBench.Result? stream = null, pipeline = null;
            if (streamCount > 0)
            {
                string corpus = Path.Combine(folder, "corpus");
                StreamBench.CopyCorpus(files, streamCount, corpus);
                stream = StreamBench.Predictor(int8Path, corpus, threads);
                if (stream is not null)
                    Console.WriteLine($"{streamCount} distinct files (copies of EMO-DB files in a temporary folder), int8, in a fresh process: {stream.FilesPerSecond:F0} files/s, peak working set {stream.PeakMb:F0} MB (goal <= 300 MB)");
                pipeline = StreamBench.Pwsh(context, corpus, streamCount);
                if (pipeline is not null)
                    Console.WriteLine($"the same files as Get-ChildItem | Get-SpeechEmotion | Export-Csv in a fresh dotnet pwsh (inference-only module, shipped float32 model): {pipeline.FilesPerSecond:F0} files/s, peak working set {pipeline.PeakMb:F0} MB");
            }
            double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
            Console.WriteLine($"peak working set of this process: {peakMb:F0} MB (everything above, export and calibration included)");
            double? firstPrediction = PwshFirstPrediction(context, float32Path, files[0]);
            if (firstPrediction is { } first)
                Console.WriteLine($"dotnet pwsh start to first prediction (inference-only module, process exit included): {first:F2} s");

            var peer = PeerBenchmark.Run(context, Math.Min(2, threads));
            double? peerRate = peer.Number("infer_clips_per_s_b32"), peerB1 = peer.Number("infer_b1_ms");
            if (peerRate is { } rate)
            {
                Console.WriteLine($"peer {peer.Text("peer")} (model only, batch 32, {Math.Min(2, threads)} threads): {rate:F0} clips/s, batch 1 {peerB1:F2} ms; " +
                    $"ours end to end: float32 {float32.ClipsPerSecond / rate:F2}x (goal 1.3x), int8 {int8.ClipsPerSecond / rate:F2}x (goal 3x), latency {peerB1 / latency:F1}x lower");
            }
            else
            {
                Console.WriteLine($"peer skipped: {peer.SkipReason}");
            }
            BenchContext.PrintResult(new
            {
                bench = "inference",
                clips_per_s = Math.Round(float32.ClipsPerSecond, 1),
                clips_per_s_int8 = Math.Round(int8.ClipsPerSecond, 1),
                latency_ms_b1 = Math.Round(latency, 3),
                peak_mb = Math.Round(peakMb, 1),
                files_per_s = Math.Round(float32.FilesPerSecond, 1),
                files_per_s_int8 = Math.Round(int8.FilesPerSecond, 1),
                clips = float32.Clips,
                files = files.Count,
                latency_ms_b1_int8 = Math.Round(latencyInt8, 3),
                latency_ms_b1_one_core = Math.Round(latencyOneCore, 3),
                latency_ms_b1_one_core_int8 = Math.Round(latencyOneCoreInt8, 3),
                model_ms_b1 = Math.Round(modelLatency, 3),
                model_ms_b1_int8 = Math.Round(modelLatencyInt8, 3),
                stream_inputs = streamCount,
                stream_files_per_s_int8 = stream is { } s ? Math.Round(s.FilesPerSecond, 1) : (double?)null,
                stream_peak_mb = stream is { } m ? Math.Round(m.PeakMb, 1) : (double?)null,
                pwsh_stream_files_per_s = pipeline is { } ps ? Math.Round(ps.FilesPerSecond, 1) : (double?)null,
                pwsh_stream_peak_mb = pipeline is { } pm ? Math.Round(pm.PeakMb, 1) : (double?)null,
                pwsh_first_prediction_s = firstPrediction is { } f ? Math.Round(f, 2) : (double?)null,
                cores = threads,
                weights = checkpointPath is null ? "random" : "checkpoint",
                peer = peer.Text("peer"),
                peer_infer_clips_per_s_b32 = peerRate,
                peer_infer_b1_ms = peerB1,
                ratio_to_peer = peerRate is { } p1 ? Math.Round(float32.ClipsPerSecond / p1, 2) : (double?)null,
                ratio_to_peer_int8 = peerRate is { } p2 ? Math.Round(int8.ClipsPerSecond / p2, 2) : (double?)null,
                latency_ratio_to_peer = peerB1 is { } p3 ? Math.Round(p3 / latency, 2) : (double?)null,
                peer_skipped = peer.SkipReason,
            });
            return float32.Errors == 0 && int8.Errors == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Option(BenchContext context, string name)
    {
        int index = Array.IndexOf(context.Arguments, name);
        return index >= 0 && index + 1 < context.Arguments.Length ? context.Arguments[index + 1] : null;
    }

    // A trained checkpoint when given, else random weights: the network's cost does not depend on its weights.
    // Int8 is calibrated on 128 EMO-DB files either way, so the activation ranges are real ones.
    internal static (string Float32, string Int8, string Source) ExportModels(string? checkpointPath, List<string> files, string folder)
    {
        Checkpoint checkpoint;
        string source;
        if (checkpointPath is not null)
        {
            checkpoint = Checkpoint.Load(checkpointPath);
            source = $"exported from {checkpointPath}";
        }
        else
        {
            var architecture = ArchitectureCatalog.Get(ArchitectureCatalog.DefaultName);
            var labels = architecture.FindLabels("EmoDb")!;
            string weights = Path.Combine(folder, "random.weights");
            ModelWeightsFile.Save(weights, new ModelWeightsFile.Header(architecture.Name, architecture.SpecHash, labels.Names, labels.Corpus,
                new Dictionary<string, string> { [ModelMetadataKeys.FeatureConfig] = FeatureConfig.Paper.ToJson() }), RandomWeights.For(architecture, labels.Labels.Count));
            checkpoint = Checkpoint.Load(weights);
            source = "light-sernet with RANDOM weights (no --checkpoint given; speed does not depend on the weights)";
        }
        var config = FeatureConfig.FromJson(checkpoint.FeatureConfigJson);
        var calibration = CalibrationSet.FromFiles(files, config, checkpoint.Architecture.Input.Duration, (_, _) => { }, maxClips: 128);
        string float32 = Path.Combine(folder, "float32.onnx"), int8 = Path.Combine(folder, "int8.onnx");
        File.WriteAllBytes(float32, CheckpointExporter.Build(checkpoint, new CheckpointExportOptions()).Model.ToByteArray());
        File.WriteAllBytes(int8, CheckpointExporter.Build(checkpoint, new CheckpointExportOptions { Precision = ModelPrecision.Int8, Calibration = calibration }).Model.ToByteArray());
        return (float32, int8, source);
    }

    private sealed record Rate(double ClipsPerSecond, double FilesPerSecond, int Clips, int Errors);

    // Warm-up passes for three seconds at least (JIT tiers as in Median, sessions, page cache), then the median of
    // timed passes over every file.
    private static Rate Throughput(string modelPath, List<string> files, int threads)
    {
        using var predictor = new SerPredictor(SerModel.Load(modelPath), threads);
        var inputs = files.Select(PredictionInput.FromFile).ToList();
        var warming = Stopwatch.StartNew();
        var (clips, errors) = Label(predictor, inputs);
        while (warming.Elapsed.TotalSeconds < 3)
            Label(predictor, inputs);
        var times = new double[Passes];
        for (int pass = 0; pass < Passes; pass++)
        {
            var watch = Stopwatch.StartNew();
            Label(predictor, inputs);
            times[pass] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        double seconds = times[Passes / 2];
        return new Rate(clips / seconds, files.Count / seconds, clips, errors);
    }

    private static (int Clips, int Errors) Label(SerPredictor predictor, IEnumerable<PredictionInput> inputs)
    {
        int clips = 0, errors = 0;
        foreach (var outcome in predictor.Predict(inputs))
        {
            if (outcome.Error is not null)
                errors++;
            clips += outcome.Predictions.Sum(p => p.Clips);
        }
        return (clips, errors);
    }

    // A file of about 3 s (one model clip), labelled alone on `threads` cores, warm: median of 50 after a second of
    // warm-up calls; and the network alone on one single-threaded session.
    private static (double EndToEnd, double Model) Latency(string modelPath, List<string> files, int threads)
    {
        string file = files.Select(f => (f, Math.Abs(new FileInfo(f).Length - 96_044))).MinBy(x => x.Item2).f;
        using var predictor = new SerPredictor(SerModel.Load(modelPath), threads);
        var input = new[] { PredictionInput.FromFile(file) };
        double endToEnd = Median(70, 20, () => predictor.Predict(input).Count());
        var features = predictor.Features(new float[predictor.Model.ClipSamples]);
        double model = Median(70, 20, () => predictor.Run(features, 1));
        return (endToEnd, model);
    }

    // Warm means steady state: at least 'warmup' calls and three seconds of them, so tiered compilation has rejitted
    // the hot path twice (with dynamic PGO a method goes from tier 0 to an instrumented tier and only then to the
    // optimised one, each step after 30 calls and a 100 ms delay, compiled on a background thread that competes for
    // the cores). Twenty calls alone measured JIT work: 2.5-3.9 ms for a lone file instead of 1.66; a second of
    // warm-up still left the instrumented code in: 1.77-2.04 ms for the next 300 calls, 1.62-1.64 in every later
    // measurement, and 1.66 at once with DOTNET_TieredPGO=0 (2026-12-07).
    internal static double Median(int runs, int warmup, Action action)
    {
        var warming = Stopwatch.StartNew();
        for (int i = 0; i < warmup || warming.Elapsed.TotalSeconds < 3; i++)
            action();
        var times = new double[runs - warmup];
        for (int i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    // The whole user path: a new dotnet pwsh, Import-Module of the inference-only module, one file labelled, exit.
    private static double? PwshFirstPrediction(BenchContext context, string modelPath, string file)
    {
        if (context.InferenceModule is not { } module)
            return null;
        var start = context.Pwsh($"Import-Module '{module}'; $null = Get-SpeechEmotion -Model '{modelPath}' -LiteralPath '{file}'");
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return null;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
