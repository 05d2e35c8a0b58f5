using System.Text;
using static LightSerNet.Audio.Tests.WaveReaderFormatTests;

namespace LightSerNet.Audio.Tests;

/// <summary>Generated files decoded by our reader and by NAudio.Core 3.3.0 give the same mono samples.</summary>
public sealed class WaveReaderOracleTests
{
    private const int Frames = 5000;

    public static TheoryData<string> Files => ["pcm16-mono", "pcm24-stereo-48k", "float32-extensible", "list-with-data-word", "pcm8-stereo", "pcm32-6ch", "rf64-float64"];

    [Theory]
    [MemberData(nameof(Files))]
    public void MatchesNAudio(string kind)
    {
        var file = Build(kind);

        var ours = Read(file, kind + ".wav");
        var (theirs, rate) = NAudioOracle.ReadMono(file);

        Assert.Equal(rate, ours.SampleRate);
        Assert.Equal(theirs.Length, ours.Samples.Length);
        Assert.Equal(Frames, ours.Samples.Length);
        for (int i = 0; i < theirs.Length; i++)
            Assert.True(Math.Abs(theirs[i] - ours.Samples[i]) <= 1e-6, $"{kind}: sample {i}: NAudio {theirs[i]}, ours {ours.Samples[i]}");
    }

    private static byte[] Build(string kind)
    {
        var random = new Random(kind.Sum(c => c));
        int[] Codes(int channels, int bits) => Enumerable.Range(0, Frames * channels)
            .Select(_ => (int)(random.NextInt64(-(1L << (bits - 1)), 1L << (bits - 1)))).ToArray();
        return kind switch
        {
            "pcm16-mono" => new WaveFileBuilder().WithData(WaveFileBuilder.Pcm16(Codes(1, 16).Select(c => (short)c))).Build(),
            "pcm24-stereo-48k" => new WaveFileBuilder().Format(1, 2, 48000, 24).WithData(WaveFileBuilder.Pcm24(Codes(2, 24))).Build(),
            "float32-extensible" => new WaveFileBuilder().Format(3, 2, 44100, 32).Extensible(3)
                .WithData(WaveFileBuilder.Float32(Enumerable.Range(0, 2 * Frames).Select(_ => (float)(random.NextDouble() * 2 - 1)))).Build(),
            "list-with-data-word" => new WaveFileBuilder()
                .ChunkBeforeData("LIST", Encoding.ASCII.GetBytes("INFOICMT\x0c\0\0\0data data \0\0"))
                .WithData(WaveFileBuilder.Pcm16(Codes(1, 16).Select(c => (short)c))).Build(),
            "pcm8-stereo" => new WaveFileBuilder().Format(1, 2, 8000, 8).WithData(WaveFileBuilder.Pcm8(Codes(2, 8).Select(c => (byte)(c + 128)))).Build(),
            "pcm32-6ch" => new WaveFileBuilder().Format(1, 6, 96000, 32).Extensible(1).WithData(WaveFileBuilder.Pcm32(Codes(6, 32))).Build(),
            "rf64-float64" => new WaveFileBuilder().Format(3, 1, 22050, 64).AsRf64()
                .WithData(WaveFileBuilder.Float64(Enumerable.Range(0, Frames).Select(_ => random.NextDouble() * 2 - 1))).Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
