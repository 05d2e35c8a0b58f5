using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Augmentation;

/// <summary>
/// Additive Gaussian white noise at an exact signal-to-noise ratio: the seeded noise is scaled so that the clip's
/// mean power over the noise's is the asked ratio over the whole clip (silences included, as torchaudio's add_noise
/// measures it), rather than only on average over many draws.
/// </summary>
internal static class WhiteNoise
{
    /// <summary><paramref name="samples"/> plus noise <paramref name="snrDb"/> dB below them; silence stays silent.</summary>
    public static float[] Add(ReadOnlySpan<float> samples, double snrDb, ulong seed)
    {
        var output = samples.ToArray();
        double signal = Power(samples);
        if (samples.Length == 0 || signal == 0)
            return output; // No signal: no ratio to keep, and noise alone would be a clip of another class.
        var noise = Gaussian(samples.Length, seed);
        double scale = Math.Sqrt(signal / (Math.Pow(10, snrDb / 10) * Power(noise)));
        for (int i = 0; i < output.Length; i++)
            output[i] = (float)(samples[i] + scale * noise[i]);
        return output;
    }

    /// <summary>Mean square of <paramref name="samples"/>, accumulated in double.</summary>
    public static double Power(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float s in samples)
            sum += (double)s * s;
        return samples.Length == 0 ? 0 : sum / samples.Length;
    }

    // Box-Muller on the seeded stream: the same seed gives the same noise on every .NET version.
    private static float[] Gaussian(int length, ulong seed)
    {
        var noise = new float[length];
        ulong state = seed;
        for (int i = 0; i < length; i += 2)
        {
            double radius = Math.Sqrt(-2 * Math.Log(1 - SeededOrder.Uniform(ref state)));
            double angle = 2 * Math.PI * SeededOrder.Uniform(ref state);
            noise[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < length)
                noise[i + 1] = (float)(radius * Math.Sin(angle));
        }
        return noise;
    }
}
