using LightSerNet.Features.Dsp;

namespace LightSerNet.Features;

/// <summary>
/// Everything a configuration fixes, computed once: the window (with the real FFT's factor 1/2 folded in), the FFT
/// tables, the sparse mel bank and the DCT matrix. Immutable and shared by every thread.
/// </summary>
internal sealed class FeaturePlan
{
    public FeatureConfig Config { get; }

    /// <summary>Periodic Hann window of FrameLength samples, halved (see <see cref="RealFft.Magnitudes"/>).</summary>
    public float[] Window { get; }

    public RealFft Fft { get; }

    /// <summary>Null for <see cref="FeatureKind.Spectrogram"/>.</summary>
    public MelFilterBank? Mel { get; }

    /// <summary>Null unless <see cref="FeatureKind.Mfcc"/>.</summary>
    public DctMatrix? Dct { get; }

    /// <summary>True: eight frames per Vector256; false: the scalar pipeline, frame by frame.</summary>
    public bool UseLanes { get; }

    public float LogOffset { get; }

    public float Clip { get; }

    public FeaturePlan(FeatureConfig config, bool useLanes)
    {
        Config = config.Validate();
        UseLanes = useLanes && LaneMath.IsAccelerated;
        Window = HannWindow.Periodic(config.FrameLength, scale: 0.5);
        Fft = new RealFft(config.FftLength);
        if (config.Kind != FeatureKind.Spectrogram)
            Mel = new MelFilterBank(config.SpectrogramBins, config.MelBins, config.SampleRate, config.LowerHz, config.UpperHz);
        if (config.Kind == FeatureKind.Mfcc)
            Dct = new DctMatrix(config.MelBins, config.Coefficients);
        LogOffset = (float)config.LogOffset;
        Clip = (float)config.Clip;
    }
}
