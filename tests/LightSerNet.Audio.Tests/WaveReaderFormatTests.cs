using LightSerNet.Audio.Wave;

namespace LightSerNet.Audio.Tests;

/// <summary>Every sample encoding the reader claims to decode, checked against values worked out by hand.</summary>
public sealed class WaveReaderFormatTests
{
    internal static AudioClip Read(byte[] file, string name = "test.wav") => WaveReader.ReadMono(new MemoryStream(file), name);

    internal static WaveHeader Header(byte[] file, string name = "test.wav") => WaveReader.ReadHeader(new MemoryStream(file), name);

    [Fact]
    public void Pcm8IsUnsignedWith128AsZero()
    {
        var file = new WaveFileBuilder().Format(1, 1, 8000, 8).WithData(WaveFileBuilder.Pcm8([0, 1, 64, 127, 128, 129, 192, 255])).Build();

        var clip = Read(file);

        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal([-1f, -127 / 128f, -0.5f, -1 / 128f, 0f, 1 / 128f, 0.5f, 127 / 128f], clip.Samples);
    }

    [Fact]
    public void Pcm16ScalesBy32768()
    {
        short[] codes = [short.MinValue, -16384, -1, 0, 1, 12345, short.MaxValue];
        var file = new WaveFileBuilder().WithData(WaveFileBuilder.Pcm16(codes)).Build();

        Assert.Equal(codes.Select(c => c / 32768f), Read(file).Samples);
    }

    [Fact]
    public void Pcm24SignExtendsAndScalesBy2To23()
    {
        int[] codes = [-8388608, -4194304, -1, 0, 1, 0x123456, 8388607];
        var file = new WaveFileBuilder().Format(1, 1, 44100, 24).WithData(WaveFileBuilder.Pcm24(codes)).Build();

        Assert.Equal(codes.Select(c => (float)(c / 8388608.0)), Read(file).Samples);
    }

    [Fact]
    public void Pcm32ScalesBy2To31()
    {
        int[] codes = [int.MinValue, -1 << 30, -1, 0, 1, 0x12345678, int.MaxValue];
        var file = new WaveFileBuilder().Format(1, 1, 48000, 32).WithData(WaveFileBuilder.Pcm32(codes)).Build();

        Assert.Equal(codes.Select(c => (float)(c / 2147483648.0)), Read(file).Samples);
    }

    [Fact]
    public void Float32IsTakenAsIs()
    {
        float[] values = [-1f, -0.25f, 0f, 1e-30f, 0.3333f, 1f, 1.5f];
        var file = new WaveFileBuilder().Format(3, 1, 16000, 32).WithData(WaveFileBuilder.Float32(values)).Build();

        Assert.Equal(values, Read(file).Samples);
    }

    [Fact]
    public void Float64IsRoundedToFloat32()
    {
        double[] values = [-1, -0.1, 0, 1.0 / 3, 0.999999999, 1];
        var file = new WaveFileBuilder().Format(3, 1, 16000, 64).WithData(WaveFileBuilder.Float64(values)).Build();

        Assert.Equal(values.Select(v => (float)v), Read(file).Samples);
    }

    [Fact]
    public void ExtensiblePcm24UsesTheSubFormat()
    {
        int[] codes = [-8388608, -77, 0, 4242, 8388607];
        var builder = new WaveFileBuilder().Format(1, 1, 48000, 24).Extensible(1, validBits: 20).WithData(WaveFileBuilder.Pcm24(codes));

        var header = Header(builder.Build());
        var clip = Read(builder.Build());

        Assert.Equal(WaveEncoding.Pcm, header.Encoding);
        Assert.Equal(24, header.BitsPerSample);
        Assert.Equal(codes.Select(c => (float)(c / 8388608.0)), clip.Samples);
    }

    [Fact]
    public void ExtensibleFloatIsNotReadAsZeros()
    {
        // NWaves read this case as silence: the sub-format, not the outer tag, says the samples are floats.
        float[] values = [0.5f, -0.75f, 0.125f, -1f];
        var builder = new WaveFileBuilder().Format(3, 1, 16000, 32).Extensible(3).WithData(WaveFileBuilder.Float32(values));

        Assert.Equal(WaveEncoding.IeeeFloat, Header(builder.Build()).Encoding);
        Assert.Equal(values, Read(builder.Build()).Samples);
    }

    [Fact]
    public void StereoIsMixedByTheMeanOfTheChannels()
    {
        short[] interleaved = [16384, -16384, 32767, 32767, -32768, 0, 100, 300];
        var file = new WaveFileBuilder().Format(1, 2, 44100, 16).WithData(WaveFileBuilder.Pcm16(interleaved)).Build();

        var clip = Read(file);

        Assert.Equal(4, clip.Samples.Length);
        Assert.Equal(0f, clip.Samples[0]);
        Assert.Equal(32767 / 32768f, clip.Samples[1], 1e-7f);
        Assert.Equal(-0.5f, clip.Samples[2], 1e-7f);
        Assert.Equal(200 / 32768f, clip.Samples[3], 1e-7f);
    }

    [Fact]
    public void SixChannelsAreMixedByTheMeanOfAllSix()
    {
        // 5.1 in 24-bit EXTENSIBLE, as a film or game recording arrives.
        int[] frame0 = [8388607, 0, 0, 0, 0, 0];
        int[] frame1 = [100, 200, 300, 400, 500, 600];
        int[] frame2 = [-8388608, -8388608, -8388608, -8388608, -8388608, -8388608];
        var file = new WaveFileBuilder().Format(1, 6, 48000, 24).Extensible(1)
            .WithData(WaveFileBuilder.Pcm24([.. frame0, .. frame1, .. frame2])).Build();

        var clip = Read(file);

        Assert.Equal(3, clip.Samples.Length);
        Assert.Equal(8388607 / 8388608.0 / 6, clip.Samples[0], 1e-7);
        Assert.Equal(350 / 8388608.0, clip.Samples[1], 1e-7);
        Assert.Equal(-1.0, clip.Samples[2], 1e-7);
    }

    [Fact]
    public void HeaderDescribesTheFile()
    {
        var builder = new WaveFileBuilder().Format(1, 2, 22050, 16).WithData(new byte[4 * 1000 + 3]);

        var header = Header(builder.Build());

        Assert.Equal(new WaveHeader(WaveEncoding.Pcm, 2, 22050, 16, 4, 44, 4003), header);
        Assert.Equal(1000, header.FrameCount);
        Assert.Equal(1000 / 22050.0, header.Duration, 12);
        // The partial frame at the end is dropped, not decoded as garbage.
        Assert.Equal(1000, Read(builder.Build()).Samples.Length);
    }
}
