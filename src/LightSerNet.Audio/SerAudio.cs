using LightSerNet.Audio.Wave;

namespace LightSerNet.Audio;

/// <summary>
/// One utterance of a corpus or one file a user gave: where it is, what it is labelled and what its header
/// says. Samples are not held: they are decoded when a later stage asks (<see cref="ReadSamples"/>).
/// </summary>
public sealed record SerAudio
{
    /// <summary>Full path of the WAV file.</summary>
    public required string Path { get; init; }

    /// <summary>Corpus the file came from (EmoDb, Iemocap, ..., Folder, Csv) or "File".</summary>
    public required string Dataset { get; init; }

    /// <summary>Utterance identifier (the file name without extension for most corpora).</summary>
    public required string Id { get; init; }

    /// <summary>Canonical lower-case emotion (anger, boredom, ...), or null when unlabelled.</summary>
    public string? Label { get; init; }

    /// <summary>Speaker identifier as the corpus names it, or null when unknown.</summary>
    public string? Speaker { get; init; }

    /// <summary>"female" or "male" when the corpus says, else null.</summary>
    public string? Gender { get; init; }

    /// <summary>Sample rate of the file in Hz.</summary>
    public int SampleRate { get; init; }

    /// <summary>Channels in the file (they are mixed to mono when decoded).</summary>
    public int Channels { get; init; }

    /// <summary>Length in seconds.</summary>
    public double Duration { get; init; }

    /// <summary>Reads the header of <paramref name="path"/> and describes it; throws <see cref="WaveFormatException"/> for bad files.</summary>
    public static SerAudio FromFile(string path, string dataset = "File", string? label = null, string? speaker = null,
        string? gender = null, string? id = null)
    {
        var header = WaveReader.ReadHeader(path);
        return new SerAudio
        {
            Path = path,
            Dataset = dataset,
            Id = id ?? System.IO.Path.GetFileNameWithoutExtension(path),
            Label = label,
            Speaker = speaker,
            Gender = gender,
            SampleRate = header.SampleRate,
            Channels = header.Channels,
            Duration = header.Duration,
        };
    }

    /// <summary>Decodes the file to mono at <paramref name="sampleRate"/> (16 kHz by default).</summary>
    public AudioClip ReadSamples(int sampleRate = AudioLoader.ModelSampleRate) => AudioLoader.Load(Path, sampleRate);
}
