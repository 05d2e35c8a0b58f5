namespace LightSerNet.Audio.Tests;

/// <summary>
/// The reference's per-segment processing (utils/segment), restated plainly: divide by the 99.9th percentile
/// of |x| plus numpy's float64 epsilon, clip to [-1, 1], zero-pad floor(d/2) in front and ceil(d/2) behind.
/// </summary>
internal static class ReferenceSegment
{
    public static float[] Normalise(ReadOnlySpan<float> part, int length)
    {
        double scale = 1.0 / (NumpyPercentile.OfMagnitudes(part, 99.9) + 2.220446049250313e-16);
        var output = new float[length];
        int front = (length - part.Length) / 2;
        for (int i = 0; i < part.Length; i++)
            output[front + i] = (float)Math.Clamp(part[i] * scale, -1, 1);
        return output;
    }

    /// <summary>Speech-like test signal: noise under a slow envelope, so |x| has a dense, continuous distribution.</summary>
    public static float[] Signal(int length, int seed, double peak = 0.7)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
            x[i] = (float)(peak * (0.2 + 0.8 * Math.Abs(Math.Sin(i * 0.0031))) * (2 * random.NextDouble() - 1));
        return x;
    }
}
