using System.Collections.Concurrent;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Audio.Resampling;
using LightSerNet.Audio.Wave;
using LightSerNet.Data.Corpora;

namespace LightSerNet.Bench;

/// <summary>
/// Import + decode + segment all of EMO-DB, as Import-SerDataset | ConvertTo-Segment does, warm, on all cores;
/// plus the resampler's cost per second of 44.1 kHz audio.
/// </summary>
internal static class AudioBench
{
    public static int Run(BenchContext context)
    {
        if (!Directory.Exists(context.EmoDbRoot))
        {
            Console.Error.WriteLine($"EMO-DB is not at '{context.EmoDbRoot}'; set LIGHTSERNET_EMODB.");
            return 1;
        }
        var options = new SegmentOptions(3);
        int files = 0, segments = 0;

        double importSeconds = BenchContext.MedianSeconds(5, () => files = Import(context.EmoDbRoot).Count);
        double decodeSeconds = BenchContext.MedianSeconds(5, () =>
            Parallel.ForEach(Import(context.EmoDbRoot), audio => WaveReader.ReadMono(audio.Path)));
        double totalSeconds = BenchContext.MedianSeconds(5, () =>
        {
            var all = Import(context.EmoDbRoot);
            var counts = new ConcurrentBag<int>();
            Parallel.ForEach(all, audio => counts.Add(Segmenter.Segment(audio, options).Count));
            segments = counts.Sum();
        });
        double singleThreadSeconds = BenchContext.MedianSeconds(3, () =>
        {
            foreach (var audio in Import(context.EmoDbRoot))
                Segmenter.Segment(audio, options);
        });

        var resampler = new PolyphaseResampler(44100, 16000);
        var tone = new float[44100 * 10];
        for (int i = 0; i < tone.Length; i++)
            tone[i] = (float)Math.Sin(2 * Math.PI * 440 * i / 44100.0);
        double resampleSeconds = BenchContext.MedianSeconds(5, () => resampler.Process(tone)) / 10;

        Console.WriteLine($"import (headers) {importSeconds * 1e3:F1} ms; decode {decodeSeconds * 1e3:F1} ms; " +
            $"import+decode+segment {totalSeconds * 1e3:F1} ms on {Environment.ProcessorCount} cores, {singleThreadSeconds * 1e3:F1} ms on one; " +
            $"resample 44.1->16 kHz {resampleSeconds * 1e3:F2} ms per second of audio ({resampler.TapsPerOutput} taps)");
        BenchContext.PrintResult(new
        {
            bench = "audio",
            files,
            segments,
            seconds = Math.Round(totalSeconds, 4),
            seconds_1t = Math.Round(singleThreadSeconds, 4),
            import_seconds = Math.Round(importSeconds, 4),
            decode_seconds = Math.Round(decodeSeconds, 4),
            resample_ms_per_s_44k = Math.Round(resampleSeconds * 1e3, 3),
            cores = Environment.ProcessorCount,
        });
        return files == 535 && segments == 535 ? 0 : 1;
    }

    private static List<SerAudio> Import(string root) =>
        CorpusReader.Read(new CorpusQuery(CorpusName.EmoDb, root), _ => { })
            .Select(entry => entry.ToAudio(CorpusName.EmoDb))
            .ToList();
}
