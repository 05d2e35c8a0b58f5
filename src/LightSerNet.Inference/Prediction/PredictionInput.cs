using LightSerNet.Audio;

namespace LightSerNet.Inference.Prediction;

/// <summary>What to label: a file to decode, or samples already in memory (a segment).</summary>
/// <param name="Path">The file, or the source a segment was cut from.</param>
public sealed record PredictionInput(string Path)
{
    /// <summary>Samples to label instead of decoding <see cref="Path"/>, or null.</summary>
    public AudioClip? Audio { get; init; }

    /// <summary>Where <see cref="Audio"/> starts in the source, in seconds; reported times are shifted by it.</summary>
    public double Offset { get; init; }

    /// <summary>End of the covered span in the source (a segment's padding is not covered), or null for the whole audio.</summary>
    public double? End { get; init; }

    /// <summary>
    /// True when <see cref="Audio"/> is a segment cut and normalised as training does: one of the model's clip length
    /// at its rate is then used as it is, exactly as ConvertTo-Segment | Get-Mfcc would feed it.
    /// </summary>
    public bool IsSegment { get; init; }

    /// <summary>A file to decode.</summary>
    public static PredictionInput FromFile(string path) => new(path);

    /// <summary>A segment from ConvertTo-Segment.</summary>
    public static PredictionInput FromSegment(SerSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new PredictionInput(segment.Source)
        {
            Audio = new AudioClip(segment.Samples, segment.SampleRate),
            Offset = segment.Start,
            End = segment.End,
            IsSegment = true,
        };
    }
}
