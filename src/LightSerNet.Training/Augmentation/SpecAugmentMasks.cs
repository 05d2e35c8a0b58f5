using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Augmentation;

/// <summary>
/// SpecAugment's masks (Park et al. 2019, without time warping) for one clip in one epoch: each width is uniform in
/// 0..max and each start uniform over the positions where the mask fits, as in the paper. Masked values become the
/// clip's own mean of that coefficient, not 0: MFCC coefficients have very different ranges (c0 follows the
/// loudness, the higher ones stay nearer 0, all within the [-10, 10] clip), so 0 would be an unusual value for some
/// and would pull the batch-norm statistics, while the mean carries no information about what was masked.
/// </summary>
internal sealed record SpecAugmentMasks(IReadOnlyList<MaskSpan> Time, IReadOnlyList<MaskSpan> Coefficient)
{
    /// <summary>The masks for a clip of <paramref name="frames"/> x <paramref name="coefficients"/>, from <paramref name="seed"/>.</summary>
    public static SpecAugmentMasks Draw(int frames, int coefficients, AugmentationOptions options, ulong seed)
    {
        ulong state = seed;
        var time = Spans(ref state, options.TimeMasks, options.MaxTimeMaskFrames, frames);
        var coefficient = Spans(ref state, options.CoefficientMasks, options.MaxCoefficientMaskWidth, coefficients);
        return new SpecAugmentMasks(time, coefficient);
    }

    /// <summary>Masks <paramref name="clip"/> (frames x coefficients, row-major) in place.</summary>
    public void Apply(Span<float> clip, int frames, int coefficients)
    {
        var mean = new float[coefficients];
        var sum = new double[coefficients];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < coefficients; c++)
                sum[c] += clip[f * coefficients + c];
        }
        for (int c = 0; c < coefficients; c++)
            mean[c] = (float)(sum[c] / frames);
        foreach (var span in Time)
        {
            for (int f = span.Start; f < span.End; f++)
                mean.CopyTo(clip.Slice(f * coefficients, coefficients));
        }
        foreach (var span in Coefficient)
        {
            for (int f = 0; f < frames; f++)
            {
                for (int c = span.Start; c < span.End; c++)
                    clip[f * coefficients + c] = mean[c];
            }
        }
    }

    private static MaskSpan[] Spans(ref ulong state, int count, int maxWidth, int extent)
    {
        var spans = new MaskSpan[count];
        for (int i = 0; i < count; i++)
        {
            int width = SeededOrder.Below(ref state, Math.Min(maxWidth, extent) + 1);
            spans[i] = new MaskSpan(SeededOrder.Below(ref state, extent - width + 1), width);
        }
        return spans;
    }
}

/// <summary>A run of masked frames or coefficients.</summary>
/// <param name="Start">First masked index.</param>
/// <param name="Width">Masked indices (0: no mask).</param>
internal readonly record struct MaskSpan(int Start, int Width)
{
    /// <summary>One past the last masked index.</summary>
    public int End => Start + Width;
}
