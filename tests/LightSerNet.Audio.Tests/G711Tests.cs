using LightSerNet.Audio.Wave;
using NAudio.Codecs;
using static LightSerNet.Audio.Tests.WaveReaderFormatTests;

namespace LightSerNet.Audio.Tests;

/// <summary>A-law and mu-law telephony files: known code points from ITU-T G.711 and the whole table against NAudio's.</summary>
public sealed class G711Tests
{
    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0x80, 5504)]
    public void ALawKnownCodes(int code, int linear) =>
        Assert.Equal(linear / 32768f, G711.ALawToFloat((byte)code));

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0x7E, -8)]
    public void MuLawKnownCodes(int code, int linear) =>
        Assert.Equal(linear / 32768f, G711.MuLawToFloat((byte)code));

    [Fact]
    public void AllALawCodesMatchNAudio()
    {
        for (int code = 0; code < 256; code++)
            Assert.True(ALawDecoder.ALawToLinearSample((byte)code) / 32768f == G711.ALawToFloat((byte)code), $"A-law 0x{code:X2}");
    }

    [Fact]
    public void AllMuLawCodesMatchNAudio()
    {
        // Except 0x7F, "negative zero": G.711 (and Sun's ulaw2linear) give 0, NAudio's table has -1 there.
        Assert.Equal(-1, MuLawDecoder.MuLawToLinearSample(0x7F));
        Assert.Equal(0f, G711.MuLawToFloat(0x7F));
        for (int code = 0; code < 256; code++)
            Assert.True(code == 0x7F || MuLawDecoder.MuLawToLinearSample((byte)code) / 32768f == G711.MuLawToFloat((byte)code), $"mu-law 0x{code:X2}");
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(7, false)]
    [InlineData(6, true)]
    [InlineData(7, true)]
    public void G711FilesDecodeThroughTheReader(int tag, bool extensible)
    {
        byte[] codes = [0xD5, 0x55, 0x80, 0x00, 0xFF, 0x2A, 0x12, 0xC3];
        var builder = new WaveFileBuilder().Format(tag, 2, 8000, 8).WithData(codes);
        if (extensible)
            builder.Extensible(tag);
        Func<byte, float> decode = tag == 6 ? G711.ALawToFloat : G711.MuLawToFloat;

        var clip = Read(builder.Build());

        Assert.Equal(tag == 6 ? WaveEncoding.ALaw : WaveEncoding.MuLaw, Header(builder.Build()).Encoding);
        Assert.Equal(4, clip.Samples.Length);
        for (int f = 0; f < 4; f++)
            Assert.Equal((decode(codes[2 * f]) + decode(codes[2 * f + 1])) / 2, clip.Samples[f], 1e-7f);
    }
}
