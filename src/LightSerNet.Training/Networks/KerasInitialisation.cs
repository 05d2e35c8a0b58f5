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
    public static void Apply(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.xavier_uniform_(conv.weight);
                    if (conv.bias is not null)
                        nn.init.zeros_(conv.bias);
                    break;
                case Linear linear:
                    nn.init.xavier_uniform_(linear.weight);
                    if (linear.bias is not null)
                        nn.init.zeros_(linear.bias);
                    break;
            }
        }
    }
}
