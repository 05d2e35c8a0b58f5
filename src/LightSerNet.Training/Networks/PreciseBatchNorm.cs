using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>
/// Re-estimates every batch-norm layer's running statistics exactly, as the average of the statistics of the given
/// batches ("precise BN"). With Keras's momentum (0.01 in torch terms) the running statistics lag the weights by
/// hundreds of steps, which is most of the epoch-to-epoch swing in test accuracy the pilot measured.
/// </summary>
public static class PreciseBatchNorm
{
    /// <summary>Recomputes the statistics from <paramref name="batches"/> (inputs only; the caller owns them) and leaves the mode as it was.</summary>
    public static void Recompute(nn.Module<Tensor, Tensor> network, IEnumerable<Tensor> batches)
    {
        var norms = network.modules().OfType<NormBase>().ToList();
        var momenta = norms.Select(n => n.momentum).ToList();
        bool training = network.training;
        network.train();
        try
        {
            using var noGrad = no_grad();
            int k = 0;
            foreach (var batch in batches)
            {
                // running = (1 - m) * running + m * batch with m = 1 / (k + 1) is the running mean of the k + 1 batches
                // so far; the first batch (m = 1) replaces whatever was there. An explicit momentum keeps this to the
                // plain exponential-average path of every torch binding.
                foreach (var norm in norms)
                    norm.momentum = 1.0 / (k + 1);
                using var scope = NewDisposeScope();
                network.call(batch);
                k++;
            }
        }
        finally
        {
            for (int i = 0; i < norms.Count; i++)
                norms[i].momentum = momenta[i];
            network.train(training);
        }
    }
}
