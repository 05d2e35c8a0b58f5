using NAudio.Dsp;
using NAudio.Wave;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// NAudio.Core 3.3.0 as an independent second implementation: a WAV reader and a sinc resampler written by
/// other people from other specs, so agreement with ours is evidence rather than a restatement of our code.
/// </summary>
internal static class NAudioOracle
{
    /// <summary>NAudio's samples, mixed to mono by the mean of the channels (computed in double).</summary>
    public static (float[] Samples, int SampleRate) ReadMono(byte[] file)
    {
        using var reader = new WaveFileReader(new MemoryStream(file));
        return ReadMono(reader);
    }

    public static (float[] Samples, int SampleRate) ReadMono(string path)
    {
        using var reader = new WaveFileReader(path);
        return ReadMono(reader);
    }

    private static (float[] Samples, int SampleRate) ReadMono(WaveFileReader reader)
    {
        var provider = reader.ToSampleProvider();
        int channels = provider.WaveFormat.Channels;
        var interleaved = new List<float>();
        var buffer = new float[channels * 4096];
        int got;
        while ((got = provider.Read(buffer.AsSpan())) > 0)
            interleaved.AddRange(buffer.AsSpan(0, got).ToArray());
        var mono = new float[interleaved.Count / channels];
        for (int f = 0; f < mono.Length; f++)
        {
            double sum = 0;
            for (int c = 0; c < channels; c++)
                sum += interleaved[f * channels + c];
            mono[f] = (float)(sum / channels);
        }
        return (mono, provider.WaveFormat.SampleRate);
    }

    /// <summary>
    /// WDL in windowed-sinc mode (1024 taps, 256 interpolation steps), input-driven, then flushed with zeros.
    /// In this mode WDL drops its own latency, so its output sample k sits at time k / outputRate like ours.
    /// </summary>
    public static float[] Resample(float[] input, int inputRate, int outputRate)
    {
        var resampler = new WdlResampler();
        resampler.SetMode(false, 0, true, 1024, 256);
        resampler.SetFeedMode(true);
        resampler.SetRates(inputRate, outputRate);
        var output = new List<float>();
        var block = new float[8192];
        int position = 0;
        while (position < input.Length)
        {
            int want = resampler.ResamplePrepare(Math.Min(4096, input.Length - position), 1, out Span<float> into);
            want = Math.Min(want, input.Length - position);
            input.AsSpan(position, want).CopyTo(into);
            int got = resampler.ResampleOut(block, want, block.Length, 1);
            output.AddRange(block.AsSpan(0, got).ToArray());
            position += want;
        }
        long expected = (long)Math.Ceiling((double)input.Length * outputRate / inputRate);
        while (output.Count < expected)
        {
            int want = resampler.ResamplePrepare(4096, 1, out Span<float> into);
            into[..want].Clear();
            int got = resampler.ResampleOut(block, want, block.Length, 1);
            output.AddRange(block.AsSpan(0, got).ToArray());
        }
        return output.GetRange(0, (int)expected).ToArray();
    }
}
