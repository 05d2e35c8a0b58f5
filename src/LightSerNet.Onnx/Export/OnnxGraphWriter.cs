using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LightSerNet.Architectures;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// Writes a trained network as an ONNX model from its generated graph description: batch normalisation folded
/// into the convolution before it, dropout removed, input "features" [N, frames, coefficients] (N dynamic),
/// output "probabilities" [N, classes], labels and configuration in metadata_props.
/// </summary>
public static class OnnxGraphWriter
{
    /// <summary>ONNX operator set the graph uses.</summary>
    public const int Opset = 17;

    private const long IrVersion = 8;

    /// <summary>Builds the model.</summary>
    public static ModelProto Build(OnnxExportRequest request)
    {
        var architecture = request.Architecture;
        var weights = request.Weights;
        int classes = request.Labels.Labels.Count;
        CheckHead(architecture, weights, classes, request.Labels);

        var graph = new GraphProto { Name = architecture.Name, DocString = architecture.Description };
        var written = new HashSet<string>(StringComparer.Ordinal);
        var alias = new Dictionary<string, string>(StringComparer.Ordinal);
        var consumers = architecture.Graph
            .SelectMany(n => n.Inputs.Select(input => (input, n)))
            .ToLookup(p => p.input, p => p.n, StringComparer.Ordinal);
        var folded = new HashSet<string>(StringComparer.Ordinal);

        string Resolve(string tensor) => alias.TryGetValue(tensor, out var target) ? Resolve(target) : tensor;

        foreach (var node in architecture.Graph)
        {
            switch (node.Op)
            {
                case "Dropout":
                    alias[node.Output] = node.Inputs[0];
                    continue;
                case "BatchNormalization" when folded.Contains(node.Name):
                    continue;
                case "Conv" when consumers[node.Output].ToList() is [{ Op: "BatchNormalization" } bn]:
                    var (weight, bias) = BatchNormFolding.Fold(weights[node.Inputs[1]], node.Inputs.Count > 2 ? weights[node.Inputs[2]] : null,
                        weights[bn.Inputs[1]], weights[bn.Inputs[2]], weights[bn.Inputs[3]], weights[bn.Inputs[4]], bn.FloatOf("epsilon") ?? 1e-5);
                    string biasName = node.Name + ".bias";
                    graph.Initializer.Add(FloatTensor(node.Inputs[1], weight));
                    graph.Initializer.Add(FloatTensor(biasName, bias));
                    written.Add(node.Inputs[1]);
                    written.Add(biasName);
                    graph.Node.Add(Node(node, [Resolve(node.Inputs[0]), node.Inputs[1], biasName], bn.Output));
                    folded.Add(bn.Name);
                    continue;
                case "Unsqueeze":
                    string axes = node.Name + ".axes";
                    graph.Initializer.Add(TensorProtos.Int64(axes, node.IntsOf("axes")!.ToArray()));
                    graph.Node.Add(new NodeProto { Name = node.Name, OpType = "Unsqueeze", Input = { Resolve(node.Inputs[0]), axes }, Output = { node.Output } });
                    continue;
            }
            var inputs = new List<string>();
            foreach (var input in node.Inputs)
            {
                if (weights.Contains(input))
                {
                    if (written.Add(input))
                        graph.Initializer.Add(FloatTensor(input, weights[input]));
                    inputs.Add(input);
                }
                else
                {
                    inputs.Add(Resolve(input));
                }
            }
            graph.Node.Add(Node(node, inputs, node.Output));
        }

        graph.Input.Add(TensorValue("features", [null, architecture.Input.Frames, architecture.Input.Coefficients]));
        graph.Output.Add(TensorValue(architecture.Graph[^1].Output, [null, classes]));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "LightSerNet.PS",
            ProducerVersion = ToolVersion,
            Domain = "lightsernet",
            ModelVersion = 1,
            DocString = $"{architecture.Name} ({architecture.SpecFile}) exported by LightSerNet.PS {ToolVersion}.",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in Metadata(request))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>The version of LightSerNet.PS recorded in exported files.</summary>
    public static string ToolVersion { get; } =
        typeof(OnnxGraphWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OnnxGraphWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private static void CheckHead(ArchitectureDefinition architecture, ModelWeights weights, int classes, LabelSet labels)
    {
        var dense = architecture.Graph.Last(n => n.Op == "Gemm");
        var shape = weights[dense.Inputs[1]].Shape;
        if (shape.Length != 2 || shape[0] != classes || shape[1] != architecture.HeadInputs)
        {
            throw new ArgumentException(
                $"The weights' head has shape [{string.Join(", ", shape)}], but {architecture.Name} with the {labels.Labels.Count} labels of {labels.Corpus} needs [{classes}, {architecture.HeadInputs}].");
        }
    }

    private static IEnumerable<(string Key, string Value)> Metadata(OnnxExportRequest request)
    {
        var architecture = request.Architecture;
        var standard = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelMetadataKeys.Labels] = JsonSerializer.Serialize(request.Labels.Names),
            [ModelMetadataKeys.LabelSet] = request.Labels.Corpus,
            [ModelMetadataKeys.Architecture] = architecture.Name,
            [ModelMetadataKeys.SpecHash] = architecture.SpecHash,
            [ModelMetadataKeys.Input] = JsonSerializer.Serialize(architecture.Input),
            [ModelMetadataKeys.Precision] = "Float32",
            [ModelMetadataKeys.CreatedUtc] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            [ModelMetadataKeys.ToolVersion] = ToolVersion,
        };
        foreach (var (key, value) in request.Metadata ?? new Dictionary<string, string>())
            standard[key] = value;
        return standard.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));
    }

    private static NodeProto Node(GraphNode node, IEnumerable<string> inputs, string output)
    {
        var proto = new NodeProto { Name = node.Name, OpType = node.Op, Output = { output } };
        proto.Input.AddRange(inputs);
        foreach (var attribute in node.Attributes)
        {
            if (attribute.FloatValue is double value)
            {
                proto.Attribute.Add(new AttributeProto { Name = attribute.Name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value });
            }
            else if (attribute.IntValues is { } ints)
            {
                // Attributes that ONNX defines as a single int (axis, transB, count_include_pad) are scalars.
                bool scalar = attribute.Name is "axis" or "transB" or "count_include_pad";
                var proto2 = scalar
                    ? new AttributeProto { Name = attribute.Name, Type = AttributeProto.Types.AttributeType.Int, I = ints[0] }
                    : new AttributeProto { Name = attribute.Name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { ints } };
                proto.Attribute.Add(proto2);
            }
        }
        return proto;
    }

    private static TensorProto FloatTensor(string name, WeightTensor tensor) => TensorProtos.Float(name, tensor.Data, tensor.Shape);

    private static ValueInfoProto TensorValue(string name, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is long value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
