using System.Runtime.Intrinsics;
using LightSerNet.Features.Dsp;

namespace LightSerNet.Features.Tests;

/// <summary>The FFT, scalar and eight lanes at once, against a naive DFT computed in double.</summary>
public sealed class RealFftTests
{
    public static TheoryData<int> Lengths() => [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ComplexTransformMatchesNaiveDft(int length)
    {
        var fft = new RealFft(length);
        int n = fft.Half;
        var random = new Random(length);
        var xr = new double[n];
        var xi = new double[n];
        for (int t = 0; t < n; t++)
        {
            xr[t] = random.NextDouble() * 2 - 1;
            xi[t] = random.NextDouble() * 2 - 1;
        }
        var re = new float[n];
        var im = new float[n];
        for (int t = 0; t < n; t++)
        {
            re[fft.BitReverse[t]] = (float)xr[t];
            im[fft.BitReverse[t]] = (float)xi[t];
        }
        fft.Transform(re, im);
        var (dr, di) = NaiveDft(xr, xi);
        double scale = Math.Sqrt(n);
        for (int k = 0; k < n; k++)
        {
            Assert.True(Math.Abs(re[k] - dr[k]) < 2e-6 * scale * Math.Log2(n), $"bin {k} real: {re[k]} vs {dr[k]}");
            Assert.True(Math.Abs(im[k] - di[k]) < 2e-6 * scale * Math.Log2(n), $"bin {k} imaginary: {im[k]} vs {di[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MagnitudesMatchNaiveRealDft(int length)
    {
        var fft = new RealFft(length);
        var signal = RandomSignal(length, seed: length + 1);
        var expected = NaiveMagnitudes(signal);
        var re = new float[fft.Half];
        var im = new float[fft.Half];
        var magnitudes = new float[fft.Bins];
        fft.Load(signal, Ones(length), re, im);
        fft.Transform(re, im);
        fft.Magnitudes(re, im, magnitudes);
        AssertMagnitudes(expected, magnitudes, length);
    }

    [SkippableTheory]
    [MemberData(nameof(Lengths))]
    public void LanesMatchNaiveRealDftForEveryLane(int length)
    {
        Skip.IfNot(LaneMath.IsAccelerated, "Vector256 is not hardware-accelerated here; the scalar pipeline is used instead.");
        var fft = new RealFft(length);
        // Eight different frames, one per lane, laid out in one clip.
        var clip = RandomSignal(length * LaneMath.Lanes, seed: length + 2);
        int[] offsets = Enumerable.Range(0, LaneMath.Lanes).Select(l => l * length).ToArray();
        var re = new Vector256<float>[fft.Half];
        var im = new Vector256<float>[fft.Half];
        var magnitudes = new Vector256<float>[fft.Bins];
        LaneRealFft.Load(fft, clip, offsets, Ones(length), re, im);
        LaneRealFft.Transform(fft, re, im);
        LaneRealFft.Magnitudes(fft, re, im, magnitudes);
        for (int lane = 0; lane < LaneMath.Lanes; lane++)
        {
            var expected = NaiveMagnitudes(clip.AsSpan(offsets[lane], length).ToArray());
            var ours = magnitudes.Select(v => v.GetElement(lane)).ToArray();
            AssertMagnitudes(expected, ours, length);
        }
    }

    [SkippableFact]
    public void LanesZeroPadAShortWindowAsTheScalarLoadDoes()
    {
        Skip.IfNot(LaneMath.IsAccelerated, "Vector256 is not hardware-accelerated here.");
        var fft = new RealFft(64);
        var window = HannWindow.Periodic(37);
        var clip = RandomSignal(37 + 7 * 5, seed: 9);
        int[] offsets = Enumerable.Range(0, 8).Select(l => l * 5).ToArray();
        var re = new Vector256<float>[32];
        var im = new Vector256<float>[32];
        LaneRealFft.Load(fft, clip, offsets, window, re, im);
        for (int lane = 0; lane < 8; lane++)
        {
            var sr = new float[32];
            var si = new float[32];
            fft.Load(clip.AsSpan(offsets[lane], 37), window, sr, si);
            Assert.Equal(sr, re.Select(v => v.GetElement(lane)).ToArray());
            Assert.Equal(si, im.Select(v => v.GetElement(lane)).ToArray());
        }
    }

    [SkippableFact]
    public void LaneLoadRefusesAFrameThatLeavesTheClip()
    {
        Skip.IfNot(LaneMath.IsAccelerated, "Vector256 is not hardware-accelerated here.");
        var fft = new RealFft(16);
        var re = new Vector256<float>[8];
        var im = new Vector256<float>[8];
        int[] offsets = [0, 1, 2, 3, 4, 5, 6, 20];
        Assert.Throws<ArgumentOutOfRangeException>(() => LaneRealFft.Load(fft, new float[30], offsets, Ones(16), re, im));
    }

    [Fact]
    public void HannWindowIsTfsPeriodicWindow()
    {
        var window = HannWindow.Periodic(1024);
        Assert.Equal(0f, window[0]);
        Assert.Equal(1f, window[512]);
        Assert.Equal(0.5f, window[256], 6);
        // Periodic: symmetric about N / 2, not about (N - 1) / 2.
        for (int n = 1; n < 512; n++)
            Assert.Equal(window[n], window[1024 - n]);
    }

    // RealFft returns |2·X[k]| (callers halve their window).
    private static void AssertMagnitudes(double[] expected, float[] ours, int length)
    {
        double peak = expected.Max();
        for (int k = 0; k < expected.Length; k++)
        {
            double want = 2 * expected[k];
            double tolerance = 4e-6 * Math.Log2(length) * Math.Max(1, 2 * peak / Math.Sqrt(length));
            Assert.True(Math.Abs(ours[k] - want) <= tolerance + 1e-6 * want, $"bin {k}: {ours[k]} vs {want}");
        }
    }

    private static (double[] Re, double[] Im) NaiveDft(double[] xr, double[] xi)
    {
        int n = xr.Length;
        var re = new double[n];
        var im = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * ((long)k * t % n) / n;
                double c = Math.Cos(angle), s = Math.Sin(angle);
                re[k] += xr[t] * c - xi[t] * s;
                im[k] += xr[t] * s + xi[t] * c;
            }
        }
        return (re, im);
    }

    private static double[] NaiveMagnitudes(float[] signal)
    {
        int n = signal.Length;
        var magnitudes = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++)
        {
            double re = 0, im = 0;
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * ((long)k * t % n) / n;
                re += signal[t] * Math.Cos(angle);
                im += signal[t] * Math.Sin(angle);
            }
            magnitudes[k] = Math.Sqrt(re * re + im * im);
        }
        return magnitudes;
    }

    private static float[] RandomSignal(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] Ones(int length) => Enumerable.Repeat(1f, length).ToArray();
}
