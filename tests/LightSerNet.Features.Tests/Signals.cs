namespace LightSerNet.Features.Tests;

/// <summary>Deterministic test signals.</summary>
internal static class Signals
{
    public static float[] Noise(int length, int seed, double amplitude = 0.5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(amplitude * (random.NextDouble() * 2 - 1))).ToArray();
    }

    /// <summary>Two tones and a little noise at speech-like levels.</summary>
    public static float[] Speechlike(int length, int seed, int sampleRate = 16000)
    {
        var random = new Random(seed);
        double f1 = 100 + random.NextDouble() * 300, f2 = 500 + random.NextDouble() * 2500;
        var clip = new float[length];
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / sampleRate;
            clip[i] = (float)(0.4 * Math.Sin(2 * Math.PI * f1 * t) + 0.2 * Math.Sin(2 * Math.PI * f2 * t) + 0.05 * (random.NextDouble() * 2 - 1));
        }
        return clip;
    }
}
