using System.Security.Cryptography;
using LightSerNet.Features;
using LightSerNet.Features.Normalisation;
using static TorchSharp.torch;

namespace LightSerNet.Training.Data;

/// <summary>
/// A whole dataset of equal-shaped feature matrices in one contiguous array, with integer labels in the label
/// order the model will output, speakers and ids: what folds index into and batches are cut from. With audio-level
/// augmentation each clip also has augmented variants of the same shape; variant 0 is always the clean clip.
/// </summary>
public sealed class TrainingSet
{
    private readonly float[] _features;
    private readonly float[][] _variants;

    /// <summary>
    /// Wraps a contiguous [count, frames, coefficients] array; every label must be in <paramref name="labelNames"/>'s
    /// range. <paramref name="augmented"/> holds variants 1, 2, ... of every clip, each array laid out as the clean one.
    /// </summary>
    public TrainingSet(float[] features, int frames, int coefficients, int[] labels, IReadOnlyList<string> labelNames,
        string[] speakers, string[] ids, FeatureConfig config, IReadOnlyList<float[]>? augmented = null)
    {
        if (features.Length != (long)labels.Length * frames * coefficients)
            throw new ArgumentException($"{features.Length} feature values do not make {labels.Length} clips of {frames}x{coefficients}.", nameof(features));
        if (augmented is not null && augmented.Any(v => v.Length != features.Length))
            throw new ArgumentException("Every augmented variant must have as many values as the clean features.", nameof(augmented));
        if (speakers.Length != labels.Length || ids.Length != labels.Length)
            throw new ArgumentException("Labels, speakers and ids must have one entry per clip.", nameof(speakers));
        if (labels.Any(l => l < 0 || l >= labelNames.Count))
            throw new ArgumentOutOfRangeException(nameof(labels), "A label index is outside the label set.");
        _features = features;
        _variants = [features, .. augmented ?? []];
        Frames = frames;
        Coefficients = coefficients;
        Labels = labels;
        LabelNames = labelNames;
        Speakers = speakers;
        Ids = ids;
        Config = config;
        DataHash = Hash(_variants, labels, speakers);
    }

    /// <summary>Clips in the set.</summary>
    public int Count => Labels.Length;

    /// <summary>Rows of each clip's matrix.</summary>
    public int Frames { get; }

    /// <summary>Columns of each clip's matrix.</summary>
    public int Coefficients { get; }

    /// <summary>Label index of each clip.</summary>
    public int[] Labels { get; }

    /// <summary>Label names in output order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Speaker of each clip ("" when unknown).</summary>
    public string[] Speakers { get; }

    /// <summary>Identifier of each clip (source file and segment index).</summary>
    public string[] Ids { get; }

    /// <summary>The feature settings every clip was computed with.</summary>
    public FeatureConfig Config { get; }

    /// <summary>Feature variants per clip: 1 without audio-level augmentation.</summary>
    public int VariantCount => _variants.Length;

    /// <summary>SHA-256 of the features (every variant), labels and speakers: two runs on the same data share it.</summary>
    public string DataHash { get; }

    /// <summary>
    /// Builds a set from Get-Mfcc output. Labels are mapped to <paramref name="labelNames"/>; every item must have a
    /// label in it and all items the same shape and settings.
    /// </summary>
    public static TrainingSet FromFeatures(IReadOnlyList<SerFeatures> items, IReadOnlyList<string> labelNames)
    {
        if (items.Count == 0)
            throw new ArgumentException("There are no features to train on.", nameof(items));
        var first = items[0];
        int length = first.Frames * first.Coefficients;
        var features = new float[(long)items.Count * length];
        var labels = new int[items.Count];
        var speakers = new string[items.Count];
        var ids = new string[items.Count];
        var index = LabelIndex(labelNames);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Frames != first.Frames || item.Coefficients != first.Coefficients || item.Config != first.Config)
                throw new ArgumentException($"'{item.Source}' has {item.Frames}x{item.Coefficients} {item.Kind} features with other settings than '{first.Source}' ({first.Frames}x{first.Coefficients}); compute all features with the same Get-Mfcc settings.", nameof(items));
            if (item.Label is null || !index.TryGetValue(item.Label, out labels[i]))
                throw new ArgumentException($"'{item.Source}' is labelled '{item.Label ?? "(none)"}', which is not one of the labels trained on: {string.Join(", ", labelNames)}.", nameof(items));
            item.Data.CopyTo(features, (long)i * length);
            speakers[i] = item.Speaker ?? "";
            ids[i] = $"{Path.GetFileNameWithoutExtension(item.Source)}#{item.Index}";
        }
        return new TrainingSet(features, first.Frames, first.Coefficients, labels, labelNames, speakers, ids, first.Config);
    }

    /// <summary>Output index of each label name, case-insensitive.</summary>
    internal static Dictionary<string, int> LabelIndex(IReadOnlyList<string> labelNames) =>
        labelNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A copy in which every speaker's clips are standardised per coefficient by that speaker's mean and standard
    /// deviation over all frames of their clean clips (augmented variants get the same speaker's clean statistics).
    /// Every clip needs a speaker.
    /// </summary>
    public TrainingSet StandardisedBySpeaker()
    {
        int unknown = Speakers.Count(string.IsNullOrEmpty);
        if (unknown > 0)
            throw new ArgumentException($"Speaker normalisation needs every clip's speaker, and {unknown} of {Count} clips have none.");
        int length = Frames * Coefficients;
        var standardised = _variants.Select(v => new float[v.Length]).ToArray();
        foreach (var speaker in Enumerable.Range(0, Count).GroupBy(i => Speakers[i], StringComparer.Ordinal))
        {
            var statistics = new SpeakerStatisticsBuilder(Coefficients);
            foreach (int clip in speaker)
                statistics.Add(Clip(clip));
            var measured = statistics.Build();
            foreach (int clip in speaker)
            {
                for (int v = 0; v < _variants.Length; v++)
                    measured.Apply(_variants[v].AsSpan(clip * length, length), standardised[v].AsSpan(clip * length, length));
            }
        }
        return new TrainingSet(standardised[0], Frames, Coefficients, Labels, LabelNames, Speakers, Ids, Config, standardised[1..]);
    }

    /// <summary>The features of clip <paramref name="index"/>, frames x coefficients.</summary>
    public ReadOnlySpan<float> Clip(int index) => Clip(index, 0);

    /// <summary>Variant <paramref name="variant"/> of clip <paramref name="index"/>; variant 0 is the clean clip.</summary>
    public ReadOnlySpan<float> Clip(int index, int variant) =>
        _variants[variant].AsSpan(index * Frames * Coefficients, Frames * Coefficients);

    /// <summary>The clean clips at <paramref name="indices"/> as a [batch, frames, coefficients] tensor.</summary>
    public Tensor Batch(ReadOnlySpan<int> indices)
    {
        int length = Frames * Coefficients;
        var buffer = new float[indices.Length * length];
        for (int i = 0; i < indices.Length; i++)
            Array.Copy(_features, (long)indices[i] * length, buffer, (long)i * length, length);
        return tensor(buffer, [indices.Length, Frames, Coefficients]);
    }

    /// <summary>The labels at <paramref name="indices"/> as an int64 tensor.</summary>
    public Tensor LabelBatch(ReadOnlySpan<int> indices)
    {
        var buffer = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
            buffer[i] = Labels[indices[i]];
        return tensor(buffer);
    }

    // Without variants the hash is that of the clean features alone, as before augmentation existed, so earlier
    // runs still resume.
    private static string Hash(float[][] variants, int[] labels, string[] speakers)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(variants[0].AsSpan()));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()));
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", speakers)));
        foreach (var variant in variants.Skip(1))
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(variant.AsSpan()));
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }
}
