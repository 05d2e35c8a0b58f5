using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace LightSerNet.Features.Tests;

/// <summary>Properties over random valid settings and clips: the two pipelines agree, and batch equals clip by clip.</summary>
public sealed class PipelineProperties
{
    private static readonly int[] FftLengths = [16, 32, 64, 128, 256, 512, 1024, 2048];

    [Property(MaxTest = 60)]
    public Property LanesAgreeWithScalarForAnyValidSettings(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int fft = FftLengths[random.Next(FftLengths.Length)];
        int sampleRate = random.Next(2) == 0 ? 16000 : 8000 + random.Next(40000);
        int melBins = 1 + random.Next(Math.Min(96, fft / 2));
        double upper = sampleRate / 2.0 * (0.5 + 0.5 * random.NextDouble());
        var config = new FeatureConfig
        {
            Kind = (FeatureKind)random.Next(3),
            SampleRate = sampleRate,
            FftLength = fft,
            FrameLength = Math.Max(2, fft - random.Next(fft / 2)),
            FrameStep = 1 + random.Next(fft),
            MelBins = melBins,
            LowerHz = upper * 0.5 * random.NextDouble(),
            UpperHz = upper,
            Coefficients = 1 + random.Next(melBins),
        };
        int samples = config.FrameLength + random.Next(30) * config.FrameStep + random.Next(config.FrameStep);
        var clip = Signals.Speechlike(samples, seed.Get, sampleRate);
        var lanes = new FeatureExtractor(config, useSimd: true).Compute(clip);
        var scalar = new FeatureExtractor(config, useSimd: false).Compute(clip);
        double peak = scalar.Length == 0 ? 0 : scalar.Max(MathF.Abs);
        bool agree = lanes.Length == scalar.Length && lanes.Select((v, i) => Math.Abs(v - scalar[i]) <= (config.Kind == FeatureKind.Spectrogram
            ? 1e-5 * peak + 1e-6
            : 5e-4 * Math.Max(1, Math.Abs(scalar[i])))).All(ok => ok);
        return agree.Label($"{config} on {samples} samples");
    }
}
