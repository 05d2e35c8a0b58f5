using LightSerNet.Audio.Resampling;

namespace LightSerNet.Training.Augmentation;

/// <summary>
/// Kaldi-style speed perturbation: tempo and pitch change together, as when a tape runs fast or slow. The samples
/// are read as if they had been recorded at rate x factor and resampled back to the rate, so factor 1.1 gives a
/// clip 1/1.1 as long with every frequency 1.1 times higher. Rates are rounded to whole hertz.
/// </summary>
internal static class SpeedPerturbation
{
    /// <summary>The resampler for one factor; immutable, so one serves every clip.</summary>
    public static PolyphaseResampler Resampler(double factor, int sampleRate) =>
        new(checked((int)Math.Round(sampleRate * factor)), sampleRate);

    /// <summary><paramref name="samples"/> at <paramref name="sampleRate"/>, played <paramref name="factor"/> times as fast.</summary>
    public static float[] Apply(ReadOnlySpan<float> samples, double factor, int sampleRate) =>
        Resampler(factor, sampleRate).Process(samples);
}
