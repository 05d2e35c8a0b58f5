namespace LightSerNet.Audio.Segmentation;

/// <summary>How to cut segments: length and hop in seconds at <see cref="SampleRate"/>.</summary>
/// <param name="Duration">Segment length in seconds (3 for EMO-DB in the paper).</param>
/// <param name="Mode">Centre, Split or Sliding.</param>
/// <param name="Hop">Step between Sliding windows in seconds; ignored by the other modes.</param>
/// <param name="SampleRate">Rate the segments are cut at.</param>
public sealed record SegmentOptions(double Duration = 3, SegmentMode Mode = SegmentMode.Centre, double? Hop = null, int SampleRate = 16000)
{
    /// <summary>Segment length in samples.</summary>
    public int Length => checked((int)Math.Round(Duration * SampleRate));

    /// <summary>Sliding hop in samples (the segment length when no hop was given).</summary>
    public int HopLength => Hop is { } hop ? checked((int)Math.Round(hop * SampleRate)) : Length;

    /// <summary>Throws when the options cannot cut anything.</summary>
    public SegmentOptions Validate()
    {
        // Checked before Length/HopLength are computed, so an infinite or huge value is an argument error, not an overflow.
        double maxSeconds = (double)int.MaxValue / SampleRate;
        if (SampleRate < 1)
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "The sample rate must be positive.");
        if (!(Duration > 0) || Duration > maxSeconds || Length < 1)
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, $"The segment duration must be between 1 sample and {maxSeconds:F0} seconds.");
        if (Hop is { } hop && (!(hop > 0) || hop > maxSeconds || HopLength < 1))
            throw new ArgumentOutOfRangeException(nameof(Hop), hop, $"The hop must be between 1 sample and {maxSeconds:F0} seconds.");
        return this;
    }
}
