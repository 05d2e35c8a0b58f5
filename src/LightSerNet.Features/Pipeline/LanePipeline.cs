using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LightSerNet.Features.Dsp;

namespace LightSerNet.Features.Pipeline;

/// <summary>
/// The feature pipeline eight frames at a time, one frame per Vector256 lane: window, FFT, magnitudes, mel, log and
/// DCT all run lane-parallel with broadcast constants, and only the final rows are scattered back to frame-major
/// order. A last group with fewer than eight frames repeats the clip's last frame in the spare lanes and drops them.
/// </summary>
internal static class LanePipeline
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(FeaturePlan plan, ReadOnlySpan<float> samples, int frames, Span<float> destination, FeatureWorkspace workspace)
    {
        var config = plan.Config;
        int width = config.Width;
        var fft = plan.Fft;
        Span<int> offsets = stackalloc int[LaneMath.Lanes];
        for (int first = 0; first < frames; first += LaneMath.Lanes)
        {
            int count = Math.Min(LaneMath.Lanes, frames - first);
            for (int l = 0; l < LaneMath.Lanes; l++)
                offsets[l] = Math.Min(first + l, frames - 1) * config.FrameStep;
            LaneRealFft.Load(fft, samples, offsets, plan.Window, workspace.LaneRe, workspace.LaneIm);
            LaneRealFft.Transform(fft, workspace.LaneRe, workspace.LaneIm);
            LaneRealFft.Magnitudes(fft, workspace.LaneRe, workspace.LaneIm, workspace.LaneMagnitudes);
            ReadOnlySpan<Vector256<float>> result = workspace.LaneMagnitudes;
            if (config.Kind != FeatureKind.Spectrogram)
            {
                plan.Mel!.ApplyLog(workspace.LaneMagnitudes, workspace.LaneMel, plan.LogOffset);
                result = workspace.LaneMel;
                if (config.Kind == FeatureKind.Mfcc)
                {
                    plan.Dct!.Apply(workspace.LaneMel, workspace.LaneCoefficients, plan.Clip);
                    result = workspace.LaneCoefficients;
                }
            }
            Scatter(result[..width], destination.Slice(first * width, count * width), count, width);
        }
    }

    // Lane l of vector c is frame (first + l), column c: write it to row l of the destination block. Eight columns
    // at a time are transposed into eight row pieces; the last width % 8 columns go value by value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(ReadOnlySpan<Vector256<float>> columns, Span<float> rows, int count, int width)
    {
        int c = 0;
        for (; c + LaneMath.Lanes <= width; c += LaneMath.Lanes)
        {
            var v0 = columns[c]; var v1 = columns[c + 1]; var v2 = columns[c + 2]; var v3 = columns[c + 3];
            var v4 = columns[c + 4]; var v5 = columns[c + 5]; var v6 = columns[c + 6]; var v7 = columns[c + 7];
            LaneMath.Transpose(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
            Store(v0, rows, 0, count, width, c); Store(v1, rows, 1, count, width, c);
            Store(v2, rows, 2, count, width, c); Store(v3, rows, 3, count, width, c);
            Store(v4, rows, 4, count, width, c); Store(v5, rows, 5, count, width, c);
            Store(v6, rows, 6, count, width, c); Store(v7, rows, 7, count, width, c);
        }
        var values = MemoryMarshal.Cast<Vector256<float>, float>(columns);
        for (; c < width; c++)
        {
            for (int l = 0; l < count; l++)
                rows[l * width + c] = values[c * LaneMath.Lanes + l];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> piece, Span<float> rows, int lane, int count, int width, int column)
    {
        if (lane < count)
            piece.CopyTo(rows.Slice(lane * width + column, LaneMath.Lanes));
    }
}
