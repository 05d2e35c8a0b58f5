using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LightSerNet.Audio.Segmentation;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Whatever the clip and mode: every segment has exactly Length samples in [-1, 1], equals the reference's
/// normalise-clip-pad of the span it covers, and the spans are where the mode says.
/// </summary>
public sealed class SegmenterProperties
{
    [Property(MaxTest = 150, Arbitrary = [typeof(SegmenterInputs)])]
    public void SegmentsAreFullLengthNormalisedAndWhereTheModeSays(SegmenterCase c)
    {
        var x = c.Samples();
        var options = new SegmentOptions(1, c.Mode, c.Hop, SampleRate: c.Length);
        int length = c.Length, n = x.Length;

        var cuts = Segmenter.Cut(x, options);

        Assert.NotEmpty(cuts);
        foreach (var cut in cuts)
        {
            Assert.Equal(length, cut.Samples.Length);
            Assert.All(cut.Samples, v => Assert.InRange(v, -1f, 1f));
            Assert.InRange(cut.Start, 0, n);
            Assert.InRange(cut.End - cut.Start, 1, length);
            Assert.True(cut.End <= n);
            var part = x.AsSpan(cut.Start, cut.End - cut.Start);
            var expected = ReferenceSegment.Normalise(part, length);
            for (int i = 0; i < length; i++)
                Assert.True(expected[i] == cut.Samples[i], $"{c}: cut at {cut.Start}, sample {i}: {expected[i]:R} vs {cut.Samples[i]:R}");
            AssertPercentileAfterClipping(part, cut.Samples.AsSpan((length - part.Length) / 2, part.Length));
        }

        if (n <= length)
        {
            Assert.Equal((0, n), (Assert.Single(cuts).Start, cuts[0].End));
            return;
        }
        switch (c.Mode)
        {
            case SegmentMode.Centre:
                Assert.Equal(((n - length) / 2, (n - length) / 2 + length), (Assert.Single(cuts).Start, cuts[0].End));
                break;
            case SegmentMode.Split:
                Assert.Equal(n / length, cuts.Count);
                Assert.Equal((n - n / length * length) / 2, cuts[0].Start);
                Assert.All(cuts.Zip(cuts.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
                break;
            case SegmentMode.Sliding:
                int hop = options.HopLength;
                Assert.Equal(Enumerable.Range(0, cuts.Count).Select(k => k * hop), cuts.Select(cut => cut.Start));
                // It stops at the first window that reaches the end, or when the next start would be past it.
                Assert.True(cuts[^1].End == n || cuts[^1].Start + hop >= n);
                Assert.All(cuts.SkipLast(1), cut => Assert.True(cut.End < n));
                break;
        }
    }

    /// <summary>
    /// Dividing by the 99.9th percentile p and clipping at 1 puts the percentile's upper neighbour b at exactly 1,
    /// so the new percentile is 1 - t(1 - t)(b - a) / p, where a, b are the neighbouring order statistics and t
    /// the fraction between them: 1 exactly when they tie or t is 0, a hair below 1 otherwise.
    /// </summary>
    internal static void AssertPercentileAfterClipping(ReadOnlySpan<float> source, ReadOnlySpan<float> normalised)
    {
        var sorted = source.ToArray().Select(v => (double)Math.Abs(v)).Order().ToArray();
        double p = NumpyPercentile.OfMagnitudes(source, 99.9);
        double after = NumpyPercentile.OfMagnitudes(normalised, 99.9);
        if (p == 0)
        {
            Assert.Equal(0, after);
            return;
        }
        double rank = 0.999 * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        double t = rank - below, a = sorted[below], b = sorted[Math.Min(below + 1, sorted.Length - 1)];
        double predicted = 1 - t * (1 - t) * (b - a) / p;
        Assert.True(after <= 1 + 1e-7, $"percentile after normalising is {after}");
        Assert.True(Math.Abs(after - predicted) <= 1e-6, $"percentile after normalising is {after}, predicted {predicted}");
    }
}

public enum Texture { Speech, Sparse, Silence, Constant, Quantised }

public sealed record SegmenterCase(int Length, int Frames, SegmentMode Mode, double? Hop, Texture Texture, int Seed)
{
    public float[] Samples()
    {
        var random = new Random(Seed);
        return Texture switch
        {
            Texture.Speech => ReferenceSegment.Signal(Frames, Seed),
            Texture.Sparse => Enumerable.Range(0, Frames).Select(_ => random.Next(2000) == 0 ? (float)random.NextDouble() : 0f).ToArray(),
            Texture.Silence => new float[Frames],
            Texture.Constant => Enumerable.Repeat(-0.25f, Frames).ToArray(),
            _ => Enumerable.Range(0, Frames).Select(_ => random.Next(-300, 300) / 32768f).ToArray(),
        };
    }
}

public static class SegmenterInputs
{
    public static Arbitrary<SegmenterCase> Case()
    {
        var gen =
            from length in Gen.Elements(1, 2, 7, 100, 1000, 4000)
            from frames in Gen.Frequency((1, Gen.Choose(1, length)), (3, Gen.Choose(1, 5 * length + 3)), (1, Gen.Elements(length, 2 * length, 3 * length)))
            from mode in Gen.Elements(Enum.GetValues<SegmentMode>())
            from hop in Gen.Frequency((1, Gen.Constant<double?>(null)), (3, Gen.Choose(1, 3000).Select(h => (double?)(h / 1000.0))))
            from texture in Gen.Elements(Enum.GetValues<Texture>())
            from seed in Gen.Choose(0, int.MaxValue)
            where hop is null || Math.Round(hop.Value * length) >= 1
            select new SegmenterCase(length, frames, mode, hop, texture, seed);
        return gen.ToArbitrary();
    }
}
