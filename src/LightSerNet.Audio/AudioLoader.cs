using LightSerNet.Audio.Resampling;
using LightSerNet.Audio.Wave;

namespace LightSerNet.Audio;

/// <summary>Decodes a WAV file to mono and brings it to the model's sample rate.</summary>
public static class AudioLoader
{
    /// <summary>The rate every model of the paper works at.</summary>
    public const int ModelSampleRate = 16000;

    /// <summary>Reads <paramref name="path"/>, mixes it to mono and resamples it to <paramref name="sampleRate"/>.</summary>
    public static AudioClip Load(string path, int sampleRate = ModelSampleRate)
    {
        var clip = WaveReader.ReadMono(path);
        return clip.SampleRate == sampleRate
            ? clip
            : new AudioClip(new PolyphaseResampler(clip.SampleRate, sampleRate).Process(clip.Samples), sampleRate);
    }
}
