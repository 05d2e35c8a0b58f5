namespace LightSerNet.Audio;

/// <summary>A fixed-length, normalised piece of one source file: what features are computed from.</summary>
/// <param name="Source">Path of the file it was cut from.</param>
/// <param name="Dataset">Corpus of the source, or "File".</param>
/// <param name="Label">Emotion of the source, or null.</param>
/// <param name="Speaker">Speaker of the source, or null.</param>
/// <param name="Index">Position of this segment among the source's segments, from 0.</param>
/// <param name="Start">Start of the covered span of the source, in seconds.</param>
/// <param name="End">End of the covered span of the source, in seconds.</param>
/// <param name="SampleRate">Rate of <paramref name="Samples"/>.</param>
/// <param name="Samples">The segment: normalised to [-1, 1], zero-padded to the full length.</param>
public sealed record SerSegment(
    string Source,
    string Dataset,
    string? Label,
    string? Speaker,
    int Index,
    double Start,
    double End,
    int SampleRate,
    float[] Samples)
{
    /// <summary>Length of the segment in seconds, padding included.</summary>
    public double Duration => (double)Samples.Length / SampleRate;
}
