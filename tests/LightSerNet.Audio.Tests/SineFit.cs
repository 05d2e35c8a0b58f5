namespace LightSerNet.Audio.Tests;

/// <summary>
/// Least-squares fit of a*sin + b*cos at a known frequency. Projecting onto the exact frequency measures the
/// amplitude without a window's scalloping or leakage, and what is left over is everything the resampler
/// added: aliases, images, noise.
/// </summary>
internal readonly record struct SineFit(double Sin, double Cos, double ResidualRms)
{
    public double Amplitude => Math.Sqrt(Sin * Sin + Cos * Cos);

    /// <summary>Phase of Sin*sin(w n) + Cos*cos(w n) written as A*sin(w n + phase).</summary>
    public double Phase => Math.Atan2(Cos, Sin);

    /// <summary>
    /// Fits samples <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="y"/>; the
    /// angle of sample n is <paramref name="angle"/>(n), so callers can compute it exactly for long signals.
    /// </summary>
    public static SineFit Fit(ReadOnlySpan<float> y, int from, int to, Func<long, double> angle)
    {
        double ys = 0, yc = 0, ss = 0, cc = 0, sc = 0;
        for (int n = from; n < to; n++)
        {
            double a = angle(n), s = Math.Sin(a), c = Math.Cos(a);
            ys += y[n] * s;
            yc += y[n] * c;
            ss += s * s;
            cc += c * c;
            sc += s * c;
        }
        double det = ss * cc - sc * sc;
        double sin = (ys * cc - yc * sc) / det;
        double cos = (yc * ss - ys * sc) / det;
        double residual = 0;
        for (int n = from; n < to; n++)
        {
            double a = angle(n);
            double r = y[n] - (sin * Math.Sin(a) + cos * Math.Cos(a));
            residual += r * r;
        }
        return new SineFit(sin, cos, Math.Sqrt(residual / (to - from)));
    }

    /// <summary>Fits a sine of <paramref name="hertz"/> sampled at <paramref name="rate"/>, phase measured from sample 0.</summary>
    public static SineFit Fit(ReadOnlySpan<float> y, int from, int to, double hertz, int rate) =>
        Fit(y, from, to, n => 2 * Math.PI * hertz * n / rate);

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    public static double Rms(ReadOnlySpan<float> y, int from, int to)
    {
        double sum = 0;
        for (int n = from; n < to; n++)
            sum += (double)y[n] * y[n];
        return Math.Sqrt(sum / (to - from));
    }

    /// <summary>amplitude * sin(2 pi f n / rate + phase) for n in [0, length).</summary>
    public static float[] Sine(int length, double hertz, int rate, double amplitude = 0.5, double phase = 0)
    {
        var x = new float[length];
        for (int n = 0; n < length; n++)
            x[n] = (float)(amplitude * Math.Sin(2 * Math.PI * hertz * n / rate + phase));
        return x;
    }
}
