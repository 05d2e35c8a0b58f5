namespace LightSerNet.Architectures;

/// <summary>
/// One node of a network's ONNX graph. Inputs name graph tensors (the previous node's output, or "features")
/// or initializers, which are TorchSharp state-dict names such as "lflb1.conv.weight".
/// </summary>
/// <param name="Op">ONNX operator type.</param>
/// <param name="Name">Node name (also its output tensor's name).</param>
/// <param name="Inputs">Input tensor and initializer names.</param>
/// <param name="Output">Output tensor name.</param>
/// <param name="Attributes">ONNX attributes.</param>
public sealed record GraphNode(string Op, string Name, IReadOnlyList<string> Inputs, string Output, IReadOnlyList<GraphAttribute> Attributes)
{
    /// <summary>The integer-list attribute <paramref name="name"/>, or null.</summary>
    public IReadOnlyList<long>? IntsOf(string name) => Attributes.FirstOrDefault(a => a.Name == name)?.IntValues;

    /// <summary>The float attribute <paramref name="name"/>, or null.</summary>
    public double? FloatOf(string name) => Attributes.FirstOrDefault(a => a.Name == name)?.FloatValue;
}

/// <summary>An ONNX attribute: a list of integers or one float.</summary>
/// <param name="Name">Attribute name.</param>
/// <param name="IntValues">Integer values, or null.</param>
/// <param name="FloatValue">Float value, or null.</param>
public sealed record GraphAttribute(string Name, IReadOnlyList<long>? IntValues, double? FloatValue)
{
    /// <summary>An integer (list) attribute.</summary>
    public static GraphAttribute Ints(string name, params long[] values) => new(name, values, null);

    /// <summary>A float attribute.</summary>
    public static GraphAttribute Float(string name, double value) => new(name, null, value);
}
