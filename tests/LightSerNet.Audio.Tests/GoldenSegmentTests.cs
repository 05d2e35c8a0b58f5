using System.Text.Json;
using LightSerNet.Audio.Segmentation;
using Xunit.Abstractions;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Segments of three EMO-DB files against fixtures computed by the reference's own Python/TensorFlow pipeline
/// (../shared/fixtures/tf-features). Skips when the corpus or the fixtures are absent.
/// </summary>
public sealed class GoldenSegmentTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("03a01Fa")]
    [InlineData("16b10Wb")]
    [InlineData("14a07Aa")]
    public void MatchesTheReferenceSegment(string name)
    {
        var wav = Path.Combine(SharedData.EmoDbWav, name + ".wav");
        var fixture = SharedData.Fixture(name + ".json");
        Skip.IfNot(File.Exists(wav) && File.Exists(fixture), $"needs {wav} and {fixture} (set LIGHTSERNET_SHARED).");
        using var json = JsonDocument.Parse(File.ReadAllBytes(fixture));
        var root = json.RootElement;
        var first = root.GetProperty("segment_first_samples").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double sumAbs = root.GetProperty("segment_sum_abs").GetDouble();
        int length = root.GetProperty("segment_length").GetInt32();

        var segment = Assert.Single(Segmenter.Segment(SerAudio.FromFile(wav, "EmoDb"), new SegmentOptions(3)));

        Assert.Equal(48000, length);
        Assert.Equal(length, segment.Samples.Length);
        Assert.NotEmpty(first);
        for (int i = 0; i < first.Length; i++)
            Assert.True(Math.Abs(first[i] - segment.Samples[i]) <= 1e-5, $"sample {i}: reference {first[i]}, ours {segment.Samples[i]}");
        double ours = segment.Samples.Sum(v => Math.Abs((double)v));
        output.WriteLine($"{name}: sum |x| reference {sumAbs:R}, ours {ours:R}, difference {ours - sumAbs:0.0e0}");
        Assert.True(Math.Abs(ours - sumAbs) <= 1e-5, $"sum |x|: reference {sumAbs}, ours {ours}");

        var source = AudioLoader.Load(wav).Samples;
        int front = (length - source.Length) / 2;
        var unpadded = segment.Samples.AsSpan(front, source.Length);
        output.WriteLine($"{name}: {source.Length} samples, 99.9th percentile of |segment| over them {NumpyPercentile.OfMagnitudes(unpadded, 99.9):R}");
        SegmenterProperties.AssertPercentileAfterClipping(source, unpadded);
    }
}
