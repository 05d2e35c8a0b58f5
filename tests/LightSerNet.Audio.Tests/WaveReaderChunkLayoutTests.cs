using System.Text;
using LightSerNet.Audio.Wave;
using static LightSerNet.Audio.Tests.WaveReaderFormatTests;

namespace LightSerNet.Audio.Tests;

/// <summary>Valid files whose chunks are not the plain "fmt " + "data" pair: the reader must walk chunks, not scan bytes.</summary>
public sealed class WaveReaderChunkLayoutTests
{
    private static readonly short[] Codes = [1000, -2000, 3000, -4000, 5000, 32767, -32768];
    private static readonly float[] Expected = Codes.Select(c => c / 32768f).ToArray();

    private static WaveFileBuilder Speech() => new WaveFileBuilder().WithData(WaveFileBuilder.Pcm16(Codes));

    [Fact]
    public void DataBeforeFormatWithADefiniteSizeIsRead()
    {
        var builder = Speech().DataBeforeFormat();

        var header = Header(builder.Build());

        Assert.Equal(20, header.DataOffset);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void OddSizedChunkIsFollowedByItsPadByte()
    {
        var builder = Speech().ChunkBeforeData("junk", [1, 2, 3]);

        Assert.Equal(builder.ExpectedDataOffset(), Header(builder.Build()).DataOffset);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void OddSizedChunkWithoutItsPadByteIsStillFound()
    {
        var builder = Speech().ChunkBeforeData("junk", [1, 2, 3]).WithoutPadBytes();

        Assert.Equal(builder.ExpectedDataOffset(), Header(builder.Build()).DataOffset);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void TheWordDataInsideAListChunkIsNotTakenForTheDataChunk()
    {
        // An INFO comment "data from session 3" made NWaves's byte scan start the audio inside the comment.
        var list = Encoding.ASCII.GetBytes("INFOICMT\x14\0\0\0data from session 3\0");
        var builder = Speech().ChunkBeforeData("LIST", list);

        Assert.Equal(builder.ExpectedDataOffset(), Header(builder.Build()).DataOffset);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void ChunksBeforeFormatAndAfterDataAreSkipped()
    {
        var builder = Speech()
            .ChunkBeforeFormat("bext", new byte[602])
            .ChunkBeforeData("PAD ", new byte[4044])
            .ChunkAfterData("LIST", Encoding.ASCII.GetBytes("INFOISFT\x05\0\0\0data\0\0"))
            .ChunkAfterData("id3 ", [0x49, 0x44, 0x33]);

        Assert.Equal(builder.ExpectedDataOffset(), Header(builder.Build()).DataOffset);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void PadChunkPutsTheAudioAt4096()
    {
        // EMO-DB's 14a07 files: fmt (16 bytes), then a 4044-byte PAD chunk, so the samples start at 4096.
        var builder = Speech().ChunkBeforeData("PAD ", new byte[4044]);

        Assert.Equal(4096, Header(builder.Build()).DataOffset);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public void StreamingDataSizeReadsToTheEndOfTheFile(uint declared)
    {
        // A recorder that was killed never patched the size: 0 or 0xFFFFFFFF, and the audio runs to the end.
        var builder = Speech().WithDataSize(declared);

        var header = Header(builder.Build());

        Assert.Equal(2L * Codes.Length, header.DataLength);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void Rf64TakesTheDataSizeFromDs64()
    {
        var builder = Speech().AsRf64().ChunkAfterData("LIST", new byte[10]);

        var header = Header(builder.Build());

        Assert.Equal(2L * Codes.Length, header.DataLength);
        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void Rf64WithAStreamingDs64SizeReadsToTheEnd()
    {
        var builder = Speech().AsRf64().WithDataSize(0);

        Assert.Equal(Expected, Read(builder.Build()).Samples);
    }

    [Fact]
    public void FormatChunkWithTrailingBytesIsAccepted()
    {
        // Some writers append private bytes to the fmt chunk; only the first 16 (or 40) bytes matter.
        var file = Speech().Build();
        var grown = new List<byte>(file[..16]);
        grown.AddRange(BitConverter.GetBytes(16u + 6));
        grown.AddRange(file[20..36]);
        grown.AddRange(new byte[6]);
        grown.AddRange(file[36..]);

        Assert.Equal(Expected, Read([.. grown]).Samples);
    }

    [Fact]
    public void ReadFromDiskMatchesReadFromMemory()
    {
        var file = Speech().ChunkBeforeData("LIST", new byte[33]).Build();
        var path = Path.Combine(Path.GetTempPath(), $"lsn-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, file);
        try
        {
            Assert.Equal(Expected, WaveReader.ReadMono(path).Samples);
            Assert.Equal(Header(file), WaveReader.ReadHeader(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
