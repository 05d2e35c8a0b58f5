using System.Globalization;
using LightSerNet.Evaluation;

namespace LightSerNet.Training.Augmentation;

/// <summary>
/// Which augmentations a run uses and their settings; recorded in run.json and part of the run key. The defaults
/// are common choices (Kaldi's speed factors, SpecAugment's masks scaled down to a 184-frame, 40-coefficient input),
/// not the paper's: the paper trains without augmentation.
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>The kinds in use, in <see cref="AugmentationKind"/> order, each once.</summary>
    public IReadOnlyList<AugmentationKind> Kinds { get; init; } = [];

    /// <summary>SpeedPerturbation: each factor makes one variant; 1.1 plays 10% faster (and higher), 0.9 slower.</summary>
    public IReadOnlyList<double> SpeedFactors { get; init; } = [0.9, 1.1];

    /// <summary>Noise: noisy variants per clip, each at its own signal-to-noise ratio.</summary>
    public int NoiseVariants { get; init; } = 1;

    /// <summary>Noise: lowest signal-to-noise ratio in dB.</summary>
    public double MinSnrDb { get; init; } = 10;

    /// <summary>Noise: highest signal-to-noise ratio in dB.</summary>
    public double MaxSnrDb { get; init; } = 30;

    /// <summary>SpecAugment: time masks per clip.</summary>
    public int TimeMasks { get; init; } = 2;

    /// <summary>SpecAugment: the widest time mask, in frames (each width is uniform in 0..this).</summary>
    public int MaxTimeMaskFrames { get; init; } = 20;

    /// <summary>SpecAugment: coefficient (frequency) masks per clip.</summary>
    public int CoefficientMasks { get; init; } = 2;

    /// <summary>SpecAugment: the widest coefficient mask (each width is uniform in 0..this).</summary>
    public int MaxCoefficientMaskWidth { get; init; } = 4;

    /// <summary>The default settings for <paramref name="kinds"/>; null (no augmentation) when there are none.</summary>
    public static AugmentationOptions? For(IEnumerable<AugmentationKind>? kinds)
    {
        var distinct = (kinds ?? []).Distinct().Order().ToList();
        return distinct.Count == 0 ? null : new AugmentationOptions { Kinds = distinct };
    }

    /// <summary>True when <paramref name="kind"/> is in use.</summary>
    public bool Has(AugmentationKind kind) => Kinds.Contains(kind);

    /// <summary>True when a kind changes the audio, so the features must be computed from audio.</summary>
    public bool IsAudioLevel => Has(AugmentationKind.SpeedPerturbation) || Has(AugmentationKind.Noise);

    /// <summary>Feature variants per clip: the clean one, one per speed factor, then the noisy ones.</summary>
    public int VariantCount => 1 + SpeedVariants.Count + (Has(AugmentationKind.Noise) ? NoiseVariants : 0);

    /// <summary>The speed factors in use (none unless SpeedPerturbation is asked for).</summary>
    public IReadOnlyList<double> SpeedVariants => Has(AugmentationKind.SpeedPerturbation) ? SpeedFactors : [];

    /// <summary>
    /// The settings that change the cached features (empty when none do), so a cache of clean features is shared
    /// by every run without audio-level augmentation and SpecAugment's settings never invalidate it.
    /// </summary>
    public string AudioKey => IsAudioLevel
        ? FormattableString.Invariant($"speed={string.Join(",", SpeedVariants.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))};noise={(Has(AugmentationKind.Noise) ? NoiseVariants : 0)}@{MinSnrDb:R}-{MaxSnrDb:R}")
        : "";

    /// <summary>Checks the values; returns this instance.</summary>
    public AugmentationOptions Validate()
    {
        if (Kinds.Count == 0)
            throw new ArgumentException("Name at least one augmentation kind, or use no augmentation options at all.", nameof(Kinds));
        if (SpeedFactors.Any(f => !(f >= 0.5 && f <= 2) || f == 1))
            throw new ArgumentOutOfRangeException(nameof(SpeedFactors), "Speed factors must lie between 0.5 and 2 and differ from 1.");
        if (NoiseVariants is < 1 or > 16)
            throw new ArgumentOutOfRangeException(nameof(NoiseVariants), NoiseVariants, "Make between 1 and 16 noisy variants per clip.");
        if (!double.IsFinite(MinSnrDb) || !double.IsFinite(MaxSnrDb) || MinSnrDb > MaxSnrDb)
            throw new ArgumentOutOfRangeException(nameof(MinSnrDb), "The signal-to-noise range must be finite, lowest first.");
        if (TimeMasks < 0 || CoefficientMasks < 0 || MaxTimeMaskFrames < 0 || MaxCoefficientMaskWidth < 0)
            throw new ArgumentOutOfRangeException(nameof(TimeMasks), "Mask counts and widths must not be negative.");
        return this;
    }

    /// <summary>One line for reports: what each kind in use does, with its settings.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Has(AugmentationKind.SpeedPerturbation))
            parts.Add(FormattableString.Invariant($"SpeedPerturbation (factors {string.Join(", ", SpeedFactors.Select(f => f.ToString("0.###", CultureInfo.InvariantCulture)))})"));
        if (Has(AugmentationKind.Noise))
            parts.Add(FormattableString.Invariant($"Noise ({NoiseVariants} white-noise variant(s) at {MinSnrDb:0.#}-{MaxSnrDb:0.#} dB SNR)"));
        if (Has(AugmentationKind.SpecAugment))
            parts.Add(FormattableString.Invariant($"SpecAugment ({TimeMasks} time mask(s) of 0-{MaxTimeMaskFrames} frames, {CoefficientMasks} coefficient mask(s) of 0-{MaxCoefficientMaskWidth}, filled with the clip's mean per coefficient)"));
        return string.Join("; ", parts) + (VariantCount > 1 ? FormattableString.Invariant($"; each clip uses one of {VariantCount} variants per epoch, drawn from the seed") : "");
    }
}
