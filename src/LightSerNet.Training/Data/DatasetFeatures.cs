using System.Security.Cryptography;
using System.Text;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Data.Corpora;
using LightSerNet.Features;
using LightSerNet.Onnx.Export;

namespace LightSerNet.Training.Data;

/// <summary>
/// Turns a corpus into a <see cref="TrainingSet"/> (import, the paper's Centre segments, features in parallel) and
/// caches the result on disk, keyed by the feature settings, the segment settings and every file's path, size and
/// modification time, so a sweep computes each corpus's features once.
/// </summary>
public static class DatasetFeatures
{
    private static ReadOnlySpan<byte> Magic => "LSNFEAT1"u8;

    /// <summary>Where cached features live: $LIGHTSERNET_CACHE, else the user's cache folder.</summary>
    public static string DefaultCacheFolder =>
        Environment.GetEnvironmentVariable("LIGHTSERNET_CACHE")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "LightSerNet", "features");

    /// <summary>
    /// Features of every usable utterance in <paramref name="entries"/>, labelled in <paramref name="labelNames"/>'s order.
    /// Unreadable files are reported to <paramref name="problem"/> and left out.
    /// </summary>
    public static TrainingSet Build(IReadOnlyList<CorpusEntry> entries, CorpusName corpus, IReadOnlyList<string> labelNames,
        FeatureConfig config, SegmentOptions segments, string? cacheFolder, Action<string, Exception> problem)
    {
        string? cacheFile = cacheFolder is null ? null : Path.Combine(cacheFolder, Key(entries, config, segments, labelNames) + ".bin");
        if (cacheFile is not null && TryRead(cacheFile, labelNames, config) is { } cached)
            return cached;

        var extractor = new FeatureExtractor(config);
        var clips = new float[entries.Count][];
        var failures = new Exception?[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            try
            {
                var audio = entries[i].ToAudio(corpus);
                var segment = Segmenter.Segment(audio, segments with { Mode = SegmentMode.Centre })[0];
                clips[i] = extractor.Compute(segment.Samples);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures[i] = e;
            }
        });
        var kept = Enumerable.Range(0, entries.Count).Where(i => failures[i] is null).ToList();
        foreach (int i in Enumerable.Range(0, entries.Count).Where(i => failures[i] is not null))
            problem(entries[i].Path, failures[i]!);
        if (kept.Count == 0)
            throw new InvalidOperationException("None of the corpus's files could be read.");

        int length = clips[kept[0]].Length;
        int frames = length / config.Width;
        var features = new float[(long)kept.Count * length];
        for (int k = 0; k < kept.Count; k++)
            clips[kept[k]].CopyTo(features, (long)k * length);
        var index = TrainingSet.LabelIndex(labelNames);
        var labels = kept.Select(i => index.TryGetValue(entries[i].Label, out int l) ? l
            : throw new ArgumentException($"'{entries[i].Path}' is labelled '{entries[i].Label}', which is not among {string.Join(", ", labelNames)}.")).ToArray();
        var set = new TrainingSet(features, frames, config.Width, labels, labelNames,
            kept.Select(i => entries[i].Speaker ?? "").ToArray(), kept.Select(i => entries[i].Id).ToArray(), config);
        if (cacheFile is not null)
            Write(cacheFile, set);
        return set;
    }

    private static string Key(IReadOnlyList<CorpusEntry> entries, FeatureConfig config, SegmentOptions segments, IReadOnlyList<string> labelNames)
    {
        var text = new StringBuilder();
        text.AppendLine(config.ToJson()).AppendLine(segments.ToString()).AppendLine(string.Join(",", labelNames));
        foreach (var entry in entries)
        {
            var file = new FileInfo(entry.Path);
            text.Append(entry.Path).Append('|').Append(entry.Label).Append('|').Append(entry.Speaker)
                .Append('|').Append(file.Exists ? file.Length : -1).Append('|').Append(file.Exists ? file.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant()[..32];
    }

    private static void Write(string path, TrainingSet set)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(set.Count);
            writer.Write(set.Frames);
            writer.Write(set.Coefficients);
            for (int i = 0; i < set.Count; i++)
            {
                writer.Write(set.Labels[i]);
                writer.Write(set.Speakers[i]);
                writer.Write(set.Ids[i]);
            }
            for (int i = 0; i < set.Count; i++)
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Clip(i)));
        });
    }

    private static TrainingSet? TryRead(string path, IReadOnlyList<string> labelNames, FeatureConfig config)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                return null;
            int count = reader.ReadInt32(), frames = reader.ReadInt32(), coefficients = reader.ReadInt32();
            var labels = new int[count];
            var speakers = new string[count];
            var ids = new string[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = reader.ReadInt32();
                speakers[i] = reader.ReadString();
                ids[i] = reader.ReadString();
            }
            var features = new float[(long)count * frames * coefficients];
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(features.AsSpan());
            reader.BaseStream.ReadExactly(bytes);
            return new TrainingSet(features, frames, coefficients, labels, labelNames, speakers, ids, config);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            return null; // A damaged cache is recomputed, never trusted.
        }
    }
}
