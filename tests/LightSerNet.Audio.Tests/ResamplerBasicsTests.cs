using LightSerNet.Audio.Resampling;

namespace LightSerNet.Audio.Tests;

/// <summary>Output length, identity at equal rates, unit DC gain at every phase, and argument checks.</summary>
public sealed class ResamplerBasicsTests
{
    [Fact]
    public void EqualRatesReturnTheSamplesUnchanged()
    {
        var input = Enumerable.Range(0, 1001).Select(i => (float)Math.Sin(i * 0.37) * 0.9f).ToArray();
        var resampler = new PolyphaseResampler(16000, 16000);

        var output = resampler.Process(input);

        Assert.Equal(input, output);
        Assert.NotSame(input, output);
        Assert.Equal(0, resampler.TapsPerOutput);
    }

    [Theory]
    [InlineData(44100, 16000, 441, 160)]
    [InlineData(44100, 16000, 1, 1)]
    [InlineData(44100, 16000, 442, 161)]
    [InlineData(44100, 16000, 440, 160)]
    [InlineData(8000, 16000, 5, 10)]
    [InlineData(48000, 16000, 7, 3)]
    [InlineData(44101, 16000, 44101, 16000)]
    [InlineData(44101, 16000, 44102, 16001)]
    [InlineData(11025, 16000, 10, 15)]
    public void OutputLengthIsCeilingOfNTimesLOverM(int inputRate, int outputRate, int n, int expected)
    {
        var resampler = new PolyphaseResampler(inputRate, outputRate);

        Assert.Equal(expected, resampler.OutputLength(n));
        Assert.Equal(expected, resampler.Process(new float[n]).Length);
        Assert.Equal((long)Math.Ceiling((decimal)n * outputRate / inputRate), expected);
    }

    [Fact]
    public void OutputLengthHasNoOverflowForHourLongFiles()
    {
        // 10 hours at 96 kHz times L = 1: fine; at 44101 Hz L is 16000, so n * L needs 64 bits.
        var resampler = new PolyphaseResampler(44101, 16000);
        long n = 10L * 3600 * 44101;

        Assert.Equal(10L * 3600 * 16000, resampler.OutputLength(n));
    }

    [Fact]
    public void EmptyInputGivesEmptyOutput() =>
        Assert.Empty(new PolyphaseResampler(44100, 16000).Process([]));

    [Theory]
    [InlineData(8000)]
    [InlineData(11025)]
    [InlineData(22050)]
    [InlineData(32000)]
    [InlineData(44100)]
    [InlineData(44101)]
    [InlineData(48000)]
    [InlineData(96000)]
    public void DcPassesAtUnitGainAtEveryPhase(int inputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, 16000);
        var input = Enumerable.Repeat(0.25f, inputRate / 4).ToArray();

        var output = resampler.Process(input);

        // Away from the zero-padded ends every output sample, whatever its phase, is the constant itself.
        for (int n = 200; n < output.Length - 200; n++)
            Assert.True(Math.Abs(output[n] - 0.25f) <= 1e-6f, $"sample {n}: {output[n]}");
    }

    [Fact]
    public void ImpulseResponseIsSymmetricAndSumsToOne()
    {
        // 48 kHz -> 16 kHz keeps every third phase-0 sample: an impulse on a phase-0 input sample must come out
        // as the prototype filter itself, centred on the matching output sample and mirror-symmetric around it.
        var resampler = new PolyphaseResampler(48000, 16000);
        var input = new float[3 * 2001];
        input[3 * 1000] = 1;

        var output = resampler.Process(input);

        int peak = Array.IndexOf(output, output.Max());
        Assert.Equal(1000, peak);
        for (int k = 1; k < 200; k++)
            Assert.Equal(output[peak - k], output[peak + k], 1e-7f);
        Assert.Equal(1.0 / 3, output.Sum(x => (double)x), 1e-4);
    }

    [Theory]
    [InlineData(0, 16000)]
    [InlineData(-44100, 16000)]
    [InlineData(44100, 0)]
    public void RatesMustBePositive(int inputRate, int outputRate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(inputRate, outputRate));
}
