using LightSerNet.Audio.Resampling;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Measures a resampler to 16 kHz with pure sines: the gain of passband sines (ripple), what is left after
/// removing the fitted sine (images and aliases of a passband sine), and the output level of sines that
/// must not pass (aliases of frequencies above the new Nyquist).
/// </summary>
internal static class ResamplerMeasurement
{
    public const int OutputRate = 16000;
    public const double Amplitude = 0.5;

    // Half a second of input, judged on its middle 0.4 s: the filter's zero-padded edges are ~20 ms at most.
    private const double Seconds = 0.5;
    private const int Edge = OutputRate / 20;

    public static double PassbandTop(int inputRate) => Math.Min(7600, 0.95 * inputRate / 2);

    /// <summary>Passband test frequencies: round and awkward ones from 50 Hz up to the top of the passband.</summary>
    public static double[] PassbandFrequencies(int inputRate)
    {
        double top = PassbandTop(inputRate);
        double[] candidates = [50, 97.3, 250, 440, 1000, 1234.5, 2000, 3001, 3800, 4567.8, 5000, 6000, 6666.6, 7000, 7400];
        return [.. candidates.Where(f => f < top), top];
    }

    /// <summary>Sines that must be stopped when going down: 8.4 kHz up to 98% of the input's Nyquist.</summary>
    public static double[] StopbandFrequencies(int inputRate)
    {
        double top = 0.98 * inputRate / 2;
        if (inputRate <= OutputRate || top < 8400)
            return [];
        const int Steps = 7;
        return [.. Enumerable.Range(0, Steps + 1).Select(i => 8400 + (top - 8400) * i / Steps)];
    }

    /// <param name="PhaseError">Fitted minus input phase in radians: the filter is symmetric, so output n lies at input time n / 16000 exactly.</param>
    public readonly record struct Passband(double Hertz, double GainDb, double ResidualDb, double PhaseError);

    private const double InputPhase = 0.3;

    public static Passband MeasurePassband(PolyphaseResampler resampler, double hertz)
    {
        int inputRate = resampler.InputRate;
        var input = SineFit.Sine((int)(Seconds * inputRate), hertz, inputRate, Amplitude, InputPhase);
        var output = resampler.Process(input);
        var fit = SineFit.Fit(output, Edge, output.Length - Edge, hertz, OutputRate);
        double inputRms = Amplitude / Math.Sqrt(2);
        double phaseError = Math.IEEERemainder(fit.Phase - InputPhase, 2 * Math.PI);
        return new Passband(hertz, SineFit.Db(fit.Amplitude / Amplitude), SineFit.Db(fit.ResidualRms / inputRms), phaseError);
    }

    /// <summary>Output RMS relative to input RMS, in dB, for a sine the filter must remove.</summary>
    public static double MeasureStopband(PolyphaseResampler resampler, double hertz)
    {
        int inputRate = resampler.InputRate;
        var input = SineFit.Sine((int)(Seconds * inputRate), hertz, inputRate, Amplitude);
        var output = resampler.Process(input);
        return SineFit.Db(SineFit.Rms(output, Edge, output.Length - Edge) / (Amplitude / Math.Sqrt(2)));
    }
}
