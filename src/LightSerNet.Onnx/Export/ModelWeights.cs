namespace LightSerNet.Onnx.Export;

/// <summary>A float tensor by value: row-major data and its shape.</summary>
/// <param name="Data">Row-major values.</param>
/// <param name="Shape">Dimensions; their product is Data.Length.</param>
public sealed record WeightTensor(float[] Data, long[] Shape)
{
    /// <summary>Checks that the shape matches the data.</summary>
    public WeightTensor Validate(string name)
    {
        long count = Shape.Aggregate(1L, (a, b) => a * b);
        if (count != Data.Length)
            throw new ArgumentException($"Weight '{name}' has shape [{string.Join(", ", Shape)}] ({count} values) but {Data.Length} values.", nameof(Shape));
        return this;
    }
}

/// <summary>
/// A trained network's tensors keyed by TorchSharp state-dict name ("lflb1.conv.weight",
/// "lflb1.bn.running_var", ...): the bridge from training to export that needs no libtorch.
/// </summary>
public sealed class ModelWeights
{
    private readonly IReadOnlyDictionary<string, WeightTensor> _tensors;

    /// <summary>Wraps the tensors; every shape is checked against its data.</summary>
    public ModelWeights(IReadOnlyDictionary<string, WeightTensor> tensors)
    {
        foreach (var (name, tensor) in tensors)
            tensor.Validate(name);
        _tensors = tensors;
    }

    /// <summary>All tensor names.</summary>
    public IEnumerable<string> Names => _tensors.Keys;

    /// <summary>The tensor named <paramref name="name"/>; a missing one is an error that names it.</summary>
    public WeightTensor this[string name] => _tensors.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"The weights have no tensor '{name}', which the architecture's graph needs. Was the model trained from a different spec?");

    /// <summary>True when a tensor named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _tensors.ContainsKey(name);
}
