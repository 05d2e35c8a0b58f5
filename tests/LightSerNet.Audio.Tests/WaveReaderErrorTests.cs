using System.Buffers.Binary;
using System.Text;
using LightSerNet.Audio.Wave;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Each way a file can fail maps to one stable <see cref="WaveProblem"/> (PowerShell error ids derive from it)
/// and a message that names the file, so a user with a thousand files knows which one to look at.
/// </summary>
public sealed class WaveReaderErrorTests
{
    private const string Name = "calls/2024-03-01 agent 7.wav";

    private static byte[] Valid() => new WaveFileBuilder().WithData(WaveFileBuilder.Pcm16([1, 2, 3, 4])).Build();

    private static void AssertProblem(byte[] file, WaveProblem problem)
    {
        var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadMono(new MemoryStream(file), Name));
        Assert.Equal(problem, error.Problem);
        Assert.Equal(Name, error.File);
        Assert.Contains($"'{Name}'", error.Message);
    }

    [Fact]
    public void EmptyFile() => AssertProblem([], WaveProblem.Empty);

    [Fact]
    public void TextFile() => AssertProblem(Encoding.UTF8.GetBytes("speaker,label\n03a01Fa,happiness\n"), WaveProblem.NotWave);

    [Fact]
    public void ThreeByteFile() => AssertProblem("RIF"u8.ToArray(), WaveProblem.NotWave);

    [Fact]
    public void RiffButNotWave()
    {
        var file = Valid();
        Encoding.ASCII.GetBytes("AVI ").CopyTo(file, 8);
        AssertProblem(file, WaveProblem.NotWave);
    }

    [Fact]
    public void BigEndianRifxIsNamedInTheMessage()
    {
        var file = Valid();
        Encoding.ASCII.GetBytes("RIFX").CopyTo(file, 0);
        var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadMono(new MemoryStream(file), Name));
        Assert.Equal(WaveProblem.NotWave, error.Problem);
        Assert.Contains("RIFX", error.Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(11)]
    public void TruncatedRiffHeader(int keep) => AssertProblem(Valid()[..keep], WaveProblem.Truncated);

    [Fact]
    public void TruncatedFormatChunk() => AssertProblem(Valid()[..30], WaveProblem.Truncated);

    [Fact]
    public void TruncatedData()
    {
        // Declared 8 bytes of audio, only 5 arrived: the copy was cut short, and silently reading less would hide it.
        var file = Valid()[..^3];
        var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadMono(new MemoryStream(file), Name));
        Assert.Equal(WaveProblem.Truncated, error.Problem);
        Assert.Contains("8 bytes", error.Message);
        Assert.Contains("only 5", error.Message);
    }

    [Fact]
    public void DataSizeBiggerThanTheFile() =>
        AssertProblem(new WaveFileBuilder().WithData(new byte[100]).WithDataSize(1_000_000).Build(), WaveProblem.Truncated);

    [Fact]
    public void ZeroChannels() =>
        AssertProblem(new WaveFileBuilder().Format(1, 0, 16000, 16).WithBlockAlign(2).WithData(new byte[8]).Build(), WaveProblem.InvalidFormat);

    [Fact]
    public void ZeroSampleRate() =>
        AssertProblem(new WaveFileBuilder().Format(1, 1, 0, 16).WithData(new byte[8]).Build(), WaveProblem.InvalidFormat);

    [Fact]
    public void BlockAlignMismatch() =>
        AssertProblem(new WaveFileBuilder().Format(1, 2, 16000, 16).WithBlockAlign(3).WithData(new byte[12]).Build(), WaveProblem.InvalidFormat);

    [Fact]
    public void FormatChunkShorterThan16Bytes()
    {
        var file = Valid();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 14);
        AssertProblem(file, WaveProblem.InvalidFormat);
    }

    [Fact]
    public void ExtensibleTooShortForItsSubFormat()
    {
        var file = new WaveFileBuilder().Format(WaveFileBuilder.ExtensibleTag, 1, 16000, 16).WithData(new byte[8]).Build();
        AssertProblem(file, WaveProblem.InvalidFormat);
    }

    [Theory]
    [InlineData(0x0055, "MP3")]
    [InlineData(0x0002, "Microsoft ADPCM")]
    [InlineData(0x0011, "IMA ADPCM")]
    [InlineData(0x0031, "GSM 6.10")]
    [InlineData(0x1234, "unknown")]
    public void CompressedCodecsAreUnsupported(int tag, string named)
    {
        var file = new WaveFileBuilder().Format(tag, 1, 8000, 16).WithData(new byte[64]).Build();
        var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadMono(new MemoryStream(file), Name));
        Assert.Equal(WaveProblem.UnsupportedEncoding, error.Problem);
        Assert.Contains(named, error.Message);
        Assert.Contains(Name, error.Message);
    }

    [Fact]
    public void ExtensibleWithAnUnknownSubFormatIsUnsupported()
    {
        var file = new WaveFileBuilder().Format(1, 1, 16000, 16).Extensible(1).WithData(new byte[8]).Build();
        // Dolby AC-3 over SPDIF: same GUID shape, different tail.
        new Guid("00000092-0000-0010-8000-00aa00389b72").ToByteArray().CopyTo(file, 20 + 24);
        AssertProblem(file, WaveProblem.UnsupportedEncoding);
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(1, 0)]
    [InlineData(3, 16)]
    [InlineData(6, 16)]
    public void UnsupportedBitDepths(int tag, int bits) =>
        AssertProblem(new WaveFileBuilder().Format(tag, 1, 16000, bits).WithBlockAlign(2).WithData(new byte[8]).Build(), WaveProblem.UnsupportedEncoding);

    [Fact]
    public void MissingFormat() =>
        AssertProblem(new WaveFileBuilder().WithoutFormat().WithData(new byte[8]).Build(), WaveProblem.MissingFormat);

    [Fact]
    public void StreamingDataBeforeFormatCannotBeRead() =>
        AssertProblem(new WaveFileBuilder().DataBeforeFormat().WithDataSize(0).WithData(new byte[8]).Build(), WaveProblem.MissingFormat);

    [Fact]
    public void MissingData() =>
        AssertProblem(new WaveFileBuilder().WithoutData().ChunkAfterData("LIST", new byte[20]).Build(), WaveProblem.MissingData);

    [Fact]
    public void HeaderOnly() => AssertProblem(Valid()[..12], WaveProblem.MissingFormat);

    [Fact]
    public void EmptyDataChunk() => AssertProblem(new WaveFileBuilder().Build(), WaveProblem.NoSamples);

    [Fact]
    public void DataShorterThanOneFrame() =>
        AssertProblem(new WaveFileBuilder().Format(1, 2, 16000, 24).WithData(new byte[5]).Build(), WaveProblem.NoSamples);

    [Fact]
    public void ReadHeaderOfAFileOnDiskNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lsn-{Guid.NewGuid():N}.wav");
        File.WriteAllText(path, "not audio");
        try
        {
            var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadHeader(path));
            Assert.Equal(WaveProblem.NotWave, error.Problem);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
