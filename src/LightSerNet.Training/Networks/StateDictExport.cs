using LightSerNet.Onnx.Export;
using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>Copies a network's state dict into plain arrays, so export and checkpoints need no libtorch.</summary>
public static class StateDictExport
{
    /// <summary>Every float tensor of <paramref name="network"/>'s state dict by name (num_batches_tracked is left out).</summary>
    public static ModelWeights ToWeights(nn.Module network)
    {
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in network.state_dict())
        {
            if (tensor.dtype != ScalarType.Float32)
                continue;
            using var cpu = tensor.detach().cpu().contiguous();
            tensors[name] = new WeightTensor(cpu.data<float>().ToArray(), cpu.shape);
        }
        return new ModelWeights(tensors);
    }
}
