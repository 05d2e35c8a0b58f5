using LightSerNet.Audio.Segmentation;

namespace LightSerNet.Audio.Tests;

/// <summary>Options that cannot cut anything are refused up front, naming the parameter at fault.</summary>
public sealed class SegmentOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e-5)]
    public void DurationMustBePositiveAndAtLeastOneSample(double duration)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentOptions(duration).Validate());
        Assert.Equal("Duration", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Segmenter.Cut(new float[100], new SegmentOptions(duration)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(1e-6)]
    public void HopMustBePositiveAndAtLeastOneSample(double hop)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentOptions(3, SegmentMode.Sliding, hop).Validate());
        Assert.Equal("Hop", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Segmenter.Cut(new float[100], new SegmentOptions(3, SegmentMode.Sliding, hop)));
    }

    [Fact]
    public void LengthsAreRoundedToWholeSamples()
    {
        var options = new SegmentOptions(2.99997, SegmentMode.Sliding, 0.50003);

        Assert.Same(options, options.Validate());
        Assert.Equal(48000, options.Length);
        Assert.Equal(8000, options.HopLength);
        Assert.Equal(48000, new SegmentOptions(3).HopLength);
    }
}
