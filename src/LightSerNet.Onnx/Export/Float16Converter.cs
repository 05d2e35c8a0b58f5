using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// Turns a float32 model into one that stores every float weight as float16, each widened back to float32 by a Cast
/// node. Inputs, outputs and arithmetic stay float32.
/// </summary>
/// <remarks>
/// Why not a float16 graph: ONNX Runtime's CPU provider has no float16 Conv kernel on x86-64, so a float16 graph would
/// get a Cast inserted around every node and run slower than float32. Stored this way the file is half the size,
/// ONNX Runtime folds the Casts once when the session loads, and the only change is the rounding of the weights to
/// float16 (relative error at most 2^-11, smaller weights flush towards float16's subnormals).
/// </remarks>
public static class Float16Converter
{
    /// <summary>Suffix of the float16 initializers; the Cast node restores the original name.</summary>
    public const string Suffix = ".fp16";

    /// <summary>A float16-weight copy of <paramref name="model"/>; the original is left unchanged.</summary>
    public static ModelProto Convert(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var converted = model.Clone();
        var graph = converted.Graph;
        var casts = new List<NodeProto>();
        for (int i = 0; i < graph.Initializer.Count; i++)
        {
            var tensor = graph.Initializer[i];
            if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
                continue;
            var values = TensorProtos.ReadFloats(tensor);
            var halves = new Half[values.Length];
            for (int j = 0; j < values.Length; j++)
            {
                halves[j] = (Half)values[j];
                if (!Half.IsFinite(halves[j]))
                    throw new ArgumentException($"Weight '{tensor.Name}' holds {values[j]}, which float16 cannot represent (largest 65504); export this model as Float32.");
            }
            graph.Initializer[i] = TensorProtos.Float16(tensor.Name + Suffix, halves, tensor.Dims.ToArray());
            casts.Add(new NodeProto
            {
                Name = tensor.Name + ".cast",
                OpType = "Cast",
                Input = { tensor.Name + Suffix },
                Output = { tensor.Name },
                Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float } },
            });
        }
        // The Casts read only initializers, so they may go first: the node list stays topologically sorted.
        for (int i = casts.Count - 1; i >= 0; i--)
            graph.Node.Insert(0, casts[i]);
        MetadataProps.Set(converted, ModelMetadataKeys.Precision, nameof(ModelPrecision.Float16));
        return converted;
    }
}
