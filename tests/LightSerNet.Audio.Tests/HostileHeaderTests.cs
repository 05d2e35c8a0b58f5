using System.Buffers.Binary;
using LightSerNet.Audio.Wave;

namespace LightSerNet.Audio.Tests;

/// <summary>Hand-made worst cases for the reader: sizes that lie, and files made of nothing but chunk headers.</summary>
public sealed class HostileHeaderTests
{
    [Fact]
    public void A100ByteFileDeclaring2GiBOfAudioIsRejectedWithoutAllocatingIt()
    {
        // NWaves allocated 4 GiB for this file before noticing it was 100 bytes long.
        var file = new WaveFileBuilder().WithData(new byte[56]).WithDataSize(0x7FFFFFFE).Build();
        Assert.Equal(100, file.Length);

        Assert.Null(HostileRead.Read(file));
        var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadMono(new MemoryStream(file), "x.wav"));
        Assert.Equal(WaveProblem.Truncated, error.Problem);
    }

    [Fact]
    public void Rf64DeclaringAnExabyteIsRejected()
    {
        var file = new WaveFileBuilder().AsRf64().WithData(new byte[64]).WithDataSize(0).Build();
        // ds64 data size field: 12 (RIFF) + 8 (ds64 header) + 8 (riff size).
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(28), 0x0FFF_FFFF_FFFF_FFF0);

        Assert.Null(HostileRead.Read(file));
    }

    [Fact]
    public void HugeFormatChunkSizeIsRejected()
    {
        var file = new WaveFileBuilder().WithData(new byte[64]).Build();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 0xFFFFFFF0);

        Assert.Null(HostileRead.Read(file));
    }

    [Fact]
    public void HugeUnknownChunkBeforeDataEndsTheWalk()
    {
        // A chunk that claims to run past the end of the file hides the data chunk; the walk must stop, not wrap.
        var file = new WaveFileBuilder().ChunkBeforeData("LIST", new byte[16]).WithData(new byte[64]).Build();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), 0xFFFFFFFF);

        Assert.Null(HostileRead.Read(file));
        var error = Assert.Throws<WaveFormatException>(() => WaveReader.ReadMono(new MemoryStream(file), "x.wav"));
        Assert.Equal(WaveProblem.MissingData, error.Problem);
    }

    [Fact]
    public void ThousandsOfEmptyChunksAreWalkedToTheData()
    {
        var builder = new WaveFileBuilder().WithData(WaveFileBuilder.Pcm16([100, -100, 200]));
        for (int i = 0; i < 20_000; i++)
            builder.ChunkBeforeData(i % 2 == 0 ? "junk" : "PAD ", i % 3 == 0 ? [7] : []);
        var file = builder.Build();

        var clip = HostileRead.Read(file);

        Assert.NotNull(clip);
        Assert.Equal([100 / 32768f, -100 / 32768f, 200 / 32768f], clip.Samples);
    }

    [Fact]
    public void ThousandsOfEmptyChunksWithoutDataAreRejected()
    {
        var builder = new WaveFileBuilder().WithoutData();
        for (int i = 0; i < 20_000; i++)
            builder.ChunkBeforeData("junk", []);

        Assert.Null(HostileRead.Read(builder.Build()));
    }

    [Fact]
    public void ChunkOfSizeZeroRepeatedDoesNotLoop()
    {
        // The same zero-sized chunk at every offset: progress must come from the 8-byte header alone.
        var file = new byte[12 + 8 * 50_000];
        "RIFF"u8.CopyTo(file);
        "WAVE"u8.CopyTo(file.AsSpan(8));
        for (int p = 12; p < file.Length; p += 8)
            "fmt "u8.CopyTo(file.AsSpan(p));

        Assert.Null(HostileRead.Read(file));
    }

    [Fact]
    public void ManyFormatChunksWithTheLastOneWinningAreRead()
    {
        var builder = new WaveFileBuilder().Format(1, 2, 8000, 16).WithData(WaveFileBuilder.Pcm16([1000, 3000]));
        var bogus = new WaveFileBuilder().Format(1, 6, 96000, 32).Build()[20..36];
        for (int i = 0; i < 100; i++)
            builder.ChunkBeforeFormat("fmt ", bogus);

        var clip = HostileRead.Read(builder.Build());

        Assert.NotNull(clip);
        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal([2000 / 32768f], clip.Samples);
    }
}
