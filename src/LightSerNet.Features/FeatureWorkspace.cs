using System.Runtime.Intrinsics;

namespace LightSerNet.Features;

/// <summary>
/// Scratch buffers for one thread's feature computation, made once and reused for every clip, so the per-clip path
/// allocates nothing. Not thread-safe: one workspace per thread (<see cref="FeatureExtractor.CreateWorkspace"/>).
/// </summary>
public sealed class FeatureWorkspace
{
    internal FeaturePlan Plan { get; }

    // Lane pipeline: one Vector256 per point holds that point of eight frames. Real and imaginary parts share one
    // array with a 256-byte gap between them: for the paper's FFT each part is exactly 16 KiB, so without the gap
    // re[j] and im[j] fall in the same L1 set, and the last FFT pass (eight streams 4 KiB apart) ran at half speed.
    private const int LaneGap = 8;
    private readonly Vector256<float>[] _laneComplex = [];
    private readonly int _half;
    internal Span<Vector256<float>> LaneRe => _laneComplex.AsSpan(0, _half);
    internal Span<Vector256<float>> LaneIm => _laneComplex.AsSpan(_half + LaneGap, _half);
    internal Vector256<float>[] LaneMagnitudes { get; } = [];
    internal Vector256<float>[] LaneMel { get; } = [];
    internal Vector256<float>[] LaneCoefficients { get; } = [];

    // Scalar pipeline: one frame at a time.
    internal float[] Re { get; } = [];
    internal float[] Im { get; } = [];
    internal float[] Magnitudes { get; } = [];
    internal float[] Mel { get; } = [];
    internal float[] Coefficients { get; } = [];

    internal FeatureWorkspace(FeaturePlan plan)
    {
        Plan = plan;
        var config = plan.Config;
        int half = plan.Fft.Half;
        _half = half;
        if (plan.UseLanes)
        {
            _laneComplex = new Vector256<float>[2 * half + LaneGap];
            LaneMagnitudes = new Vector256<float>[half + 1];
            LaneMel = new Vector256<float>[config.MelBins];
            LaneCoefficients = new Vector256<float>[config.Coefficients];
        }
        else
        {
            Re = new float[half];
            Im = new float[half];
            Magnitudes = new float[half + 1];
            Mel = new float[config.MelBins];
            Coefficients = new float[config.Coefficients];
        }
    }
}
