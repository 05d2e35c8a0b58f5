namespace LightSerNet.Inference.Prediction;

/// <summary>A span of a file in samples: [Start, End).</summary>
/// <param name="Start">First sample.</param>
/// <param name="End">One past the last sample.</param>
internal readonly record struct SampleSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Where the windows of a file lie. A file no longer than the window is one window (padded as in training); a longer
/// one gets a window every hop from the start, the last one reaching the end, so nothing is silently dropped.
/// </summary>
internal static class WindowPlan
{
    public static IReadOnlyList<SampleSpan> Spans(int samples, int window, int hop)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        if (samples <= window)
            return [new SampleSpan(0, samples)];
        var spans = new List<SampleSpan>();
        for (int start = 0; start < samples; start += hop)
        {
            int end = Math.Min(start + window, samples);
            spans.Add(new SampleSpan(start, end));
            if (end == samples)
                break;
        }
        return spans;
    }
}
