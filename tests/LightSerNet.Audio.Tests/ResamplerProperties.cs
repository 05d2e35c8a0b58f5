using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LightSerNet.Audio.Resampling;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Any input rate, not just the common ones: a phone app's 12345 Hz or a drifting 47999 Hz clock gives an L/M
/// with no small factors, which is where a rational resampler's table and position arithmetic are tested hardest.
/// </summary>
public sealed class ResamplerProperties
{
    private const int OutputRate = 16000;

    [Property(MaxTest = 25, Arbitrary = [typeof(InputRates)])]
    public void AnyRateKeepsLengthDcAndA1KHzSine(InputRate rate)
    {
        int inputRate = rate.Hertz;
        var resampler = new PolyphaseResampler(inputRate, OutputRate);
        int n = (int)(0.3 * inputRate);
        var dc = Enumerable.Repeat(0.25f, n).ToArray();
        var sine = SineFit.Sine(n, 1000, inputRate);

        var dcOut = resampler.Process(dc);
        var sineOut = resampler.Process(sine);

        long expectedLength = (long)Math.Ceiling((decimal)n * OutputRate / inputRate);
        Assert.Equal(expectedLength, dcOut.Length);
        Assert.Equal(expectedLength, resampler.OutputLength(n));
        int edge = OutputRate / 20;
        for (int k = edge; k < dcOut.Length - edge; k++)
            Assert.True(Math.Abs(dcOut[k] - 0.25f) <= 1e-6f, $"{inputRate} Hz: DC sample {k} is {dcOut[k]}");
        var fit = SineFit.Fit(sineOut, edge, sineOut.Length - edge, 1000, OutputRate);
        Assert.True(Math.Abs(SineFit.Db(fit.Amplitude / 0.5)) <= 0.1, $"{inputRate} Hz: 1 kHz gain {SineFit.Db(fit.Amplitude / 0.5)} dB");
        Assert.True(SineFit.Db(fit.ResidualRms / (0.5 / Math.Sqrt(2))) <= -80, $"{inputRate} Hz: residual {SineFit.Db(fit.ResidualRms / (0.5 / Math.Sqrt(2)))} dB");
    }
}

public sealed record InputRate(int Hertz);

public static class InputRates
{
    public static Arbitrary<InputRate> Rate() =>
        Gen.Frequency((3, Gen.Choose(4000, 96000)), (1, Gen.Elements(7999, 8001, 12345, 15999, 16001, 44099, 47999, 48001)))
            .Select(hz => new InputRate(hz))
            .ToArbitrary();
}
