using System.Runtime.Intrinsics;

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
        var spans = Plan(samples.Length, options);
        var cuts = new SegmentCut[spans.Count];
        for (int i = 0; i < cuts.Length; i++)
        {
            var (start, end) = spans[i];
            var output = new float[options.Length];
            Normalise(samples[start..end], output);
            cuts[i] = new SegmentCut(start, end, output);
        }
        return cuts;
    }

    /// <summary>Where the segments of <paramref name="count"/> samples lie: (start, end) of each in the source.</summary>
    public static IReadOnlyList<(int Start, int End)> Plan(int count, SegmentOptions options)
    {
        options.Validate();
        int length = options.Length;
        int n = count;
        if (n <= length)
            return [(0, n)];
        var spans = new List<(int Start, int End)>();
        switch (options.Mode)
        {
            case SegmentMode.Centre:
                int front = (n - length) / 2;
                spans.Add((front, front + length));
                break;
            case SegmentMode.Split:
                int whole = n / length * length;
                int start = (n - whole) / 2;
                for (int s = start; s < start + whole; s += length)
                    spans.Add((s, s + length));
                break;
            case SegmentMode.Sliding:
                int hop = options.HopLength;
                // A hop longer than the window can step past the end before any window reaches it: stop there.
                for (int s = 0; s < n; s += hop)
                {
                    int end = Math.Min(s + length, n);
                    spans.Add((s, end));
                    if (end == n)
                        break;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "Unknown segment mode.");
        }
        return spans;
    }

    /// <summary>
    /// Writes one segment: <paramref name="part"/> divided by its 99.9th percentile of |x| (plus eps), clipped to
    /// [-1, 1] and centred in <paramref name="destination"/> (the segment length) between zeros, floor in front.
    /// </summary>
    public static void Normalise(ReadOnlySpan<float> part, Span<float> destination)
    {
        if (part.Length > destination.Length)
            throw new ArgumentException($"A part of {part.Length} samples does not fit a segment of {destination.Length}.", nameof(destination));
        double scale = 1.0 / (Percentile.OfMagnitudes(part, NormalisationPercentile) + Epsilon);
        int pad = (destination.Length - part.Length) / 2;
        destination[..pad].Clear();
        destination[(pad + part.Length)..].Clear();
        Scale(part, scale, destination.Slice(pad, part.Length));
    }

    // destination[i] = (float)clamp(source[i] * scale, -1, 1) in float64 as the reference computes it, four at a
    // time: the same IEEE operations lane by lane, so bit for bit the scalar result (tested against it exactly).
    private static void Scale(ReadOnlySpan<float> source, double scale, Span<float> destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var factor = Vector256.Create(scale);
            var lowest = Vector256.Create(-1.0);
            var highest = Vector256.Create(1.0);
            for (; i + Vector256<float>.Count <= source.Length; i += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(source.Slice(i, Vector256<float>.Count)));
                low = Vector256.Min(Vector256.Max(low * factor, lowest), highest);
                high = Vector256.Min(Vector256.Max(high * factor, lowest), highest);
                Vector256.Narrow(low, high).CopyTo(destination.Slice(i, Vector256<float>.Count));
            }
        }
        for (; i < source.Length; i++)
            destination[i] = (float)Math.Clamp(source[i] * scale, -1.0, 1.0);
    }
}

/// <summary>One segment: the span of the source it covers (in samples) and its normalised, padded samples.</summary>
/// <param name="Start">First source sample covered.</param>
/// <param name="End">One past the last source sample covered.</param>
/// <param name="Samples">Exactly <see cref="SegmentOptions.Length"/> samples.</param>
public sealed record SegmentCut(int Start, int End, float[] Samples);
