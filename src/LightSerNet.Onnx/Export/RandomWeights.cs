using LightSerNet.Architectures;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// Weights of the right shapes for an architecture, drawn at random: Glorot-uniform kernels, small biases and
/// plausible batch-norm statistics. For benchmarks (speed does not depend on the weights) and for tests that need a
/// model without training one; never a model to label with.
/// </summary>
public static class RandomWeights
{
    /// <summary>Weights for <paramref name="architecture"/> with <paramref name="classes"/> outputs, reproducible from <paramref name="seed"/>.</summary>
    public static ModelWeights For(ArchitectureDefinition architecture, int classes, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var random = new Random(seed);
        var channels = new Dictionary<string, int>(StringComparer.Ordinal) { ["features"] = 0 };
        var layers = architecture.Layers.ToDictionary(l => l.Name, StringComparer.Ordinal);
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var node in architecture.Graph)
        {
            int input = node.Inputs.Count > 0 && channels.TryGetValue(node.Inputs[0], out int c) ? c : 0;
            switch (node.Op)
            {
                case "Unsqueeze":
                    channels[node.Output] = 1;
                    break;
                case "Conv":
                    int output = layers[node.Name].Channels;
                    var kernel = node.IntsOf("kernel_shape")!;
                    long[] shape = [output, input, kernel[0], kernel[1]];
                    int fanIn = input * (int)(kernel[0] * kernel[1]), fanOut = output * (int)(kernel[0] * kernel[1]);
                    tensors[node.Inputs[1]] = Uniform(random, shape, Math.Sqrt(6.0 / (fanIn + fanOut)));
                    if (node.Inputs.Count > 2)
                        tensors[node.Inputs[2]] = Uniform(random, [output], 0.05);
                    channels[node.Output] = output;
                    break;
                case "BatchNormalization":
                    tensors[node.Inputs[1]] = Uniform(random, [input], 0.25, 1.0);
                    tensors[node.Inputs[2]] = Uniform(random, [input], 0.1);
                    tensors[node.Inputs[3]] = Uniform(random, [input], 0.1);
                    tensors[node.Inputs[4]] = Uniform(random, [input], 0.25, 1.0);
                    channels[node.Output] = input;
                    break;
                case "Concat":
                    channels[node.Output] = node.Inputs.Sum(i => channels[i]);
                    break;
                case "Gemm":
                    tensors[node.Inputs[1]] = Uniform(random, [classes, architecture.HeadInputs], Math.Sqrt(6.0 / (classes + architecture.HeadInputs)));
                    tensors[node.Inputs[2]] = Uniform(random, [classes], 0.05);
                    channels[node.Output] = classes;
                    break;
                default:
                    channels[node.Output] = input;
                    break;
            }
        }
        return new ModelWeights(tensors);
    }

    private static WeightTensor Uniform(Random random, long[] shape, double halfWidth, double centre = 0)
    {
        var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(centre + (random.NextDouble() * 2 - 1) * halfWidth);
        return new WeightTensor(data, shape);
    }
}
