using LightSerNet.Audio.Segmentation;

namespace LightSerNet.Audio.Tests;

/// <summary>Where each mode cuts, and that every cut is normalised and padded exactly as the reference does it.</summary>
public sealed class SegmenterTests
{
    private const int Length = 1000;

    // 1 s at 1000 Hz: segment arithmetic in round numbers; the segmenter never looks at what the rate means.
    private static SegmentOptions Options(SegmentMode mode = SegmentMode.Centre, double? hop = null) => new(1, mode, hop, SampleRate: 1000);

    private static void AssertCut(float[] source, SegmentCut cut, int start, int end)
    {
        Assert.Equal(start, cut.Start);
        Assert.Equal(end, cut.End);
        var expected = ReferenceSegment.Normalise(source.AsSpan(start, end - start), Length);
        Assert.Equal(Length, cut.Samples.Length);
        for (int i = 0; i < Length; i++)
            Assert.True(expected[i] == cut.Samples[i], $"cut {start}..{end}, sample {i}: expected {expected[i]:R}, got {cut.Samples[i]:R}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(333)]
    [InlineData(999)]
    [InlineData(Length)]
    public void NormalisingIntoAUsedBufferGivesTheCutBitForBit(int n)
    {
        // The labeller reuses one clip buffer: padding left over from a longer clip must not survive.
        var x = ReferenceSegment.Signal(n, n + 7);
        var used = Enumerable.Repeat(float.NaN, Length).ToArray();

        Segmenter.Normalise(x, used);

        Assert.Equal(Segmenter.Cut(x, Options())[0].Samples, used);
    }

    [Fact]
    public void NormalisingMoreThanASegmentIsRefused() =>
        Assert.Throws<ArgumentException>(() => Segmenter.Normalise(new float[Length + 1], new float[Length]));

    [Theory]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1777)]
    [InlineData(5000)]
    public void CentreKeepsTheMiddleOfALongClip(int n)
    {
        var x = ReferenceSegment.Signal(n, n);

        var cuts = Segmenter.Cut(x, Options());

        // floor(d/2) cut in front, ceil(d/2) behind.
        int front = (n - Length) / 2;
        Assert.Single(cuts);
        AssertCut(x, cuts[0], front, front + Length);
        Assert.Equal(n - Length - front, n - cuts[0].End);
        Assert.True(n - cuts[0].End - front is 0 or 1);
    }

    [Theory]
    [InlineData(1, 499, 500)]
    [InlineData(2, 499, 499)]
    [InlineData(993, 3, 4)]
    [InlineData(999, 0, 1)]
    [InlineData(1000, 0, 0)]
    public void ShortClipIsPaddedFloorInFrontCeilBehind(int n, int front, int behind)
    {
        var x = ReferenceSegment.Signal(n, n).Select(v => v == 0 ? 0.1f : v).ToArray();

        var cut = Assert.Single(Segmenter.Cut(x, Options()));

        AssertCut(x, cut, 0, n);
        Assert.All(cut.Samples[..front], v => Assert.Equal(0f, v));
        Assert.All(cut.Samples[^behind..], v => Assert.Equal(0f, v));
        Assert.All(cut.Samples[front..^behind], v => Assert.NotEqual(0f, v));
    }

    [Theory]
    [InlineData(SegmentMode.Split)]
    [InlineData(SegmentMode.Sliding)]
    public void EveryModeTreatsAShortClipLikeCentre(SegmentMode mode)
    {
        var x = ReferenceSegment.Signal(640, 3);

        var cut = Assert.Single(Segmenter.Cut(x, Options(mode, hop: 0.25)));

        AssertCut(x, cut, 0, 640);
    }

    [Theory]
    [InlineData(3000, 0)]
    [InlineData(3005, 2)]
    [InlineData(3999, 499)]
    [InlineData(1001, 0)]
    [InlineData(2000, 0)]
    public void SplitCutsWholeSegmentsFromTheTrimmedCentre(int n, int start)
    {
        // n % L == 0 gives n / L segments: the reference's data[pre:-post] with post = 0 returned nothing there.
        var x = ReferenceSegment.Signal(n, n);

        var cuts = Segmenter.Cut(x, Options(SegmentMode.Split));

        Assert.Equal(n / Length, cuts.Count);
        for (int k = 0; k < cuts.Count; k++)
            AssertCut(x, cuts[k], start + k * Length, start + (k + 1) * Length);
    }

    [Theory]
    [InlineData(2500, 0.3, new[] { 0, 300, 600, 900, 1200, 1500 })]
    [InlineData(2550, 0.3, new[] { 0, 300, 600, 900, 1200, 1500, 1800 })]
    [InlineData(2500, null, new[] { 0, 1000, 2000 })]
    [InlineData(3000, null, new[] { 0, 1000, 2000 })]
    [InlineData(2500, 1.2, new[] { 0, 1200, 2400 })]
    [InlineData(2500, 1.6, new[] { 0, 1600 })]
    public void SlidingWindowsStartEveryHopAndTheLastReachesTheEnd(int n, double? hop, int[] starts)
    {
        var x = ReferenceSegment.Signal(n, n);

        var cuts = Segmenter.Cut(x, Options(SegmentMode.Sliding, hop));

        Assert.Equal(starts, cuts.Select(c => c.Start));
        for (int k = 0; k < cuts.Count; k++)
            AssertCut(x, cuts[k], starts[k], Math.Min(starts[k] + Length, n));
        Assert.Equal(n, cuts[^1].End);
    }

    [Theory]
    [InlineData(1500, 2.6, new[] { 0 })]
    [InlineData(4000, 2.6, new[] { 0, 2600 })]
    [InlineData(5300, 2.6, new[] { 0, 2600, 5200 })]
    public void SlidingWithAHopLongerThanTheWindowStopsAtTheEndOfTheClip(int n, double hop, int[] starts)
    {
        // A window every 2.6 s: one that would start after the end of the clip is not cut
        // (ConvertTo-Segment -Duration 3 -Mode Sliding -Hop 5 on a 4 s call once failed here).
        var x = ReferenceSegment.Signal(n, n);

        var cuts = Segmenter.Cut(x, Options(SegmentMode.Sliding, hop));

        Assert.Equal(starts, cuts.Select(c => c.Start));
        for (int k = 0; k < cuts.Count; k++)
            AssertCut(x, cuts[k], starts[k], Math.Min(starts[k] + Length, n));
    }

    [Theory]
    [InlineData(SegmentMode.Centre, 61234)]
    [InlineData(SegmentMode.Split, 150001)]
    public void ThreeSecondSegmentsOfSpeechHaveTheir99Point9thPercentileAt1(SegmentMode mode, int n)
    {
        // With 48000 samples the percentile's rank is 47951.001: it sits a thousandth above an order statistic,
        // so clipping the next one to 1 moves it by under 1e-6 (see SegmenterProperties for the exact amount).
        var x = ReferenceSegment.Signal(n, 7);

        var cuts = Segmenter.Cut(x, new SegmentOptions(3, mode));

        Assert.NotEmpty(cuts);
        Assert.All(cuts, cut => Assert.Equal(1.0, NumpyPercentile.OfMagnitudes(cut.Samples, 99.9), 1e-6));
    }

    [Fact]
    public void SilenceStaysSilence()
    {
        // The epsilon keeps 0 / 0 away: an all-zero clip gives an all-zero segment, not NaNs.
        var cut = Assert.Single(Segmenter.Cut(new float[1500], Options()));

        Assert.All(cut.Samples, v => Assert.Equal(0f, v));
    }
}
