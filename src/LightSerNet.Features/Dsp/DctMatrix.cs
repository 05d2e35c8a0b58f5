using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LightSerNet.Features.Dsp;

/// <summary>
/// tf.signal.mfccs_from_log_mel_spectrograms as a small matrix: an unnormalised DCT-II of the log-mel bands times
/// rsqrt(2 · bands), of which the first <see cref="Coefficients"/> are kept, then clipped to [-clip, clip]:
/// c[k] = 2 / sqrt(2M) · sum over n of x[n] · cos(pi k (2n + 1) / (2M)). A 40 x 128 product costs less than a fast DCT's
/// bookkeeping and needs only the coefficients kept.
/// </summary>
internal sealed class DctMatrix
{
    /// <summary>Log-mel bands in.</summary>
    public int Bands { get; }

    /// <summary>Coefficients out.</summary>
    public int Coefficients { get; }

    /// <summary>Entries band-major: [n · Coefficients + k], so one band's broadcast feeds a run of coefficients.</summary>
    public float[] ByBand { get; }

    public DctMatrix(int bands, int coefficients)
    {
        Bands = bands;
        Coefficients = coefficients;
        ByBand = new float[bands * coefficients];
        double scale = 2.0 / Math.Sqrt(2.0 * bands);
        for (int n = 0; n < bands; n++)
        {
            for (int k = 0; k < coefficients; k++)
                ByBand[n * coefficients + k] = (float)(scale * Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * bands)));
        }
    }

    /// <summary>The kept coefficients of one frame's log-mel bands, clipped.</summary>
    public void Apply(ReadOnlySpan<float> logMel, Span<float> coefficients, float clip)
    {
        var output = coefficients[..Coefficients];
        output.Clear();
        for (int n = 0; n < Bands; n++)
        {
            float x = logMel[n];
            var row = ByBand.AsSpan(n * Coefficients, Coefficients);
            for (int k = 0; k < output.Length; k++)
                output[k] += row[k] * x;
        }
        for (int k = 0; k < output.Length; k++)
            output[k] = Math.Clamp(output[k], -clip, clip);
    }

    /// <summary>The same product for eight frames at once, one per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(ReadOnlySpan<Vector256<float>> logMel, Span<Vector256<float>> coefficients, float clip)
    {
        var high = Vector256.Create(clip);
        var low = -high;
        float[] matrix = ByBand;
        int count = Coefficients, bands = Bands;
        logMel = logMel[..bands];
        int k = 0;
        // Eight coefficients per sweep over the bands: eight independent accumulators hide the FMA latency.
        for (; k + 8 <= count; k += 8)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
            for (int n = 0; n < bands; n++)
            {
                var x = logMel[n];
                int at = n * count + k;
                c0 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at]), x, c0);
                c1 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 1]), x, c1);
                c2 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 2]), x, c2);
                c3 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 3]), x, c3);
                c4 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 4]), x, c4);
                c5 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 5]), x, c5);
                c6 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 6]), x, c6);
                c7 = LaneMath.MultiplyAdd(Vector256.Create(matrix[at + 7]), x, c7);
            }
            coefficients[k] = Vector256.Min(Vector256.Max(c0, low), high);
            coefficients[k + 1] = Vector256.Min(Vector256.Max(c1, low), high);
            coefficients[k + 2] = Vector256.Min(Vector256.Max(c2, low), high);
            coefficients[k + 3] = Vector256.Min(Vector256.Max(c3, low), high);
            coefficients[k + 4] = Vector256.Min(Vector256.Max(c4, low), high);
            coefficients[k + 5] = Vector256.Min(Vector256.Max(c5, low), high);
            coefficients[k + 6] = Vector256.Min(Vector256.Max(c6, low), high);
            coefficients[k + 7] = Vector256.Min(Vector256.Max(c7, low), high);
        }
        for (; k < count; k++)
        {
            var c = Vector256<float>.Zero;
            for (int n = 0; n < bands; n++)
                c = LaneMath.MultiplyAdd(Vector256.Create(matrix[n * count + k]), logMel[n], c);
            coefficients[k] = Vector256.Min(Vector256.Max(c, low), high);
        }
    }
}
