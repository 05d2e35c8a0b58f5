namespace LightSerNet.Features.Dsp;

/// <summary>
/// One radix-4 decimation-in-time pass: combines four transforms of <see cref="Quarter"/> points (stored one after
/// another, as the bit-reversed order leaves them) into one of 4·Quarter points. Point j of each input transform is
/// multiplied by W^0, W^2j, W^j and W^3j (W = exp(-2 pi i / (4·Quarter))), then the four are combined with a
/// twiddle-free 4-point DFT: three complex multiplies per four points.
/// </summary>
internal sealed class Radix4Pass
{
    /// <summary>Points in each input transform.</summary>
    public int Quarter { get; }

    /// <summary>
    /// For each j, six floats in a row: W^2j, W^j and W^3j as (re, im) pairs, for the second, third and fourth input
    /// transform. One interleaved stream instead of six arrays: in the paper's last pass the data already runs as eight
    /// streams, each array's four 4 KiB apart (one L1 set), and six more twiddle streams evicted them.
    /// </summary>
    public float[] Twiddles { get; }

    public Radix4Pass(int quarter)
    {
        Quarter = quarter;
        Twiddles = new float[6 * quarter];
        for (int j = 0; j < quarter; j++)
        {
            (Twiddles[6 * j], Twiddles[6 * j + 1]) = RealFft.Twiddle(2 * j, 4 * quarter);
            (Twiddles[6 * j + 2], Twiddles[6 * j + 3]) = RealFft.Twiddle(j, 4 * quarter);
            (Twiddles[6 * j + 4], Twiddles[6 * j + 5]) = RealFft.Twiddle(3 * j, 4 * quarter);
        }
    }
}
