using LightSerNet.Evaluation;
using LightSerNet.Training.Data;
using LightSerNet.Training.Loop;
using static TorchSharp.torch;

namespace LightSerNet.Training.Augmentation;

/// <summary>
/// Training batches with augmentation: each clip uses one of its feature variants (uniformly, the clean one
/// included) and gets fresh SpecAugment masks, both drawn from (seed, fold, epoch, clip) alone, so a resumed run
/// sees exactly the batches an uninterrupted one would, whatever the batch order. The set itself is never changed:
/// evaluation and batch-norm statistics keep reading the clean features.
/// </summary>
internal sealed class BatchAugmenter(TrainingSet set, AugmentationOptions options, int seed)
{
    /// <summary>The variant clip <paramref name="clip"/> uses in <paramref name="epoch"/> of <paramref name="fold"/>.</summary>
    public int VariantOf(int fold, int epoch, int clip) =>
        options.IsAudioLevel ? (int)(SeededOrder.Mix(seed, fold, epoch, 3, clip) % (ulong)set.VariantCount) : 0;

    /// <summary>The SpecAugment masks of that clip then, or null when SpecAugment is off.</summary>
    public SpecAugmentMasks? MasksOf(int fold, int epoch, int clip) =>
        options.Has(AugmentationKind.SpecAugment)
            ? SpecAugmentMasks.Draw(set.Frames, set.Coefficients, options, SeededOrder.Mix(seed, fold, epoch, 4, clip))
            : null;

    /// <summary>The augmented features of the clips at <paramref name="indices"/>, [batch, frames, coefficients] row-major.</summary>
    public float[] Features(ReadOnlySpan<int> indices, int fold, int epoch)
    {
        int length = set.Frames * set.Coefficients;
        var buffer = new float[indices.Length * length];
        for (int i = 0; i < indices.Length; i++)
        {
            var target = buffer.AsSpan(i * length, length);
            set.Clip(indices[i], VariantOf(fold, epoch, indices[i])).CopyTo(target);
            MasksOf(fold, epoch, indices[i])?.Apply(target, set.Frames, set.Coefficients);
        }
        return buffer;
    }

    /// <summary>As <see cref="Features"/>, as a tensor.</summary>
    public Tensor Batch(ReadOnlySpan<int> indices, int fold, int epoch) =>
        tensor(Features(indices, fold, epoch), [indices.Length, set.Frames, set.Coefficients]);
}
