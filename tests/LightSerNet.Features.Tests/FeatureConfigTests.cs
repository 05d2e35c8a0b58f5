namespace LightSerNet.Features.Tests;

/// <summary>The settings record: the paper's defaults, frame counts, widths, validation and JSON.</summary>
public sealed class FeatureConfigTests
{
    [Fact]
    public void DefaultsAreThePapers()
    {
        var paper = FeatureConfig.Paper;
        Assert.Equal(new FeatureConfig(), paper);
        Assert.Equal(FeatureKind.Mfcc, paper.Kind);
        Assert.Equal((16000, 1024, 256, 1024), (paper.SampleRate, paper.FrameLength, paper.FrameStep, paper.FftLength));
        Assert.Equal((128, 80.0, 7600.0, 1e-6, 40, 10.0), (paper.MelBins, paper.LowerHz, paper.UpperHz, paper.LogOffset, paper.Coefficients, paper.Clip));
        Assert.Same(paper, paper.Validate());
    }

    [Theory]
    [InlineData(48000, 184)]
    [InlineData(112000, 434)]
    [InlineData(1024, 1)]
    [InlineData(1279, 1)]
    [InlineData(1280, 2)]
    public void CountsFramesAsTfSignalStftDoes(int samples, int frames) =>
        Assert.Equal(frames, FeatureConfig.Paper.FrameCount(samples));

    [Fact]
    public void AClipShorterThanOneFrameIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FeatureConfig.Paper.FrameCount(1023));
        Assert.Contains("FrameLength 1024", e.Message);
    }

    [Theory]
    [InlineData(FeatureKind.Mfcc, 40)]
    [InlineData(FeatureKind.Spectrogram, 513)]
    [InlineData(FeatureKind.MelSpectrogram, 128)]
    public void WidthFollowsTheKind(FeatureKind kind, int width) =>
        Assert.Equal(width, (FeatureConfig.Paper with { Kind = kind }).Width);

    public static TheoryData<FeatureConfig, string> BadSettings() => new()
    {
        { FeatureConfig.Paper with { UpperHz = 8000.5 }, "UpperHz" },
        { FeatureConfig.Paper with { LowerHz = 7600 }, "LowerHz" },
        { FeatureConfig.Paper with { LowerHz = 8000, UpperHz = 7000 }, "LowerHz" },
        { FeatureConfig.Paper with { LowerHz = -1 }, "LowerHz" },
        { FeatureConfig.Paper with { LowerHz = double.NaN }, "LowerHz" },
        { FeatureConfig.Paper with { FftLength = 512 }, "FftLength" },
        { FeatureConfig.Paper with { FftLength = 1000, FrameLength = 1000 }, "FftLength" },
        { FeatureConfig.Paper with { FftLength = 8, FrameLength = 8 }, "FftLength" },
        { FeatureConfig.Paper with { MelBins = 0 }, "MelBins" },
        { FeatureConfig.Paper with { Coefficients = 0 }, "Coefficients" },
        { FeatureConfig.Paper with { Coefficients = 129 }, "Coefficients" },
        { FeatureConfig.Paper with { FrameLength = 1 }, "FrameLength" },
        { FeatureConfig.Paper with { FrameStep = 0 }, "FrameStep" },
        { FeatureConfig.Paper with { SampleRate = 0 }, "SampleRate" },
        { FeatureConfig.Paper with { LogOffset = 0 }, "LogOffset" },
        { FeatureConfig.Paper with { Clip = 0 }, "Clip" },
        { FeatureConfig.Paper with { Clip = double.NaN }, "Clip" },
        { FeatureConfig.Paper with { Kind = (FeatureKind)7 }, "Kind" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadSettingsAreRefusedNamingTheSetting(FeatureConfig config, string setting)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => config.Validate());
        Assert.Equal(setting, e.ParamName);
        Assert.Contains(setting, e.Message);
        // The extractor refuses them too, before building anything.
        Assert.ThrowsAny<ArgumentException>(() => new FeatureExtractor(config));
    }

    [Fact]
    public void TheUpperEdgeMayBeNyquistAndClippingMayBeOff()
    {
        var config = FeatureConfig.Paper with { UpperHz = 8000, LowerHz = 0, Clip = double.PositiveInfinity };
        Assert.Same(config, config.Validate());
    }

    [Fact]
    public void RoundTripsThroughJson()
    {
        foreach (var config in new[]
        {
            FeatureConfig.Paper,
            new FeatureConfig { Kind = FeatureKind.MelSpectrogram, SampleRate = 22050, FrameLength = 400, FrameStep = 160, FftLength = 512, MelBins = 64, LowerHz = 0.5, UpperHz = 11025, LogOffset = 1e-10, Coefficients = 13, Clip = double.PositiveInfinity },
        })
        {
            string json = config.ToJson();
            Assert.Equal(config, FeatureConfig.FromJson(json));
        }
        Assert.Equal(
            """{"kind":"Mfcc","sampleRate":16000,"frameLength":1024,"frameStep":256,"fftLength":1024,"melBins":128,"lowerHz":80,"upperHz":7600,"logOffset":1E-06,"coefficients":40,"clip":10}""",
            FeatureConfig.Paper.ToJson());
    }

    [Fact]
    public void JsonThatLeavesSettingsOutGetsThePapersValues() =>
        Assert.Equal(FeatureConfig.Paper with { MelBins = 64 }, FeatureConfig.FromJson("""{"melBins":64}"""));

    [Fact]
    public void JsonWithAnUnknownOrInvalidSettingIsRefused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => FeatureConfig.FromJson("""{"melbinz":64}"""));
        var e = Assert.ThrowsAny<ArgumentException>(() => FeatureConfig.FromJson("""{"upperHz":9000}"""));
        Assert.Equal("UpperHz", e.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => FeatureConfig.FromJson("null"));
    }
}
