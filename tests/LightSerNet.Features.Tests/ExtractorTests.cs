using LightSerNet.Audio;

namespace LightSerNet.Features.Tests;

/// <summary>Shapes, segment metadata, argument checks, and the lane pipeline against the scalar one.</summary>
public sealed class ExtractorTests
{
    [Theory]
    [InlineData(FeatureKind.Mfcc, 3, 184, 40)]
    [InlineData(FeatureKind.Spectrogram, 3, 184, 513)]
    [InlineData(FeatureKind.MelSpectrogram, 3, 184, 128)]
    [InlineData(FeatureKind.Mfcc, 7, 434, 40)]
    [InlineData(FeatureKind.Spectrogram, 7, 434, 513)]
    public void GivesThePapersShapes(FeatureKind kind, int seconds, int frames, int width)
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper with { Kind = kind });
        var clip = Signals.Noise(seconds * 16000, seed: seconds);
        Assert.Equal(frames, extractor.FrameCount(clip.Length));
        Assert.Equal(width, extractor.Width);
        var features = extractor.Compute(clip);
        Assert.Equal(frames * width, features.Length);
        Assert.All(features, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void MfccsAreClippedAndSpectrogramsAreNot()
    {
        // A loud square wave drives low MFCCs past 10.
        var clip = Enumerable.Range(0, 48000).Select(i => (i / 40 % 2 == 0 ? 1f : -1f) * 60f).ToArray();
        var mfcc = new FeatureExtractor(FeatureConfig.Paper).Compute(clip);
        Assert.Equal(10f, mfcc.Max());
        var wide = new FeatureExtractor(FeatureConfig.Paper with { Clip = double.PositiveInfinity }).Compute(clip);
        Assert.True(wide.Max() > 10f, $"unclipped max {wide.Max()}, min {wide.Min()}; clipped max {mfcc.Max()}");
        var logMel = new FeatureExtractor(FeatureConfig.Paper with { Kind = FeatureKind.MelSpectrogram, Clip = 1 }).Compute(clip);
        Assert.True(logMel.Max() > 1f);
        var spectrogram = new FeatureExtractor(FeatureConfig.Paper with { Kind = FeatureKind.Spectrogram, Clip = 1 }).Compute(clip);
        Assert.True(spectrogram.Max() > 1f);
    }

    [Fact]
    public void SilenceGivesLogOfTheOffset()
    {
        var logMel = new FeatureExtractor(FeatureConfig.Paper with { Kind = FeatureKind.MelSpectrogram }).Compute(new float[48000]);
        Assert.All(logMel, v => Assert.Equal(MathF.Log(1e-6f), v));
    }

    [Fact]
    public void ExtractCarriesTheSegmentsMetadata()
    {
        var segment = new SerSegment("/data/03a01Fa.wav", "EmoDb", "happiness", "03", 2, 0, 3, 16000, Signals.Noise(48000, seed: 1));
        var extractor = new FeatureExtractor(FeatureConfig.Paper);
        var features = extractor.Extract(segment);
        Assert.Equal(("/data/03a01Fa.wav", "EmoDb", "happiness", "03", 2), (features.Source, features.Dataset, features.Label, features.Speaker, features.Index));
        Assert.Equal((FeatureKind.Mfcc, 184, 40), (features.Kind, features.Frames, features.Coefficients));
        Assert.Same(extractor.Config, features.Config);
        Assert.Equal(extractor.Compute(segment.Samples), features.Data);
        Assert.Equal(features.Data[5 * 40 + 7], features[5, 7]);
        Assert.Equal(features.Data.AsSpan(40, 40).ToArray(), features.GetFrame(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => features[0, 40]);
        Assert.Throws<ArgumentOutOfRangeException>(() => features.GetFrame(184));
    }

    [Fact]
    public void RefusesASegmentAtAnotherRateAndAWrongDestination()
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper);
        var segment = new SerSegment("a.wav", "File", null, null, 0, 0, 3, 8000, new float[24000]);
        Assert.Contains("8000 Hz", Assert.Throws<ArgumentException>(() => extractor.Extract(segment)).Message);
        Assert.Throws<ArgumentException>(() => extractor.Compute(new float[48000], new float[184 * 40 - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => extractor.Compute(new float[1000]));
        var other = new FeatureExtractor(FeatureConfig.Paper);
        Assert.Throws<ArgumentException>(() => extractor.Compute(new float[48000], new float[184 * 40], other.CreateWorkspace()));
    }

    public static TheoryData<FeatureConfig, int> Settings() => new()
    {
        { FeatureConfig.Paper, 48000 },
        { FeatureConfig.Paper with { Kind = FeatureKind.Spectrogram }, 48000 },
        { FeatureConfig.Paper with { Kind = FeatureKind.MelSpectrogram }, 112000 },
        // Frames not a multiple of eight, a window shorter than the FFT and not a multiple of eight, 41 coefficients.
        { new FeatureConfig { FrameLength = 1001, FrameStep = 333, FftLength = 2048, MelBins = 80, Coefficients = 41, LowerHz = 0, UpperHz = 8000 }, 20000 },
        { new FeatureConfig { SampleRate = 8000, FrameLength = 200, FrameStep = 80, FftLength = 256, MelBins = 23, LowerHz = 300, UpperHz = 3400, Coefficients = 13 }, 8003 },
        { new FeatureConfig { FrameLength = 16, FrameStep = 3, FftLength = 16, MelBins = 4, Coefficients = 3 }, 100 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void LanesAgreeWithTheScalarPipeline(FeatureConfig config, int samples)
    {
        var clip = Signals.Speechlike(samples, seed: samples);
        var lanes = new FeatureExtractor(config, useSimd: true).Compute(clip);
        var scalar = new FeatureExtractor(config, useSimd: false).Compute(clip);
        Assert.Equal(scalar.Length, lanes.Length);
        double peak = scalar.Max(MathF.Abs);
        for (int i = 0; i < scalar.Length; i++)
        {
            double tolerance = config.Kind == FeatureKind.Spectrogram ? 1e-5 * peak : 2e-4 * Math.Max(1, Math.Abs(scalar[i]));
            Assert.True(Math.Abs(lanes[i] - scalar[i]) <= tolerance, $"value {i} (frame {i / config.Width}): lanes {lanes[i]}, scalar {scalar[i]}");
        }
    }
}
