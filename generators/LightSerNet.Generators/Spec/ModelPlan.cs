using System.Collections.Generic;

namespace LightSerNet.Generators.Spec;

/// <summary>A spec with every shape worked out: the readable layer table, the ONNX graph and the L2 parameter list.</summary>
internal sealed class ModelPlan
{
    public ModelPlan(ArchitectureSpec spec) => Spec = spec;

    public ArchitectureSpec Spec { get; }
    public List<LayerRow> Rows { get; } = new();
    public List<GraphNodeSpec> Graph { get; } = new();
    public List<string> L2Parameters { get; } = new();

    /// <summary>Width of the vector the dense head receives.</summary>
    public int HeadInputs { get; set; }
}

/// <summary>One line of the layer table Get-SerArchitecture prints.</summary>
internal sealed class LayerRow
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Detail { get; set; } = "";
    public int Channels { get; set; }
    public int Height { get; set; }
    public int Width { get; set; }
    public long Parameters { get; set; }
    public long Macs { get; set; }
    public long ParametersPerClass { get; set; }
    public long MacsPerClass { get; set; }
}

/// <summary>One ONNX node; inputs name graph tensors or TorchSharp state-dict entries (initializers).</summary>
internal sealed class GraphNodeSpec
{
    public GraphNodeSpec(string op, string name, string output, params string[] inputs)
    {
        Op = op;
        Name = name;
        Output = output;
        Inputs = inputs;
    }

    public string Op { get; }
    public string Name { get; }
    public string Output { get; }
    public string[] Inputs { get; }
    public List<(string Name, long[] Values)> Ints { get; } = new();
    public List<(string Name, double Value)> Floats { get; } = new();
}
