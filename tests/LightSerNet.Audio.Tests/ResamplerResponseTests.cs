using LightSerNet.Audio.Resampling;
using Xunit.Abstractions;
using static LightSerNet.Audio.Tests.ResamplerMeasurement;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// The requirements on resampling to 16 kHz, measured with sines for every common input rate and one
/// odd one (44101 Hz has no small L/M and uses the interpolated phase table):
/// passband ripple &lt;= 0.1 dB up to min(7.6 kHz, 95% of the input Nyquist), and everything that is not the
/// sine itself (aliases, images) at least 80 dB down. The measured figures are written to the test output.
/// </summary>
public sealed class ResamplerResponseTests(ITestOutputHelper output)
{
    private const double MaxRippleDb = 0.1;
    private const double MinRejectionDb = 80;

    public static TheoryData<int> InputRates => [8000, 11025, 22050, 32000, 44100, 44101, 48000, 96000];

    [Theory]
    [MemberData(nameof(InputRates))]
    public void PassbandIsFlatWithin0Point1Db(int inputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, OutputRate);
        var measured = PassbandFrequencies(inputRate).Select(f => MeasurePassband(resampler, f)).ToArray();

        var worst = measured.MaxBy(m => Math.Abs(m.GainDb));
        output.WriteLine($"{inputRate} -> {OutputRate} Hz, {resampler.TapsPerOutput} taps: worst ripple {worst.GainDb:+0.00000;-0.00000;0.00000} dB at {worst.Hertz:0.#} Hz (50 .. {PassbandTop(inputRate):0.#} Hz)");
        foreach (var m in measured)
            output.WriteLine($"  {m.Hertz,8:0.0} Hz  gain {m.GainDb,10:+0.00000;-0.00000;0.00000} dB  phase error {m.PhaseError:0.0e0} rad");
        Assert.All(measured, m => Assert.True(Math.Abs(m.GainDb) <= MaxRippleDb, $"{m.Hertz} Hz: gain {m.GainDb:0.0000} dB"));
        // The filter is symmetric about each output instant, so a sine comes out with its input phase: no delay.
        Assert.All(measured, m => Assert.True(Math.Abs(m.PhaseError) < 1e-4, $"{m.Hertz} Hz: phase error {m.PhaseError} rad"));
    }

    [Theory]
    [MemberData(nameof(InputRates))]
    public void PassbandSineComesOutAlone(int inputRate)
    {
        // Whatever is left after removing the fitted sine is what the resampler made up: images when going up
        // from 8 or 11.025 kHz, aliases of the sine's own spectrum and rounding noise otherwise.
        var resampler = new PolyphaseResampler(inputRate, OutputRate);
        var measured = PassbandFrequencies(inputRate).Select(f => MeasurePassband(resampler, f)).ToArray();

        var worst = measured.MaxBy(m => m.ResidualDb);
        output.WriteLine($"{inputRate} -> {OutputRate} Hz: worst residual {worst.ResidualDb:0.0} dB at {worst.Hertz:0.#} Hz");
        foreach (var m in measured)
            output.WriteLine($"  {m.Hertz,8:0.0} Hz  residual {m.ResidualDb,7:0.0} dB");
        Assert.All(measured, m => Assert.True(m.ResidualDb <= -MinRejectionDb, $"{m.Hertz} Hz: residual only {-m.ResidualDb:0.0} dB down"));
    }

    [Theory]
    [MemberData(nameof(InputRates))]
    public void FrequenciesAbove8Point4KHzAreStopped(int inputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, OutputRate);
        var frequencies = StopbandFrequencies(inputRate);
        if (frequencies.Length == 0)
        {
            output.WriteLine($"{inputRate} Hz holds nothing above 8.4 kHz that could alias (images are covered by {nameof(PassbandSineComesOutAlone)}).");
            return;
        }

        var measured = frequencies.Select(f => (Hertz: f, Db: MeasureStopband(resampler, f))).ToArray();

        var worst = measured.MaxBy(m => m.Db);
        output.WriteLine($"{inputRate} -> {OutputRate} Hz: worst alias {worst.Db:0.0} dB at {worst.Hertz:0} Hz (8400 .. {frequencies[^1]:0} Hz)");
        foreach (var (hertz, db) in measured)
            output.WriteLine($"  {hertz,8:0} Hz  output {db,7:0.0} dB");
        Assert.All(measured, m => Assert.True(m.Db <= -MinRejectionDb, $"{m.Hertz} Hz: only {-m.Db:0.0} dB down"));
    }

    [Fact]
    public void StopbandEdgeIsExactly8Point4KHzFor44100()
    {
        // Just inside the transition band a sine still gets through in part; at its edge it must be stopped.
        // A filter drawn too wide would pass both; one drawn too narrow would fail the passband test above.
        var resampler = new PolyphaseResampler(44100, OutputRate);

        double inside = MeasureStopband(resampler, 8100);
        double edge = MeasureStopband(resampler, 8400);
        output.WriteLine($"44100 -> 16000 Hz: 8100 Hz {inside:0.0} dB, 8400 Hz {edge:0.0} dB");

        Assert.True(inside > -60, $"8100 Hz is {inside:0.0} dB: the transition band is not where it should be");
        Assert.True(edge <= -MinRejectionDb);
    }
}
