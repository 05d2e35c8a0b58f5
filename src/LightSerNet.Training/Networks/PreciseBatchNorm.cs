using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>
/// Re-estimates every batch-norm layer's running statistics exactly, as the average over the given batches
/// ("precise BN"). With Keras's momentum (0.01 in torch terms) the running statistics lag the weights by
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
        foreach (var norm in norms)
        {
            norm.reset_running_stats();
            norm.momentum = null; // cumulative average over the batches that follow
        }
        network.train();
        using (no_grad())
        {
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                network.call(batch);
            }
        }
        for (int i = 0; i < norms.Count; i++)
            norms[i].momentum = momenta[i];
        network.train(training);
    }
}
