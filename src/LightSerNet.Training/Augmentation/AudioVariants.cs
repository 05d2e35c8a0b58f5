using System.Security.Cryptography;
using System.Text;
using LightSerNet.Audio.Resampling;
using LightSerNet.Evaluation;
using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Augmentation;

/// <summary>
/// The audio-level variants of one recording, in variant order (variant 0, the clean clip, is not among them): one
/// per speed factor, then the noisy ones. Noise and its ratio are seeded by the clip's id and the variant, not by the
/// run's seed, so cached features serve every run; the run's seed chooses which variant a clip uses in an epoch.
/// </summary>
internal sealed class AudioVariants(AugmentationOptions options, int sampleRate)
{
    private readonly PolyphaseResampler[] _speeds = options.SpeedVariants.Select(f => SpeedPerturbation.Resampler(f, sampleRate)).ToArray();

    /// <summary>Variants besides the clean one.</summary>
    public int Count => options.VariantCount - 1;

    /// <summary>The variants of <paramref name="samples"/>, the whole decoded recording of clip <paramref name="clipId"/>.</summary>
    public IEnumerable<float[]> Of(float[] samples, string clipId)
    {
        foreach (var speed in _speeds)
            yield return speed.Process(samples);
        if (!options.Has(AugmentationKind.Noise))
            yield break;
        for (int v = 0; v < options.NoiseVariants; v++)
            yield return WhiteNoise.Add(samples, SnrOf(clipId, v), SeededOrder.Mix(StableHash(clipId), v, 1));
    }

    /// <summary>The ratio noisy variant <paramref name="variant"/> (0-based among the noisy ones) of a clip gets.</summary>
    public double SnrOf(string clipId, int variant)
    {
        ulong state = SeededOrder.Mix(StableHash(clipId), variant, 0);
        return options.MinSnrDb + (options.MaxSnrDb - options.MinSnrDb) * SeededOrder.Uniform(ref state);
    }

    // string.GetHashCode is randomised per process; the cache needs the same noise in every process.
    private static long StableHash(string text) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
