using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LightSerNet.Features.Dsp;

/// <summary>
/// tf.signal.linear_to_mel_weight_matrix, stored sparsely: each band keeps only the contiguous run of spectrogram bins
/// where its triangle is non-zero (about 950 weights instead of 513 x 128 for the paper's settings).
/// </summary>
/// <remarks>
/// As tf computes it: HTK mel m(f) = 1127 ln(1 + f / 700); spectrogram bin k sits at k · (SampleRate / 2) / (Bins - 1) Hz;
/// MelBins + 2 edges equally spaced in mel from LowerHz to UpperHz; band b rises linearly in mel from edge b to edge
/// b + 1 and falls to edge b + 2; no area normalisation; the DC bin gets no weight (HTK leaves it out). Computed in
/// double, rounded once to float.
/// </remarks>
internal sealed class MelFilterBank
{
    /// <summary>Spectrogram bins the bank reads.</summary>
    public int Bins { get; }

    /// <summary>Mel bands it produces.</summary>
    public int Bands { get; }

    /// <summary>First bin of each band's non-zero run.</summary>
    public int[] Start { get; }

    /// <summary>Length of each band's run (0 when a band falls between two bins).</summary>
    public int[] Count { get; }

    /// <summary>Where each band's weights begin in <see cref="Weights"/>.</summary>
    public int[] Offset { get; }

    /// <summary>All runs' weights, band after band.</summary>
    public float[] Weights { get; }

    public MelFilterBank(int bins, int bands, int sampleRate, double lowerHz, double upperHz)
    {
        Bins = bins;
        Bands = bands;
        var dense = DenseWeights(bins, bands, sampleRate, lowerHz, upperHz);
        Start = new int[bands];
        Count = new int[bands];
        Offset = new int[bands];
        var weights = new List<float>();
        for (int b = 0; b < bands; b++)
        {
            int first = -1, last = -1;
            for (int k = 0; k < bins; k++)
            {
                if (dense[k, b] > 0)
                {
                    if (first < 0) first = k;
                    last = k;
                }
            }
            Offset[b] = weights.Count;
            if (first < 0)
                continue;
            Start[b] = first;
            Count[b] = last - first + 1;
            for (int k = first; k <= last; k++)
                weights.Add((float)dense[k, b]);
        }
        Weights = [.. weights];
    }

    /// <summary>The full matrix, bins x bands, exactly as tf returns it (rows are spectrogram bins), in double.</summary>
    public static double[,] DenseWeights(int bins, int bands, int sampleRate, double lowerHz, double upperHz)
    {
        double nyquist = sampleRate / 2.0;
        double lowerMel = HertzToMel(lowerHz), upperMel = HertzToMel(upperHz);
        var edges = new double[bands + 2];
        for (int i = 0; i < edges.Length; i++)
            edges[i] = lowerMel + i * (upperMel - lowerMel) / (bands + 1);
        var matrix = new double[bins, bands];
        for (int k = 1; k < bins; k++)
        {
            double mel = HertzToMel(k * nyquist / (bins - 1));
            for (int b = 0; b < bands; b++)
            {
                double rising = (mel - edges[b]) / (edges[b + 1] - edges[b]);
                double falling = (edges[b + 2] - mel) / (edges[b + 2] - edges[b + 1]);
                matrix[k, b] = Math.Max(0, Math.Min(rising, falling));
            }
        }
        return matrix;
    }

    /// <summary>The sparse bank expanded back to bins x bands, row-major, as the float weights it applies.</summary>
    public float[] ToDense()
    {
        var dense = new float[Bins * Bands];
        for (int b = 0; b < Bands; b++)
        {
            for (int i = 0; i < Count[b]; i++)
                dense[(Start[b] + i) * Bands + b] = Weights[Offset[b] + i];
        }
        return dense;
    }

    /// <summary>HTK's mel scale in the natural-log form tf uses.</summary>
    public static double HertzToMel(double hertz) => 1127.0 * Math.Log(1.0 + hertz / 700.0);

    /// <summary>mel[b] = sum over the band's run of weight · magnitude[k], then log(mel[b] + offset).</summary>
    public void ApplyLog(ReadOnlySpan<float> magnitudes, Span<float> logMel, float offset)
    {
        for (int b = 0; b < Bands; b++)
        {
            var run = magnitudes.Slice(Start[b], Count[b]);
            var weights = Weights.AsSpan(Offset[b], Count[b]);
            float sum = 0;
            for (int i = 0; i < run.Length; i++)
                sum += weights[i] * run[i];
            logMel[b] = sum;
        }
        Log(logMel[..Bands], offset);
    }

    /// <summary>The same, for eight frames at once, one per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyLog(ReadOnlySpan<Vector256<float>> magnitudes, Span<Vector256<float>> logMel, float offset)
    {
        float[] weights = Weights;
        int[] start = Start, count = Count, at = Offset;
        var add = Vector256.Create(offset);
        logMel = logMel[..Bands];
        for (int b = 0; b < logMel.Length; b++)
        {
            var run = magnitudes.Slice(start[b], count[b]);
            var bandWeights = weights.AsSpan(at[b], run.Length);
            var sum = Vector256<float>.Zero;
            for (int i = 0; i < run.Length; i++)
                sum = LaneMath.MultiplyAdd(Vector256.Create(bandWeights[i]), run[i], sum);
            logMel[b] = LaneMath.Log(sum + add);
        }
    }

    // tf: log(mel + offset) in float32; TensorPrimitives vectorises both steps.
    private static void Log(Span<float> values, float offset)
    {
        System.Numerics.Tensors.TensorPrimitives.Add(values, offset, values);
        System.Numerics.Tensors.TensorPrimitives.Log(values, values);
    }
}
