using LightSerNet.Audio.Resampling;
using Xunit.Abstractions;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// A resampler that steps through the input with a floating-point position slowly drifts: the end of a long
/// call no longer lines up with its start (NWaves issue #59). Ours computes every position exactly, so a
/// 1 kHz sine has the same phase and amplitude in the last second of a 10-minute file as in the first.
/// </summary>
public sealed class ResamplerDriftTests(ITestOutputHelper output)
{
    private const int OutputRate = 16000;
    private const int Hertz = 1000;

    [Fact]
    public void TenMinutesAt44100HzDoNotDrift()
    {
        const int InputRate = 44100;
        const long Frames = 600L * InputRate;
        // 1000 / 44100 = 10 / 441: a table of one period keeps every input sample exact, however long the file.
        var period = Enumerable.Range(0, 441).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 10 * i / 441))).ToArray();
        var input = new float[Frames];
        for (long i = 0; i < Frames; i++)
            input[i] = period[i % 441];

        var resampled = new PolyphaseResampler(InputRate, OutputRate).Process(input);

        Assert.Equal((Frames * 160 + 440) / 441, resampled.LongLength);
        Assert.Equal((long)Math.Ceiling(Frames * 160 / 441.0), resampled.LongLength);
        AssertNoDrift(resampled, InputRate);
    }

    [Fact]
    public void OneMinuteAt44101HzDoesNotDrift()
    {
        // 16000/44101 has no common factor: the phase table is interpolated, and the position arithmetic must still be exact.
        const int InputRate = 44101;
        const long Frames = 60L * InputRate;
        var input = new float[Frames];
        for (long i = 0; i < Frames; i++)
            input[i] = (float)(0.5 * Math.Sin(2 * Math.PI * (Hertz * i % InputRate) / InputRate));

        var resampled = new PolyphaseResampler(InputRate, OutputRate).Process(input);

        Assert.Equal((Frames * OutputRate + InputRate - 1) / InputRate, resampled.LongLength);
        AssertNoDrift(resampled, InputRate);
    }

    private void AssertNoDrift(float[] y, int inputRate)
    {
        // 1000 / 16000 = 1 / 16: the reference angle of output sample n is exact too.
        static double Angle(long n) => 2 * Math.PI * (n % 16) / 16;
        int second = OutputRate;
        var first = SineFit.Fit(y, second / 10, second / 10 + second, Angle);
        int lastStart = y.Length - second / 10 - second;
        var last = SineFit.Fit(y, lastStart, lastStart + second, Angle);

        double phaseDrift = Math.IEEERemainder(last.Phase - first.Phase, 2 * Math.PI);
        double gainDrift = SineFit.Db(last.Amplitude / first.Amplitude);
        output.WriteLine($"{inputRate} -> {OutputRate} Hz over {y.Length / (double)OutputRate:0} s: first second amplitude {first.Amplitude:0.000000} phase {first.Phase:0.0e0} rad; " +
                         $"last second amplitude {last.Amplitude:0.000000} phase {last.Phase:0.0e0} rad; drift {phaseDrift:0.0e0} rad, {gainDrift:0.0e0} dB");

        Assert.True(Math.Abs(phaseDrift) < 1e-3, $"phase drifted {phaseDrift} rad");
        Assert.True(Math.Abs(gainDrift) < 0.01, $"amplitude drifted {gainDrift} dB");
        // And both ends sit where the input put them: sine phase 0 at time 0.
        Assert.True(Math.Abs(first.Phase) < 1e-3 && Math.Abs(last.Phase) < 1e-3);
        Assert.Equal(0.5, last.Amplitude, 0.5 * 0.01);
    }
}
