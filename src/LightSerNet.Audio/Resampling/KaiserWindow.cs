namespace LightSerNet.Audio.Resampling;

/// <summary>Kaiser window design formulas (Kaiser 1974; Oppenheim and Schafer, eq. 7.62-7.63).</summary>
internal static class KaiserWindow
{
    /// <summary>Shape parameter for a stopband attenuation of <paramref name="attenuationDb"/>.</summary>
    public static double Beta(double attenuationDb) => attenuationDb switch
    {
        > 50 => 0.1102 * (attenuationDb - 8.7),
        >= 21 => 0.5842 * Math.Pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21),
        _ => 0,
    };

    /// <summary>Filter length for the attenuation and a transition width in cycles per sample.</summary>
    public static double Length(double attenuationDb, double transitionCycles) =>
        (attenuationDb - 7.95) / (14.36 * transitionCycles);

    /// <summary>The window at <paramref name="x"/> in [-1, 1] (0 outside).</summary>
    public static double Value(double x, double beta, double i0Beta) =>
        Math.Abs(x) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - x * x)) / i0Beta;

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series.</summary>
    public static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 200; k++)
        {
            term *= half / k;
            double add = term * term;
            sum += add;
            if (add < sum * 1e-17)
                break;
        }
        return sum;
    }
}
