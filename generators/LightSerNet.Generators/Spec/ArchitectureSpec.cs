using System.Collections.Generic;

namespace LightSerNet.Generators.Spec;

/// <summary>A parsed, validated architecture spec: everything the emitters need, shapes included.</summary>
internal sealed class ArchitectureSpec
{
    public string Name { get; set; } = "";
    public string ClassName { get; set; } = "";
    public string Description { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Hash { get; set; } = "";
    public InputSpec Input { get; set; } = new();
    public double BatchNormEpsilon { get; set; } = 1e-3;
    public double BatchNormMomentum { get; set; } = 0.01;
    public double L2 { get; set; }
    public List<Block> Body { get; } = new();
    public List<Layer> Head { get; } = new();
    public List<LabelSetSpec> Labels { get; } = new();
}

internal sealed class InputSpec
{
    public string Kind { get; set; } = "Mfcc";
    public double Duration { get; set; } = 3;
    public int SampleRate { get; set; } = 16000;
    public int FrameLength { get; set; } = 1024;
    public int FrameStep { get; set; } = 256;
    public int Frames { get; set; }
    public int Coefficients { get; set; }
}

/// <summary>A top-level body entry: a named sequence of layers, parallel branches, or global average pooling.</summary>
internal abstract class Block
{
    public string Name { get; set; } = "";
    public int Line { get; set; }
}

internal sealed class SequenceBlock : Block
{
    public List<Layer> Layers { get; } = new();
}

internal sealed class ParallelBlock : Block
{
    public List<SequenceBlock> Branches { get; } = new();
}

internal sealed class GlobalAveragePoolBlock : Block
{
}

/// <summary>A primitive layer inside a sequence, or a head layer.</summary>
internal abstract class Layer
{
    /// <summary>Submodule name inside its block: conv, bn, relu, pool (numbered when repeated), dropout, dense.</summary>
    public string Name { get; set; } = "";
    public int Line { get; set; }
}

internal sealed class ConvLayer : Layer
{
    public int Filters { get; set; }
    public int KernelHeight { get; set; }
    public int KernelWidth { get; set; }
    public bool Bias { get; set; }
    public bool L2 { get; set; }
    public int? DeclaredInChannels { get; set; }
}

internal sealed class BatchNormLayer : Layer
{
}

internal sealed class ReluLayer : Layer
{
}

internal sealed class AveragePoolLayer : Layer
{
    public int Height { get; set; }
    public int Width { get; set; }

    /// <summary>Symmetric padding that makes TorchSharp's ceil-mode pooling equal Keras "same" (set by the planner).</summary>
    public int TorchPadHeight { get; set; }
    public int TorchPadWidth { get; set; }
}

internal sealed class DropoutLayer : Layer
{
    public double Rate { get; set; }
}

internal sealed class DenseLayer : Layer
{
    /// <summary>Output units; 0 means one per class of the label set the model is trained on.</summary>
    public int Units { get; set; }
}

internal sealed class LabelSetSpec
{
    public string Corpus { get; set; } = "";
    public int Line { get; set; }
    public List<(string Name, string Code)> Labels { get; } = new();
}
