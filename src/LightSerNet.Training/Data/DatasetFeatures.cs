using System.Security.Cryptography;
using System.Text;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Data.Corpora;
using LightSerNet.Features;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Augmentation;

namespace LightSerNet.Training.Data;

/// <summary>
/// Turns a corpus into a <see cref="TrainingSet"/> (import, the paper's Centre segments, features in parallel) and
/// caches the result on disk, keyed by the feature settings, the segment settings and every file's path, size and
/// modification time, so a sweep computes each corpus's features once. Audio-level augmentation (speed, noise) is
/// done here, once: each recording's variants go through the same Centre segment and features as the clean clip.
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
    /// Unreadable files are reported to <paramref name="problem"/> and left out. With <paramref name="augmentation"/>'s
    /// audio-level kinds every clip also gets its augmented variants; other kinds do not change the features.
    /// </summary>
    public static TrainingSet Build(IReadOnlyList<CorpusEntry> entries, CorpusName corpus, IReadOnlyList<string> labelNames,
        FeatureConfig config, SegmentOptions segments, string? cacheFolder, Action<string, Exception> problem,
        AugmentationOptions? augmentation = null)
    {
        var variants = augmentation is { IsAudioLevel: true } audioLevel ? new AudioVariants(audioLevel, segments.SampleRate) : null;
        int variantCount = 1 + (variants?.Count ?? 0);
        string? cacheFile = cacheFolder is null ? null : Path.Combine(cacheFolder, Key(entries, config, segments, labelNames, augmentation) + ".bin");
        if (cacheFile is not null && TryRead(cacheFile, labelNames, config, variantCount) is { } cached)
            return cached;

        var extractor = new FeatureExtractor(config);
        var centre = segments with { Mode = SegmentMode.Centre };
        var clips = new float[entries.Count][][];
        var failures = new Exception?[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            try
            {
                var audio = entries[i].ToAudio(corpus);
                var samples = AudioLoader.Load(audio.Path, centre.SampleRate).Samples;
                var versions = new float[variantCount][];
                versions[0] = extractor.Compute(Segmenter.Cut(samples, centre)[0].Samples);
                int v = 1;
                foreach (var variant in variants?.Of(samples, entries[i].Id) ?? [])
                    versions[v++] = extractor.Compute(Segmenter.Cut(variant, centre)[0].Samples);
                clips[i] = versions;
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

        int length = clips[kept[0]][0].Length;
        int frames = length / config.Width;
        var features = new float[variantCount][];
        for (int v = 0; v < variantCount; v++)
        {
            features[v] = new float[(long)kept.Count * length];
            for (int k = 0; k < kept.Count; k++)
                clips[kept[k]][v].CopyTo(features[v], (long)k * length);
        }
        var index = TrainingSet.LabelIndex(labelNames);
        var labels = kept.Select(i => index.TryGetValue(entries[i].Label, out int l) ? l
            : throw new ArgumentException($"'{entries[i].Path}' is labelled '{entries[i].Label}', which is not among {string.Join(", ", labelNames)}.")).ToArray();
        var set = new TrainingSet(features[0], frames, config.Width, labels, labelNames,
            kept.Select(i => entries[i].Speaker ?? "").ToArray(), kept.Select(i => entries[i].Id).ToArray(), config, features[1..]);
        if (cacheFile is not null)
            Write(cacheFile, set);
        return set;
    }

    private static string Key(IReadOnlyList<CorpusEntry> entries, FeatureConfig config, SegmentOptions segments, IReadOnlyList<string> labelNames,
        AugmentationOptions? augmentation)
    {
        var text = new StringBuilder();
        text.AppendLine(config.ToJson()).AppendLine(segments.ToString()).AppendLine(string.Join(",", labelNames));
        // Only when it changes the features, so clean caches written before augmentation existed stay valid.
        if (augmentation is { IsAudioLevel: true })
            text.AppendLine(augmentation.AudioKey);
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
            // Augmented variants follow the clean clips, so a clean cache keeps the layout it always had.
            if (set.VariantCount > 1)
            {
                writer.Write(set.VariantCount - 1);
                for (int v = 1; v < set.VariantCount; v++)
                {
                    for (int i = 0; i < set.Count; i++)
                        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Clip(i, v)));
                }
            }
        });
    }

    private static TrainingSet? TryRead(string path, IReadOnlyList<string> labelNames, FeatureConfig config, int variantCount)
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
            var features = ReadFeatures(reader, (long)count * frames * coefficients);
            var augmented = new List<float[]>();
            if (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                int extra = reader.ReadInt32();
                for (int v = 0; v < extra; v++)
                    augmented.Add(ReadFeatures(reader, features.Length));
            }
            if (augmented.Count != variantCount - 1)
                return null;
            return new TrainingSet(features, frames, coefficients, labels, labelNames, speakers, ids, config, augmented);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            return null; // A damaged cache is recomputed, never trusted.
        }
    }

    private static float[] ReadFeatures(BinaryReader reader, long length)
    {
        var features = new float[length];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(features.AsSpan()));
        return features;
    }
}
