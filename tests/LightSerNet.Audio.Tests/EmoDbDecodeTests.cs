using LightSerNet.Audio.Wave;
using Xunit.Abstractions;

namespace LightSerNet.Audio.Tests;

/// <summary>The whole EMO-DB corpus (535 files) decodes exactly as NAudio decodes it. Skips when the corpus is absent.</summary>
public sealed class EmoDbDecodeTests(ITestOutputHelper output)
{
    private static void SkipWithoutCorpus() =>
        Skip.IfNot(SharedData.HasEmoDb, $"EMO-DB not found at {SharedData.EmoDbWav} (set LIGHTSERNET_EMODB).");

    [SkippableFact]
    public void EveryFileMatchesNAudio()
    {
        SkipWithoutCorpus();
        var files = Directory.GetFiles(SharedData.EmoDbWav, "*.wav").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(535, files.Length);
        long samples = 0;
        foreach (var path in files)
        {
            var ours = WaveReader.ReadMono(path);
            var (theirs, rate) = NAudioOracle.ReadMono(path);
            Assert.Equal(16000, ours.SampleRate);
            Assert.Equal(rate, ours.SampleRate);
            Assert.Equal(theirs.Length, ours.Samples.Length);
            // 16-bit PCM has one exact float per code; any difference at all is a decoding bug.
            Assert.True(theirs.AsSpan().SequenceEqual(ours.Samples), $"{Path.GetFileName(path)} differs from NAudio");
            samples += theirs.Length;
        }
        output.WriteLine($"{files.Length} files, {samples} samples, identical to NAudio.");
    }

    [SkippableTheory]
    [InlineData("14a07Aa")]
    [InlineData("14a07Fd")]
    [InlineData("14a07Na")]
    [InlineData("14a07Wc")]
    public void FilesWithAPadChunkStartTheirAudioAt4096(string name)
    {
        SkipWithoutCorpus();
        // fmt (12 + 8 + 16 = 36), then "PAD " with 4044 bytes: 36 + 8 + 4044 = 4088, and the data chunk header ends at 4096.
        var path = Path.Combine(SharedData.EmoDbWav, name + ".wav");
        var header = WaveReader.ReadHeader(path);

        Assert.Equal(4096, header.DataOffset);
        Assert.Equal(new FileInfo(path).Length - 4096, header.DataLength);
        Assert.Equal(header.FrameCount, WaveReader.ReadMono(path).Samples.Length);
    }

    [SkippableFact]
    public void FilesWithoutAPadChunkStartTheirAudioAt44()
    {
        SkipWithoutCorpus();
        var header = WaveReader.ReadHeader(Path.Combine(SharedData.EmoDbWav, "03a01Fa.wav"));

        Assert.Equal(new WaveHeader(WaveEncoding.Pcm, 1, 16000, 16, 2, 44, 60744), header);
    }
}
