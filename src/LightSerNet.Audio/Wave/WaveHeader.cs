namespace LightSerNet.Audio.Wave;

/// <summary>What a WAVE file's chunks say about its audio, validated against the file's real size.</summary>
/// <param name="Encoding">Sample encoding after unwrapping WAVE_FORMAT_EXTENSIBLE.</param>
/// <param name="Channels">Interleaved channels per frame.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Container size of one sample in bits (8, 16, 24, 32 or 64).</param>
/// <param name="BlockAlign">Bytes per frame.</param>
/// <param name="DataOffset">File offset of the first sample byte.</param>
/// <param name="DataLength">Bytes of sample data that really are in the file.</param>
public sealed record WaveHeader(
    WaveEncoding Encoding,
    int Channels,
    int SampleRate,
    int BitsPerSample,
    int BlockAlign,
    long DataOffset,
    long DataLength)
{
    /// <summary>Complete frames in the data chunk; a trailing partial frame is ignored.</summary>
    public long FrameCount => DataLength / BlockAlign;

    /// <summary>Length of the audio in seconds.</summary>
    public double Duration => (double)FrameCount / SampleRate;
}
