namespace LightSerNet.Features.Dsp;

/// <summary>
/// A real FFT of <see cref="Length"/> points as a complex FFT of <see cref="Half"/> points (even samples in the real
/// parts, odd samples in the imaginary parts) followed by the usual split into the <see cref="Bins"/> bins of the real
/// signal. Holds the precomputed tables (bit-reversal, twiddles of each pass, split twiddles) and the scalar transform;
/// <see cref="LaneRealFft"/> runs the same passes on eight frames at once.
/// </summary>
/// <remarks>
/// The complex FFT is decimation in time: the input is stored bit-reversed, then an optional radix-2 pass and radix-4
/// passes (<see cref="Radix4Pass"/>: three twiddle multiplies and a 4-point DFT, reading and writing the data half as
/// often as radix-2 stages would). Twiddles are computed in double and rounded once. The split returns magnitudes of twice the spectrum, so a caller that wants |X| halves its
/// window, which is exact in binary floating point and saves a multiply per bin.
/// </remarks>
internal sealed class RealFft
{
    /// <summary>Real points (the FFT length).</summary>
    public int Length { get; }

    /// <summary>Complex points of the inner FFT: <see cref="Length"/> / 2.</summary>
    public int Half { get; }

    /// <summary>Bins of the real spectrum: <see cref="Length"/> / 2 + 1.</summary>
    public int Bins => Half + 1;

    /// <summary>Where complex input point n is stored before the passes.</summary>
    public int[] BitReverse { get; }

    /// <summary>True when log2(Half) is odd: a twiddle-free radix-2 pass comes first.</summary>
    public bool StartsWithRadix2 { get; }

    /// <summary>The radix-4 passes, smallest first.</summary>
    public Radix4Pass[] Passes { get; }

    /// <summary>exp(-2 pi i k / Length) for k = 0 .. Half / 2, used by the split.</summary>
    public float[] SplitRe { get; }

    /// <inheritdoc cref="SplitRe"/>
    public float[] SplitIm { get; }

    public RealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "The real FFT length must be a power of two of at least 4.");
        Length = length;
        Half = length / 2;
        int bits = System.Numerics.BitOperations.Log2((uint)Half);
        BitReverse = new int[Half];
        for (int n = 0; n < Half; n++)
            BitReverse[n] = Reverse(n, bits);

        StartsWithRadix2 = bits % 2 == 1;
        var passes = new List<Radix4Pass>();
        for (int quarter = StartsWithRadix2 ? 2 : 1; quarter * 4 <= Half; quarter *= 4)
            passes.Add(new Radix4Pass(quarter));
        Passes = [.. passes];

        SplitRe = new float[Half / 2 + 1];
        SplitIm = new float[Half / 2 + 1];
        for (int k = 0; k <= Half / 2; k++)
            (SplitRe[k], SplitIm[k]) = Twiddle(k, length);
        // exp(-i pi / 2) is exactly -i; cos(pi / 2) in double is 6e-17, which would leave a trace in bin Half / 2.
        SplitRe[Half / 2] = 0;
    }

    /// <summary>
    /// Windows one frame into the packed, bit-reversed complex input: point n holds window[2n]·frame[2n] and
    /// window[2n+1]·frame[2n+1]; samples past the window (up to <see cref="Length"/>) are zero.
    /// </summary>
    public void Load(ReadOnlySpan<float> frame, ReadOnlySpan<float> window, Span<float> re, Span<float> im)
    {
        int frameLength = window.Length;
        for (int n = 0; n < Half; n++)
        {
            int even = 2 * n, odd = even + 1;
            int at = BitReverse[n];
            re[at] = even < frameLength ? frame[even] * window[even] : 0f;
            im[at] = odd < frameLength ? frame[odd] * window[odd] : 0f;
        }
    }

    /// <summary>In-place complex FFT of <see cref="Half"/> points; input bit-reversed (<see cref="Load"/>), output in order.</summary>
    public void Transform(Span<float> re, Span<float> im)
    {
        int n = Half;
        re = re[..n];
        im = im[..n];
        if (StartsWithRadix2)
        {
            for (int b = 0; b < n; b += 2)
            {
                float ar = re[b], ai = im[b], br = re[b + 1], bi = im[b + 1];
                re[b] = ar + br; im[b] = ai + bi;
                re[b + 1] = ar - br; im[b + 1] = ai - bi;
            }
        }
        foreach (var pass in Passes)
        {
            int q = pass.Quarter;
            for (int b = 0; b < n; b += 4 * q)
            {
                for (int j = 0; j < q; j++)
                {
                    int i0 = b + j, i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
                    // In bit-reversed order the four sub-transforms hold the residues 0, 2, 1, 3 (mod 4) of the output.
                    var w = pass.Twiddles.AsSpan(6 * j, 6);
                    float w1r = w[0], w1i = w[1], w2r = w[2], w2i = w[3], w3r = w[4], w3i = w[5];
                    float a0r = re[i0], a0i = im[i0];
                    float a1r = re[i1] * w1r - im[i1] * w1i, a1i = re[i1] * w1i + im[i1] * w1r;
                    float a2r = re[i2] * w2r - im[i2] * w2i, a2i = re[i2] * w2i + im[i2] * w2r;
                    float a3r = re[i3] * w3r - im[i3] * w3i, a3i = re[i3] * w3i + im[i3] * w3r;
                    float b0r = a0r + a1r, b0i = a0i + a1i, b1r = a0r - a1r, b1i = a0i - a1i;
                    float s23r = a2r + a3r, s23i = a2i + a3i, d23r = a2r - a3r, d23i = a2i - a3i;
                    // X[j] = b0 + s23, X[j + 2q] = b0 - s23, X[j + q] = b1 - i·d23, X[j + 3q] = b1 + i·d23.
                    re[i0] = b0r + s23r; im[i0] = b0i + s23i;
                    re[i2] = b0r - s23r; im[i2] = b0i - s23i;
                    re[i1] = b1r + d23i; im[i1] = b1i - d23r;
                    re[i3] = b1r - d23i; im[i3] = b1i + d23r;
                }
            }
        }
    }

    /// <summary>
    /// |2·X[k]| for k = 0 .. Half from the inner FFT's output Z: X[k] = (Z[k] + conj Z[N-k]) / 2 - i·W^k (Z[k] - conj Z[N-k]) / 2,
    /// with W = exp(-2 pi i / Length); bins k and N - k are computed together.
    /// </summary>
    public void Magnitudes(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> magnitudes)
    {
        int n = Half;
        magnitudes[0] = 2 * MathF.Abs(re[0] + im[0]);
        magnitudes[n] = 2 * MathF.Abs(re[0] - im[0]);
        for (int k = 1; k <= n / 2; k++)
        {
            int m = n - k;
            float ar = re[k] + re[m], ai = im[k] - im[m];
            float br = im[k] + im[m], bi = re[m] - re[k];
            float wr = SplitRe[k], wi = SplitIm[k];
            float tr = br * wr - bi * wi, ti = br * wi + bi * wr;
            if (m != k)
                magnitudes[m] = MathF.Sqrt((ar - tr) * (ar - tr) + (ai - ti) * (ai - ti));
            magnitudes[k] = MathF.Sqrt((ar + tr) * (ar + tr) + (ai + ti) * (ai + ti));
        }
    }

    internal static (float Re, float Im) Twiddle(int k, int n)
    {
        double angle = -2 * Math.PI * k / n;
        return ((float)Math.Cos(angle), (float)Math.Sin(angle));
    }

    private static int Reverse(int value, int bits)
    {
        int result = 0;
        for (int b = 0; b < bits; b++)
        {
            result = (result << 1) | (value & 1);
            value >>= 1;
        }
        return result;
    }
}
