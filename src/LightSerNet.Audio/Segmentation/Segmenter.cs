namespace LightSerNet.Audio.Segmentation;

/// <summary>
/// Cuts 16 kHz mono audio into fixed-length segments exactly as the reference's segmentation step
/// does: trim, divide by the 99.9th percentile of |x|, clip to [-1, 1], zero-pad symmetrically.
/// </summary>
public static class Segmenter
{
    private const double NormalisationPercentile = 99.9;

    // numpy's float64 machine epsilon, which the reference adds to the percentile.
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Decodes <paramref name="audio"/>, resamples it and cuts it into segments.</summary>
    public static IReadOnlyList<SerSegment> Segment(SerAudio audio, SegmentOptions options)
    {
        var clip = AudioLoader.Load(audio.Path, options.SampleRate);
        var cuts = Cut(clip.Samples, options);
        var segments = new SerSegment[cuts.Count];
        for (int i = 0; i < cuts.Count; i++)
        {
            var cut = cuts[i];
            segments[i] = new SerSegment(audio.Path, audio.Dataset, audio.Label, audio.Speaker, i,
                (double)cut.Start / options.SampleRate, (double)cut.End / options.SampleRate, options.SampleRate, cut.Samples);
        }
        return segments;
    }

    /// <summary>Cuts samples at <see cref="SegmentOptions.SampleRate"/> into normalised, padded segments.</summary>
    public static IReadOnlyList<SegmentCut> Cut(ReadOnlySpan<float> samples, SegmentOptions options)
    {
        options.Validate();
        int length = options.Length;
        int n = samples.Length;
        var cuts = new List<SegmentCut>();
        if (n <= length)
        {
            cuts.Add(Make(samples, 0, n, length));
            return cuts;
        }
        switch (options.Mode)
        {
            case SegmentMode.Centre:
                int front = (n - length) / 2;
                cuts.Add(Make(samples, front, front + length, length));
                break;
            case SegmentMode.Split:
                int whole = n / length * length;
                int start = (n - whole) / 2;
                for (int s = start; s < start + whole; s += length)
                    cuts.Add(Make(samples, s, s + length, length));
                break;
            case SegmentMode.Sliding:
                int hop = options.HopLength;
                // A hop longer than the window can step past the end before any window reaches it: stop there.
                for (int s = 0; s < n; s += hop)
                {
                    int end = Math.Min(s + length, n);
                    cuts.Add(Make(samples, s, end, length));
                    if (end == n)
                        break;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "Unknown segment mode.");
        }
        return cuts;
    }

    private static SegmentCut Make(ReadOnlySpan<float> samples, int start, int end, int length)
    {
        var part = samples[start..end];
        double scale = 1.0 / (Percentile.OfMagnitudes(part, NormalisationPercentile) + Epsilon);
        var output = new float[length];
        int pad = (length - part.Length) / 2;
        for (int i = 0; i < part.Length; i++)
            output[pad + i] = (float)Math.Clamp(part[i] * scale, -1.0, 1.0);
        return new SegmentCut(start, end, output);
    }
}

/// <summary>One segment: the span of the source it covers (in samples) and its normalised, padded samples.</summary>
/// <param name="Start">First source sample covered.</param>
/// <param name="End">One past the last source sample covered.</param>
/// <param name="Samples">Exactly <see cref="SegmentOptions.Length"/> samples.</param>
public sealed record SegmentCut(int Start, int End, float[] Samples);
