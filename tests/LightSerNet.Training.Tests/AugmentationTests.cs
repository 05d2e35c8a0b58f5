using System.Security.Cryptography;
using System.Text.Json;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Data.Corpora;
using LightSerNet.Evaluation;
using LightSerNet.Features;
using LightSerNet.Training.Augmentation;
using LightSerNet.Training.Data;
using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Tests;

/// <summary>The pieces of -Augment: masks, variant choice, noise, speed, and the features built with them.</summary>
public sealed class AugmentationTests
{
    private static readonly AugmentationOptions SpecAugmentOnly = AugmentationOptions.For([AugmentationKind.SpecAugment])!;
    private static readonly AugmentationOptions Everything =
        AugmentationOptions.For([AugmentationKind.SpecAugment, AugmentationKind.Noise, AugmentationKind.SpeedPerturbation])!;

    [Fact]
    public void DefaultOptionsHaveNoAugmentationAndSerialiseAsBefore()
    {
        Assert.Null(new TrainingOptions().Augmentation);
        Assert.Null(AugmentationOptions.For(null));
        Assert.Null(AugmentationOptions.For([]));
        // The run key and run.json of an unaugmented run must not change, or its checkpoints would no longer resume.
        Assert.DoesNotContain("Augmentation", JsonSerializer.Serialize(new TrainingOptions()));
        string augmented = JsonSerializer.Serialize(new TrainingOptions { Augmentation = Everything });
        Assert.Contains("\"Kinds\":[\"SpeedPerturbation\",\"Noise\",\"SpecAugment\"]", augmented);
    }

    [Fact]
    public void ASetWithoutVariantsHashesAsItAlwaysDid()
    {
        var set = ResumeTests.ToySet();
        var features = new float[set.Count * set.Frames * set.Coefficients];
        for (int i = 0; i < set.Count; i++)
            set.Clip(i).CopyTo(features.AsSpan(i * set.Frames * set.Coefficients));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(features.AsSpan()));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Labels.AsSpan()));
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", set.Speakers)));
        Assert.Equal(Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), set.DataHash);
        Assert.Equal(1, set.VariantCount);
        Assert.NotEqual(set.DataHash, WithVariants(set, 1).DataHash);
    }

    [Fact]
    public void MasksHaveTheConfiguredCountsAndWidths()
    {
        var widths = new List<int>();
        var coefficientWidths = new List<int>();
        for (int seed = 0; seed < 500; seed++)
        {
            var masks = SpecAugmentMasks.Draw(184, 40, SpecAugmentOnly, (ulong)seed);
            Assert.Equal(2, masks.Time.Count);
            Assert.Equal(2, masks.Coefficient.Count);
            Assert.All(masks.Time, m => Assert.True(m.Start >= 0 && m.Width is >= 0 and <= 20 && m.End <= 184));
            Assert.All(masks.Coefficient, m => Assert.True(m.Start >= 0 && m.Width is >= 0 and <= 4 && m.End <= 40));
            widths.AddRange(masks.Time.Select(m => m.Width));
            coefficientWidths.AddRange(masks.Coefficient.Select(m => m.Width));
        }
        // Uniform in 0..max: both ends occur.
        Assert.Equal(Enumerable.Range(0, 21), widths.Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 5), coefficientWidths.Distinct().Order());

        var custom = SpecAugmentOnly with { TimeMasks = 3, MaxTimeMaskFrames = 5, CoefficientMasks = 1, MaxCoefficientMaskWidth = 100 };
        var drawn = SpecAugmentMasks.Draw(184, 40, custom, 9);
        Assert.Equal(3, drawn.Time.Count);
        Assert.All(drawn.Time, m => Assert.InRange(m.Width, 0, 5));
        Assert.InRange(drawn.Coefficient.Single().End, 0, 40);
    }

    [Fact]
    public void AppliedMasksFillExactlyTheMaskedCellsWithTheClipsCoefficientMeans()
    {
        const int frames = 184, coefficients = 40;
        var random = new Random(3);
        var clip = Enumerable.Range(0, frames * coefficients).Select(i => (float)(random.NextDouble() * 4 - 2 + i % coefficients)).ToArray();
        var original = clip.ToArray();
        var masks = new SpecAugmentMasks([new MaskSpan(10, 5), new MaskSpan(100, 0)], [new MaskSpan(3, 2)]);
        masks.Apply(clip, frames, coefficients);

        var mean = Enumerable.Range(0, coefficients)
            .Select(c => (float)(Enumerable.Range(0, frames).Sum(f => (double)original[f * coefficients + c]) / frames)).ToArray();
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < coefficients; c++)
            {
                bool masked = f is >= 10 and < 15 || c is 3 or 4;
                Assert.Equal(masked ? mean[c] : original[f * coefficients + c], clip[f * coefficients + c]);
            }
        }
    }

    [Fact]
    public void MasksAndVariantsAreFixedBySeedFoldEpochAndClipAndChangeEveryEpoch()
    {
        var set = WithVariants(ResumeTests.ToySet(), Everything.VariantCount - 1);
        var augmenter = new BatchAugmenter(set, Everything, seed: 5);
        int[] batch = [0, 3, 7, 12, 17];

        var first = augmenter.Features(batch, fold: 1, epoch: 4);
        Assert.Equal(first, new BatchAugmenter(set, Everything, seed: 5).Features(batch, fold: 1, epoch: 4));
        // A clip's augmentation does not depend on its batch: a resumed run may cut batches differently.
        Assert.Equal(first.AsSpan(set.Frames * set.Coefficients, set.Frames * set.Coefficients).ToArray(),
            augmenter.Features([3], fold: 1, epoch: 4));
        Assert.NotEqual(first, augmenter.Features(batch, fold: 1, epoch: 5));
        Assert.NotEqual(first, augmenter.Features(batch, fold: 2, epoch: 4));
        Assert.NotEqual(first, new BatchAugmenter(set, Everything, seed: 6).Features(batch, fold: 1, epoch: 4));

        for (int clip = 0; clip < set.Count; clip++)
        {
            Assert.Equal(augmenter.MasksOf(0, 0, clip)!.Time, augmenter.MasksOf(0, 0, clip)!.Time);
            Assert.Equal(augmenter.MasksOf(0, 0, clip)!.Coefficient, augmenter.MasksOf(0, 0, clip)!.Coefficient);
        }
        Assert.Contains(Enumerable.Range(0, set.Count), clip => !augmenter.MasksOf(0, 0, clip)!.Time.SequenceEqual(augmenter.MasksOf(0, 1, clip)!.Time));
        // Every variant, the clean one included, is used.
        var used = Enumerable.Range(0, 50).SelectMany(epoch => Enumerable.Range(0, set.Count).Select(clip => augmenter.VariantOf(0, epoch, clip)));
        Assert.Equal(Enumerable.Range(0, set.VariantCount), used.Distinct().Order());
        // SpecAugment alone never leaves the clean variant.
        var masksOnly = new BatchAugmenter(set, SpecAugmentOnly, seed: 5);
        Assert.All(Enumerable.Range(0, set.Count), clip => Assert.Equal(0, masksOnly.VariantOf(0, 0, clip)));
    }

    [Fact]
    public void AugmentedBatchesLeaveTheCleanFeaturesThatEvaluationReadsUntouched()
    {
        var clean = ResumeTests.ToySet();
        var set = WithVariants(clean, Everything.VariantCount - 1);
        int[] all = Enumerable.Range(0, set.Count).ToArray();
        var before = set.Batch(all).data<float>().ToArray();
        var augmenter = new BatchAugmenter(set, Everything, seed: 1);
        for (int epoch = 0; epoch < 5; epoch++)
            Assert.NotEqual(before, augmenter.Batch(all, 0, epoch).data<float>().ToArray());
        Assert.Equal(before, set.Batch(all).data<float>().ToArray());
        Assert.Equal(clean.Batch(all).data<float>().ToArray(), before);
        Assert.All(all, i => Assert.True(set.Clip(i).SequenceEqual(set.Clip(i, 0))));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(17.5)]
    [InlineData(30)]
    public void NoiseIsAddedAtTheAskedSignalToNoiseRatio(double snr)
    {
        var speech = Tone(16000, 2, 440, 0.3).Select((s, i) => i < 8000 ? 0f : s).ToArray(); // silences count too
        var noisy = WhiteNoise.Add(speech, snr, seed: 77);
        var noise = noisy.Zip(speech, (y, x) => y - x).ToArray();
        double measured = 10 * Math.Log10(WhiteNoise.Power(speech) / WhiteNoise.Power(noise));
        Assert.InRange(measured, snr - 0.5, snr + 0.5);
        Assert.Equal(noisy, WhiteNoise.Add(speech, snr, seed: 77));
        Assert.NotEqual(noisy, WhiteNoise.Add(speech, snr, seed: 78));
        // White: neighbouring noise samples are uncorrelated.
        double lag1 = noise.Zip(noise.Skip(1), (a, b) => (double)a * b).Average() / WhiteNoise.Power(noise);
        Assert.InRange(lag1, -0.05, 0.05);
    }

    [Fact]
    public void NoisyVariantsDrawTheirRatioFromTheRangePerClip()
    {
        var variants = new AudioVariants(Everything with { NoiseVariants = 3 }, 16000);
        var ratios = Enumerable.Range(0, 40).SelectMany(c => Enumerable.Range(0, 3).Select(v => variants.SnrOf($"clip{c}", v))).ToList();
        Assert.All(ratios, r => Assert.InRange(r, 10, 30));
        Assert.True(ratios.Distinct().Count() > 100);
        Assert.Equal(variants.SnrOf("clip1", 0), new AudioVariants(Everything, 16000).SnrOf("clip1", 0));
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.1)]
    public void SpeedPerturbationScalesFrequencyAndLengthByTheFactor(double factor)
    {
        var tone = Tone(16000, 2, 1000, 0.5);
        var faster = SpeedPerturbation.Apply(tone, factor, 16000);
        Assert.InRange(faster.Length, tone.Length / factor - 2, tone.Length / factor + 2);
        double peak = PeakFrequency(faster.AsSpan(2000, 16000), 16000, 500, 1500);
        Assert.InRange(peak, 1000 * factor - 2, 1000 * factor + 2);
    }

    [Fact]
    public void DatasetFeaturesHoldTheCleanClipAndItsSpeedAndNoiseVariantsAndCacheThem()
    {
        string folder = ResumeTests.TempFolder();
        Directory.CreateDirectory(folder);
        try
        {
            var entries = new[] { (1000.0, "anger"), (1500.0, "calm") }.Select((t, i) =>
            {
                string path = Path.Combine(folder, $"tone{i}.wav");
                WriteWav(path, Tone(16000, 2, t.Item1, 0.5));
                return new CorpusEntry(path, $"tone{i}", t.Item2, null, null);
            }).ToList();
            var config = FeatureConfig.Paper with { Kind = FeatureKind.Spectrogram };
            var segments = new SegmentOptions(3);
            var options = AugmentationOptions.For([AugmentationKind.SpeedPerturbation, AugmentationKind.Noise])!;
            var cache = Path.Combine(folder, "cache");
            void Fail(string path, Exception e) => throw new InvalidOperationException(path, e);

            var plain = DatasetFeatures.Build(entries, CorpusName.Folder, ["anger", "calm"], config, segments, null, Fail);
            var augmented = DatasetFeatures.Build(entries, CorpusName.Folder, ["anger", "calm"], config, segments, cache, Fail, options);
            var cached = DatasetFeatures.Build(entries, CorpusName.Folder, ["anger", "calm"], config, segments, cache, Fail, options);
            var cleanFromCache = DatasetFeatures.Build(entries, CorpusName.Folder, ["anger", "calm"], config, segments, cache, Fail);

            Assert.Equal(1, plain.VariantCount);
            Assert.Equal(4, augmented.VariantCount);
            Assert.Equal(2, Directory.GetFiles(cache).Length);
            Assert.Equal(augmented.DataHash, cached.DataHash);
            Assert.Equal(plain.DataHash, cleanFromCache.DataHash);
            for (int clip = 0; clip < 2; clip++)
            {
                Assert.True(plain.Clip(clip).SequenceEqual(augmented.Clip(clip, 0)), "variant 0 is the clean clip, bit for bit");
                for (int v = 0; v < 4; v++)
                    Assert.True(augmented.Clip(clip, v).SequenceEqual(cached.Clip(clip, v)));
                Assert.False(augmented.Clip(clip, 3).SequenceEqual(augmented.Clip(clip, 0)), "the noisy variant differs");
            }
            // Variants 1 and 2 are the speed factors 0.9 and 1.1: the tone's spectral peak moves with them.
            double binHz = 16000.0 / config.FftLength;
            for (int clip = 0; clip < 2; clip++)
            {
                double tone = clip == 0 ? 1000 : 1500;
                Assert.InRange(PeakBin(augmented, clip, 0) * binHz, tone - binHz, tone + binHz);
                Assert.InRange(PeakBin(augmented, clip, 1) * binHz, 0.9 * tone - binHz, 0.9 * tone + binHz);
                Assert.InRange(PeakBin(augmented, clip, 2) * binHz, 1.1 * tone - binHz, 1.1 * tone + binHz);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AudioLevelAugmentationOnFeaturesWithoutVariantsIsRefusedWithTheReason()
    {
        var options = new TrainingOptions
        {
            Architecture = "light-sernet-lite",
            Protocol = FoldProtocol.LeaveOneSpeakerOut,
            Epochs = 1,
            Augmentation = AugmentationOptions.For([AugmentationKind.Noise]),
        };
        string folder = ResumeTests.TempFolder();
        var error = Assert.Throws<ArgumentException>(() =>
            Trainer.Run(ResumeTests.ToySet(), options, "Toy", folder, resume: false, force: false, null, CancellationToken.None));
        Assert.Contains("-Dataset", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    /// <summary><paramref name="set"/> with <paramref name="extra"/> made-up variants: the clean features plus seeded jitter.</summary>
    internal static TrainingSet WithVariants(TrainingSet set, int extra)
    {
        int length = set.Frames * set.Coefficients;
        var clean = new float[set.Count * length];
        for (int i = 0; i < set.Count; i++)
            set.Clip(i).CopyTo(clean.AsSpan(i * length));
        var variants = Enumerable.Range(1, extra).Select(v =>
        {
            var random = new Random(v);
            return clean.Select(x => x + (float)(0.3 * (random.NextDouble() - 0.5))).ToArray();
        }).ToList();
        return new TrainingSet(clean, set.Frames, set.Coefficients, set.Labels, set.LabelNames, set.Speakers, set.Ids, set.Config, variants);
    }

    private static float[] Tone(int rate, double seconds, double frequency, double amplitude) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    // A direct DFT on a 1 Hz grid: slow but exact enough to place a pure tone within a hertz or two.
    private static double PeakFrequency(ReadOnlySpan<float> samples, int rate, int from, int to)
    {
        double best = 0, bestFrequency = from;
        for (int f = from; f <= to; f++)
        {
            double re = 0, im = 0, step = 2 * Math.PI * f / rate;
            for (int n = 0; n < samples.Length; n++)
            {
                re += samples[n] * Math.Cos(step * n);
                im += samples[n] * Math.Sin(step * n);
            }
            if (re * re + im * im > best)
                (best, bestFrequency) = (re * re + im * im, f);
        }
        return bestFrequency;
    }

    private static int PeakBin(TrainingSet set, int clip, int variant)
    {
        var features = set.Clip(clip, variant);
        var sum = new double[set.Coefficients];
        for (int f = 0; f < set.Frames; f++)
        {
            for (int b = 0; b < set.Coefficients; b++)
                sum[b] += features[f * set.Coefficients + b];
        }
        return Array.IndexOf(sum, sum.Max());
    }

    private static void WriteWav(string path, float[] samples)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples.Length * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(16000);
        writer.Write(32000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (float s in samples)
            writer.Write((short)Math.Round(s * 32767));
    }
}
