using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LightSerNet.Features;

/// <summary>
/// Every setting of the feature front end, with the paper's values as defaults (hyperparameters.py):
/// frames of 1024 samples every 256 at 16 kHz, a 1024-point FFT of a periodic Hann window, magnitude,
/// 128 HTK mel bands from 80 to 7600 Hz, log(x + 1e-6), 40 MFCCs clipped to [-10, 10].
/// Immutable, so a model file can carry the exact settings it was trained with (<see cref="ToJson"/>).
/// </summary>
public sealed record FeatureConfig
{
    /// <summary>The paper's settings.</summary>
    public static FeatureConfig Paper { get; } = new();

    /// <summary>What to compute: Mfcc, Spectrogram or MelSpectrogram.</summary>
    public FeatureKind Kind { get; init; } = FeatureKind.Mfcc;

    /// <summary>Sample rate of the audio in Hz; it places the mel bands on the FFT bins.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Samples per analysis frame (the window length).</summary>
    public int FrameLength { get; init; } = 1024;

    /// <summary>Samples between the starts of successive frames.</summary>
    public int FrameStep { get; init; } = 256;

    /// <summary>FFT size, a power of two at least <see cref="FrameLength"/>; a shorter frame is zero-padded at its end.</summary>
    public int FftLength { get; init; } = 1024;

    /// <summary>Number of mel bands.</summary>
    public int MelBins { get; init; } = 128;

    /// <summary>Lower edge of the lowest mel band in Hz.</summary>
    public double LowerHz { get; init; } = 80;

    /// <summary>Upper edge of the highest mel band in Hz; at most half the sample rate.</summary>
    public double UpperHz { get; init; } = 7600;

    /// <summary>Added to the mel energies before the natural log, so silence gives log(offset), not -infinity.</summary>
    public double LogOffset { get; init; } = 1e-6;

    /// <summary>MFCCs kept (the first ones of the DCT); at most <see cref="MelBins"/>.</summary>
    public int Coefficients { get; init; } = 40;

    /// <summary>MFCCs are clipped to [-Clip, Clip]; the spectrogram kinds are not clipped.</summary>
    public double Clip { get; init; } = 10;

    /// <summary>Bins of the magnitude spectrogram: FftLength / 2 + 1.</summary>
    [JsonIgnore]
    public int SpectrogramBins => FftLength / 2 + 1;

    /// <summary>Values per frame of <see cref="Kind"/>: spectrogram bins, mel bins or coefficients.</summary>
    [JsonIgnore]
    public int Width => Kind switch
    {
        FeatureKind.Spectrogram => SpectrogramBins,
        FeatureKind.MelSpectrogram => MelBins,
        _ => Coefficients,
    };

    /// <summary>
    /// Frames in a clip of <paramref name="samples"/> samples, as tf.signal.stft counts them (no padding):
    /// 1 + (samples - FrameLength) / FrameStep. Throws when the clip is shorter than one frame.
    /// </summary>
    public int FrameCount(int samples)
    {
        if (samples < FrameLength)
            throw new ArgumentOutOfRangeException(nameof(samples), samples,
                $"A clip of {samples} samples is shorter than one frame (FrameLength {FrameLength}).");
        return 1 + (samples - FrameLength) / FrameStep;
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/>, naming the setting,
    /// when the settings cannot describe a feature; returns this instance otherwise.
    /// </summary>
    public FeatureConfig Validate()
    {
        if (!Enum.IsDefined(Kind))
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Kind must be Mfcc, Spectrogram or MelSpectrogram.");
        if (SampleRate < 1)
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "SampleRate must be a positive number of Hz.");
        if (FrameLength < 2)
            throw new ArgumentOutOfRangeException(nameof(FrameLength), FrameLength, "FrameLength must be at least 2 samples.");
        if (FrameStep < 1)
            throw new ArgumentOutOfRangeException(nameof(FrameStep), FrameStep, "FrameStep must be at least 1 sample.");
        // The real FFT packs pairs of samples into a complex FFT of FftLength / 2 points: radix-2 needs a power of two.
        if (FftLength < MinFftLength || FftLength > MaxFftLength || !BitOperations.IsPow2(FftLength))
            throw new ArgumentOutOfRangeException(nameof(FftLength), FftLength,
                $"FftLength must be a power of two from {MinFftLength} to {MaxFftLength}.");
        if (FftLength < FrameLength)
            throw new ArgumentOutOfRangeException(nameof(FftLength), FftLength,
                $"FftLength ({FftLength}) must be at least FrameLength ({FrameLength}); a frame is zero-padded, never cut.");
        if (MelBins < 1 || MelBins > MaxMelBins)
            throw new ArgumentOutOfRangeException(nameof(MelBins), MelBins, $"MelBins must be from 1 to {MaxMelBins}.");
        double nyquist = SampleRate / 2.0;
        if (!double.IsFinite(LowerHz) || LowerHz < 0)
            throw new ArgumentOutOfRangeException(nameof(LowerHz), LowerHz, "LowerHz must be a finite frequency of at least 0 Hz.");
        if (!double.IsFinite(UpperHz) || UpperHz > nyquist)
            throw new ArgumentOutOfRangeException(nameof(UpperHz), UpperHz,
                $"UpperHz ({UpperHz} Hz) must not exceed the Nyquist frequency, SampleRate / 2 = {nyquist} Hz.");
        if (LowerHz >= UpperHz)
            throw new ArgumentException($"LowerHz ({LowerHz} Hz) must be below UpperHz ({UpperHz} Hz).", nameof(LowerHz));
        if (!double.IsFinite(LogOffset) || LogOffset <= 0)
            throw new ArgumentOutOfRangeException(nameof(LogOffset), LogOffset, "LogOffset must be a finite number above 0.");
        if (Coefficients < 1 || Coefficients > MelBins)
            throw new ArgumentOutOfRangeException(nameof(Coefficients), Coefficients,
                $"Coefficients must be from 1 to MelBins ({MelBins}).");
        if (double.IsNaN(Clip) || Clip <= 0)
            throw new ArgumentOutOfRangeException(nameof(Clip), Clip, "Clip must be above 0 (use infinity for no clipping).");
        return this;
    }

    /// <summary>Smallest FFT accepted: one group of SIMD lanes of complex points.</summary>
    public const int MinFftLength = 16;

    /// <summary>Largest FFT accepted (4 s at 16 kHz).</summary>
    public const int MaxFftLength = 65536;

    /// <summary>Most mel bands accepted.</summary>
    public const int MaxMelBins = 4096;

    /// <summary>The settings as JSON (camelCase names, the kind as text), for a model file's metadata.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads settings written by <see cref="ToJson"/> and validates them; settings left out take the paper's values.</summary>
    public static FeatureConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var config = JsonSerializer.Deserialize<FeatureConfig>(json, JsonOptions)
            ?? throw new ArgumentException("The feature settings are JSON null.", nameof(json));
        return config.Validate();
    }

    // Immutable once built; unknown names are an error, so a misspelt setting in a model file is not silently dropped.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };
}
