namespace LightSerNet.Architectures;

/// <summary>
/// One network architecture, generated from its spec: what it takes, its layers, its ONNX graph (with
/// initializer names equal to the TorchSharp state-dict names) and the label order of each corpus.
/// </summary>
/// <param name="Name">Spec name, e.g. light-sernet.</param>
/// <param name="ClassName">C# stem of the generated types.</param>
/// <param name="Description">One-sentence description from the spec.</param>
/// <param name="SpecFile">File name of the spec.</param>
/// <param name="SpecHash">SHA-256 of the spec text; exported models record it.</param>
/// <param name="Input">Feature input the network expects.</param>
/// <param name="BatchNorm">Batch-normalisation settings in torch's convention.</param>
/// <param name="L2">L2 coefficient applied to <paramref name="L2Parameters"/>.</param>
/// <param name="L2Parameters">State-dict names of the kernels that carry the L2 penalty.</param>
/// <param name="HeadInputs">Width of the vector the dense head receives.</param>
/// <param name="Layers">The readable layer table.</param>
/// <param name="Graph">The ONNX graph, in topological order.</param>
/// <param name="LabelSets">Label order per corpus.</param>
public sealed record ArchitectureDefinition(
    string Name,
    string ClassName,
    string Description,
    string SpecFile,
    string SpecHash,
    InputShape Input,
    BatchNormSettings BatchNorm,
    double L2,
    IReadOnlyList<string> L2Parameters,
    int HeadInputs,
    IReadOnlyList<LayerInfo> Layers,
    IReadOnlyList<GraphNode> Graph,
    IReadOnlyList<LabelSet> LabelSets)
{
    /// <summary>Trainable parameters of the network with <paramref name="classCount"/> outputs.</summary>
    public long ParameterCount(int classCount) => Layers.Sum(l => l.Parameters + l.ParametersPerClass * classCount);

    /// <summary>Multiply-accumulates for one input clip.</summary>
    public long Macs(int classCount) => Layers.Sum(l => l.Macs + l.MacsPerClass * classCount);

    /// <summary>The label set of <paramref name="corpus"/> (case-insensitive), or null.</summary>
    public LabelSet? FindLabels(string corpus) =>
        LabelSets.FirstOrDefault(s => string.Equals(s.Corpus, corpus, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The features a network takes: [frames, coefficients] of one kind, from clips of a duration.</summary>
/// <param name="Kind">Mfcc, Spectrogram or MelSpectrogram.</param>
/// <param name="Duration">Clip length in seconds.</param>
/// <param name="SampleRate">Sample rate the features are computed at.</param>
/// <param name="FrameLength">STFT frame length in samples.</param>
/// <param name="FrameStep">STFT hop in samples.</param>
/// <param name="Frames">Frames per clip.</param>
/// <param name="Coefficients">Coefficients per frame.</param>
public sealed record InputShape(string Kind, double Duration, int SampleRate, int FrameLength, int FrameStep, int Frames, int Coefficients)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Frames}x{Coefficients} ({Duration:0.###} s)";
}

/// <summary>Batch normalisation in torch's convention (momentum = 1 - Keras momentum).</summary>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Momentum">Weight of the new batch in the running statistics.</param>
public sealed record BatchNormSettings(double Epsilon, double Momentum);

/// <summary>A row of the layer table.</summary>
/// <param name="Name">State-dict prefix, e.g. lflb1.conv.</param>
/// <param name="Type">Conv2d, BatchNorm2d, ReLU, AvgPool2d, Concat, GlobalAvgPool, Dropout, Dense.</param>
/// <param name="Detail">Channels, kernel, padding in words.</param>
/// <param name="Channels">Output channels (0 for the dense head: one per class).</param>
/// <param name="Height">Output height (frames axis).</param>
/// <param name="Width">Output width (coefficients axis).</param>
/// <param name="Parameters">Trainable parameters that do not depend on the class count.</param>
/// <param name="Macs">Multiply-accumulates that do not depend on the class count.</param>
/// <param name="ParametersPerClass">Trainable parameters per output class.</param>
/// <param name="MacsPerClass">Multiply-accumulates per output class.</param>
public sealed record LayerInfo(string Name, string Type, string Detail, int Channels, int Height, int Width,
    long Parameters, long Macs, long ParametersPerClass, long MacsPerClass)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Name,-18} {Type,-13} {Detail,-28} -> {(Channels == 0 ? "classes" : $"{Channels}x{Height}x{Width}")}";
}
