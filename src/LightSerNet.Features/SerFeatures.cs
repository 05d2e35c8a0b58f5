namespace LightSerNet.Features;

/// <summary>
/// Features of one segment: a frames x coefficients matrix (row-major in <see cref="Data"/>), the settings that made
/// it, and the segment's label, speaker and source, so a training set can be built from these objects alone.
/// </summary>
/// <param name="Source">Path of the file the segment was cut from.</param>
/// <param name="Dataset">Corpus of the source, or "File".</param>
/// <param name="Label">Emotion of the source, or null.</param>
/// <param name="Speaker">Speaker of the source, or null.</param>
/// <param name="Index">Position of the segment among its source's segments, from 0.</param>
/// <param name="Config">The settings the features were computed with.</param>
/// <param name="Frames">Rows of <see cref="Data"/>: one per STFT frame.</param>
/// <param name="Data">Frames x <see cref="Coefficients"/> values, frame after frame.</param>
public sealed record SerFeatures(
    string Source,
    string Dataset,
    string? Label,
    string? Speaker,
    int Index,
    FeatureConfig Config,
    int Frames,
    float[] Data)
{
    /// <summary>What the values are: Mfcc, Spectrogram or MelSpectrogram.</summary>
    public FeatureKind Kind => Config.Kind;

    /// <summary>Values per frame (columns of <see cref="Data"/>): coefficients, mel bins or spectrogram bins.</summary>
    public int Coefficients => Config.Width;

    /// <summary>Value at <paramref name="frame"/>, <paramref name="coefficient"/>.</summary>
    public float this[int frame, int coefficient]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(coefficient);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(coefficient, Coefficients);
            return Data[checked(frame * Coefficients + coefficient)];
        }
    }

    /// <summary>A copy of one frame's values.</summary>
    public float[] GetFrame(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames);
        return Data.AsSpan(frame * Coefficients, Coefficients).ToArray();
    }
}
