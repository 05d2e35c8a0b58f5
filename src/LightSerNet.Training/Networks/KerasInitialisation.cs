using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>
/// Re-initialises a network as Keras does by default (the original relied on it): glorot-uniform kernels for
/// convolutions and dense layers, zero biases. Torch's default is kaiming-uniform.
/// </summary>
public static class KerasInitialisation
{
    /// <summary>Applies the Keras defaults to every Conv2d and Linear in <paramref name="network"/>.</summary>
    /// <param name="network">The network, changed in place.</param>
    /// <param name="generator">Where the uniform draws come from; null is libtorch's global generator.</param>
    public static void Apply(nn.Module network, Generator? generator = null)
    {
        using var noGrad = no_grad();
        if (generator is not null)
            ReplayConstruction(network, generator);
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    GlorotUniform(conv.weight!, generator);
                    if (conv.bias is not null)
                        nn.init.zeros_(conv.bias);
                    break;
                case Linear linear:
                    GlorotUniform(linear.weight!, generator);
                    if (linear.bias is not null)
                        nn.init.zeros_(linear.bias);
                    break;
            }
        }
    }

    // Before folds had generators of their own, the global one was seeded before the network was built, so torch's
    // default initialisation drew first (a uniform_ per kernel and per bias, in construction order) and glorot's draws
    // followed. Drawing the same amounts from the fold's generator keeps every earlier run's numbers; the values
    // themselves are overwritten next.
    private static void ReplayConstruction(nn.Module network, Generator generator)
    {
        foreach (var (_, module) in network.named_modules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            weight?.uniform_(0, 1, generator);
            bias?.uniform_(0, 1, generator);
        }
    }

    // torch::nn::init::xavier_uniform_ (gain 1) with a generator of our own: the same fans, the same bound computed
    // in the same order, one uniform_ draw, so a generator seeded as the global one gives the same kernels.
    private static void GlorotUniform(Tensor weight, Generator? generator)
    {
        long receptive = 1;
        for (int d = 2; d < weight.dim(); d++)
            receptive *= weight.shape[d];
        long fanIn = weight.shape[1] * receptive;
        long fanOut = weight.shape[0] * receptive;
        double std = 1.0 * Math.Sqrt(2.0 / (fanIn + fanOut));
        double bound = Math.Sqrt(3.0) * std;
        weight.uniform_(-bound, bound, generator);
    }
}
