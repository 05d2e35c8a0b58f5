using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LightSerNet.Audio.Segmentation;

namespace LightSerNet.Audio.Tests;

/// <summary>The heap and quickselect percentiles equal numpy's linear percentile (by full sort) on any data.</summary>
public sealed class PercentileTests
{
    [Property(MaxTest = 300, Arbitrary = [typeof(PercentileInputs)])]
    public void EqualsNumpyLinearPercentile(PercentileCase c)
    {
        var x = c.Samples();

        double expected = NumpyPercentile.OfMagnitudes(x, c.Percent);
        double actual = Percentile.OfMagnitudes(x, c.Percent);

        // Bit for bit: the reference's normalisation divides by this number.
        Assert.True(expected == actual, $"{c}: numpy {expected:R}, ours {actual:R}");
    }

    [Theory]
    [InlineData(new float[] { 0.5f }, 99.9, 0.5)]
    [InlineData(new float[] { -0.5f }, 0, 0.5)]
    [InlineData(new float[] { 1, -3 }, 50, 2)]
    [InlineData(new float[] { 1, -3 }, 99.9, 2.998)]
    [InlineData(new float[] { 4, -1, 3, 2 }, 0, 1)]
    [InlineData(new float[] { 4, -1, 3, 2 }, 100, 4)]
    [InlineData(new float[] { 4, -1, 3, 2 }, 50, 2.5)]
    [InlineData(new float[] { 0, 0, 0, 0, 0 }, 99.9, 0)]
    [InlineData(new float[] { 2, 2, 2, -2, 2 }, 37, 2)]
    public void WorkedExamples(float[] x, double percent, double expected) =>
        Assert.Equal(expected, Percentile.OfMagnitudes(x, percent), 1e-12);

    [Fact]
    public void EmptyInputIsZero() => Assert.Equal(0, Percentile.OfMagnitudes([], 99.9));

    [Fact]
    public void InputIsNotModified()
    {
        float[] x = [3, -1, 2, -5, 4];

        Percentile.OfMagnitudes(x, 99.9);

        Assert.Equal([3f, -1, 2, -5, 4], x);
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(48001)]
    public void SortedAndReverseSortedInputs(int n)
    {
        // The classic quickselect worst cases: already ordered, reversed, and organ-pipe.
        var up = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        var down = up.Reverse().ToArray();
        var pipe = up.Select(v => Math.Min(v, n - v)).ToArray();
        foreach (var x in new[] { up, down, pipe })
            Assert.Equal(NumpyPercentile.OfMagnitudes(x, 99.9), Percentile.OfMagnitudes(x, 99.9), 1e-9);
    }
}

// Bursts: quiet noise with a few loud stretches, so the largest magnitudes crowd into a few blocks of the prefilter.
public enum Shape { Uniform, Gaussian, FewValues, AllZero, Speech16Bit, Bursts }

/// <summary>One percentile problem; the samples come from a seed so that even 48000-sample cases shrink and print small.</summary>
public sealed record PercentileCase(int Length, Shape Shape, int Seed, double Percent)
{
    public float[] Samples()
    {
        var random = new Random(Seed);
        var x = new float[Length];
        for (int i = 0; i < x.Length; i++)
        {
            double sign = random.Next(2) == 0 ? -1 : 1;
            x[i] = Shape switch
            {
                Shape.Uniform => (float)(sign * random.NextDouble()),
                Shape.Gaussian => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
                Shape.FewValues => (float)(sign * random.Next(4) / 4.0),
                Shape.AllZero => sign > 0 ? 0f : -0f,
                Shape.Bursts => (float)(sign * random.NextDouble() * 0.01),
                _ => (float)(sign * random.Next(32768) / 32768.0 * random.NextDouble()),
            };
        }
        if (Shape == Shape.Bursts)
        {
            for (int burst = random.Next(1, 4); burst > 0; burst--)
            {
                int start = random.Next(x.Length), length = random.Next(1, 300);
                for (int i = start; i < Math.Min(x.Length, start + length); i++)
                    x[i] *= random.Next(2) == 0 ? 100 : 37;
            }
        }
        return x;
    }
}

public static class PercentileInputs
{
    public static Arbitrary<PercentileCase> Case()
    {
        var gen =
            from length in Gen.Frequency((3, Gen.Elements(1, 2, 1000, 48000)), (2, Gen.Choose(1, 5000)))
            from shape in Gen.Elements(Enum.GetValues<Shape>())
            from seed in Gen.Choose(0, int.MaxValue)
            from percent in Gen.Frequency((3, Gen.Constant(99.9)), (1, Gen.Elements(0.0, 50.0, 100.0)), (3, Gen.Choose(0, 100_000).Select(p => p / 1000.0)))
            select new PercentileCase(length, shape, seed, percent);
        return gen.ToArbitrary();
    }
}
