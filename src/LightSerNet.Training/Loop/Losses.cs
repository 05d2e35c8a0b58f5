using LightSerNet.Evaluation;
using static TorchSharp.torch;

namespace LightSerNet.Training.Loop;

/// <summary>The objectives: cross-entropy and focal loss, plus the L2 penalty Keras adds for regularised kernels.</summary>
internal static class Losses
{
    public static Tensor Compute(LossKind kind, double gamma, Tensor logits, Tensor labels)
    {
        if (kind == LossKind.CrossEntropy)
            return nn.functional.cross_entropy(logits, labels);
        // Focal loss: -(1 - p_t)^gamma * log p_t, averaged over the batch.
        var logProbabilities = nn.functional.log_softmax(logits, 1);
        var logTarget = logProbabilities.gather(1, labels.unsqueeze(1)).squeeze(1);
        var target = logTarget.exp();
        return -((1 - target).pow(gamma) * logTarget).mean();
    }

    /// <summary>coefficient * sum of squares of <paramref name="kernels"/> (Keras kernel_regularizer=l2(coefficient)).</summary>
    public static Tensor L2(IEnumerable<Tensor> kernels, Tensor coefficient)
    {
        Tensor? sum = null;
        foreach (var kernel in kernels)
            sum = sum is null ? kernel.square().sum() : sum + kernel.square().sum();
        return (sum ?? zeros(1)) * coefficient;
    }
}
