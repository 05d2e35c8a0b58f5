using LightSerNet.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>A generated network made ready for training: Keras's initialisation, a channels-last first layer, no batch counters.</summary>
public static class TrainingNetwork
{
    /// <summary>
    /// Creates the network of <paramref name="architecture"/> with <paramref name="classCount"/> outputs, initialised as
    /// Keras does. Batch norm's num_batches_tracked counters are removed: they only matter for a cumulative momentum,
    /// which training never uses, and TorchSharp 0.107 increments them with a temporary Scalar that the garbage
    /// collector can finalise during the native call; after tens of thousands of steps that crashed a 300-epoch run
    /// ("Expected false to be true ... toLong at Scalar.h"), as DiffSharp/DiffSharp#183 describes for the same binding.
    /// </summary>
    /// <param name="architecture">The spec.</param>
    /// <param name="classCount">Outputs.</param>
    /// <param name="channelsLast">Channels-last kernels (<see cref="ChannelsLastLayout"/>; the same numbers, faster).</param>
    /// <param name="generator">
    /// Source of the initial weights and, afterwards, of the dropout masks (the caller keeps it alive and reseeds it);
    /// null is libtorch's global generator.
    /// </param>
    public static nn.Module<Tensor, Tensor> Create(ArchitectureDefinition architecture, int classCount, bool channelsLast = true,
        Generator? generator = null)
    {
        var network = NetworkFactory.Create(architecture.Name, classCount);
        KerasInitialisation.Apply(network, generator);
        foreach (var dropout in network.modules().OfType<SeededDropout>())
            dropout.Generator = generator;
        if (channelsLast)
            ChannelsLastLayout.Apply(network);
        foreach (var norm in network.modules().OfType<NormBase>())
        {
            norm.num_batches_tracked?.Dispose();
            norm.num_batches_tracked = null;
        }
        return network;
    }
}
