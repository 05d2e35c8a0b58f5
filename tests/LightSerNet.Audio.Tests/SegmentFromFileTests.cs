using LightSerNet.Audio.Segmentation;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Segmenter.Segment end to end: a WAV file on disk at another rate is decoded, resampled to 16 kHz and cut;
/// segments carry the source's metadata and their span in seconds of the source.
/// </summary>
public sealed class SegmentFromFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lsn-seg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SerAudio Write(string name, int rate, double seconds, int channels = 1)
    {
        int frames = (int)Math.Round(rate * seconds);
        var random = new Random(rate);
        var codes = Enumerable.Range(0, frames * channels).Select(i => (short)(8000 * Math.Sin(i * 0.05) + random.Next(-2000, 2000)));
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, new WaveFileBuilder().Format(1, channels, rate, 16).WithData(WaveFileBuilder.Pcm16(codes)).Build());
        return SerAudio.FromFile(path, "EmoDb", label: "anger", speaker: "03", gender: "male");
    }

    [Fact]
    public void FromFileReadsTheHeaderOnly()
    {
        var audio = Write("03a01Wa.wav", 48000, 4, channels: 2);

        Assert.Equal("03a01Wa", audio.Id);
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(4.0, audio.Duration, 9);
        Assert.Equal(64000, audio.ReadSamples().Samples.Length);
    }

    [Fact]
    public void CentreOfA4SecondClipAt48KHzSpans0Point5To3Point5Seconds()
    {
        var audio = Write("a.wav", 48000, 4);

        var segment = Assert.Single(Segmenter.Segment(audio, new SegmentOptions(3)));

        // 4 s at 16 kHz is 64000 samples; 16000 too many, 8000 cut in front.
        Assert.Equal(0.5, segment.Start, 12);
        Assert.Equal(3.5, segment.End, 12);
        Assert.Equal(48000, segment.Samples.Length);
        Assert.Equal(16000, segment.SampleRate);
        Assert.Equal(3.0, segment.Duration, 12);
        Assert.Equal((audio.Path, "EmoDb", "anger", "03", 0), (segment.Source, segment.Dataset, segment.Label, segment.Speaker, segment.Index));
        var resampled = audio.ReadSamples().Samples;
        var expected = ReferenceSegment.Normalise(resampled.AsSpan(8000, 48000), 48000);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - segment.Samples[i]) <= 1e-6, $"sample {i}");
    }

    [Fact]
    public void SplitOf7SecondsGivesTwoSegmentsFromTheCentre()
    {
        var audio = Write("b.wav", 22050, 7);

        var segments = Segmenter.Segment(audio, new SegmentOptions(3, SegmentMode.Split));

        Assert.Equal([0, 1], segments.Select(s => s.Index));
        Assert.Equal([(0.5, 3.5), (3.5, 6.5)], segments.Select(s => (s.Start, s.End)));
    }

    [Fact]
    public void SlidingSpansAreInSecondsOfTheSource()
    {
        var audio = Write("c.wav", 8000, 5);

        var segments = Segmenter.Segment(audio, new SegmentOptions(2, SegmentMode.Sliding, Hop: 1.5));

        Assert.Equal([(0.0, 2.0), (1.5, 3.5), (3.0, 5.0)], segments.Select(s => (s.Start, s.End)));
        Assert.All(segments, s => Assert.Equal(32000, s.Samples.Length));
    }

    [Fact]
    public void ShortClipSpansTheWholeSource()
    {
        var audio = Write("d.wav", 16000, 1.25);

        var segment = Assert.Single(Segmenter.Segment(audio, new SegmentOptions(3)));

        Assert.Equal((0.0, 1.25), (segment.Start, segment.End));
        // 20000 samples in 48000: 14000 zeros in front, 14000 behind.
        Assert.All(segment.Samples[..14000], v => Assert.Equal(0f, v));
        Assert.All(segment.Samples[^14000..], v => Assert.Equal(0f, v));
        Assert.NotEqual(0f, segment.Samples[14000]);
        Assert.NotEqual(0f, segment.Samples[^14001]);
    }
}
