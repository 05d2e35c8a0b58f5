using LightSerNet.Audio.Resampling;
using Xunit.Abstractions;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Ours against NAudio's WdlResampler in windowed-sinc mode (a port of Cockos WDL, designed independently)
/// on a speech-like sum of passband sines. WDL drops its own latency, so the two outputs line up sample for
/// sample and can be compared directly.
/// </summary>
public sealed class ResamplerOracleTests(ITestOutputHelper output)
{
    private const int OutputRate = 16000;

    // A voice: fundamental, a few harmonics and formant-region energy, up to the mel bank's 7.6 kHz edge.
    private static readonly (double Hertz, double Amplitude)[] Voice =
        [(120, 0.2), (240, 0.15), (360, 0.1), (730, 0.12), (1090, 0.08), (2440, 0.05), (3500, 0.03), (5200, 0.02), (7100, 0.01)];

    [Theory]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(44101)]
    public void AgreesWithNAudioSinc(int inputRate)
    {
        var input = new float[inputRate];
        for (int n = 0; n < input.Length; n++)
            input[n] = (float)Voice.Sum(v => v.Amplitude * Math.Sin(2 * Math.PI * v.Hertz * n / inputRate + v.Hertz / 1000));

        var ours = new PolyphaseResampler(inputRate, OutputRate).Process(input);
        var theirs = NAudioOracle.Resample(input, inputRate, OutputRate);

        Assert.Equal(theirs.Length, ours.Length);
        int from = OutputRate / 10, to = ours.Length - OutputRate / 10;
        double difference = 0, signal = 0;
        for (int n = from; n < to; n++)
        {
            difference += Math.Pow(ours[n] - theirs[n], 2);
            signal += Math.Pow(theirs[n], 2);
        }
        double agreementDb = 10 * Math.Log10(difference / signal);
        output.WriteLine($"{inputRate} -> {OutputRate} Hz: ours - NAudio WDL sinc = {agreementDb:0.0} dB relative to the signal");
        foreach (var (hertz, amplitude) in Voice)
        {
            var a = SineFit.Fit(ours, from, to, hertz, OutputRate);
            var b = SineFit.Fit(theirs, from, to, hertz, OutputRate);
            output.WriteLine($"  {hertz,6} Hz  ours {SineFit.Db(a.Amplitude / amplitude):+0.0000;-0.0000;0.0000} dB  NAudio {SineFit.Db(b.Amplitude / amplitude):+0.0000;-0.0000;0.0000} dB");
            Assert.True(Math.Abs(SineFit.Db(a.Amplitude / b.Amplitude)) < 0.05, $"{hertz} Hz: ours {a.Amplitude}, NAudio {b.Amplitude}");
        }
        Assert.True(agreementDb < -60, $"ours and NAudio differ by {agreementDb:0.0} dB");
    }
}
