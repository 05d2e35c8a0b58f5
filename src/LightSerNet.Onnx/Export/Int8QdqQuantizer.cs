using System.Globalization;
using System.Text.Json;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// Static QDQ quantisation of a float32 model (the format ONNX Runtime's quantiser writes): QuantizeLinear /
/// DequantizeLinear pairs around the convolutions, pools and concatenations of the network's body, int8 weights per
/// output channel, int32 biases, uint8 activations per tensor with ranges measured on calibration features. ONNX
/// Runtime recognises each DQ -> op -> Q group and runs it as one integer kernel (QLinearConv, QLinearAveragePool).
/// </summary>
/// <remarks>
/// Choices, and why (measured with ONNX Runtime 1.31 on one AVX-512 VNNI core, light-sernet, batch 64):
/// <list type="bullet">
/// <item>Weights: symmetric int8 in [-127, 127], one scale per output channel (axis 0): batch-norm folding gives
/// channels very different magnitudes, which one scale per tensor would crush.</item>
/// <item>Activations: asymmetric uint8, one scale per tensor, from percentile ranges of the calibration clips (ActivationCalibrator), not the
/// plain min/max of ONNX Runtime's MinMax calibrator. uint8 activations with int8 weights is the fast x86-64 path (VNNI).</item>
/// <item>Convolutions reading fewer than <see cref="MinConvInputChannels"/> channels stay float32: the three
/// first-layer paths read the one-channel MFCC map, where QLinearConv took 4x the float kernel's time (1.1 ms
/// against 0.27 ms per clip) and would quantise the input features too. A Concat is quantised only when all its
/// inputs are, so the float paths meet in float.</item>
/// <item>A Relu right after a quantised Conv is dropped: its output range starts at 0, so the uint8 zero point is 0
/// and QuantizeLinear's saturation does the Relu's work exactly; the Conv then fuses with its output Q.</item>
/// <item>An unpadded AveragePool between quantised tensors becomes a depthwise Conv with weights 1 / (kh * kw), which
/// int8 holds exactly (127 at scale w / 127): ONNX Runtime's QLinearAveragePool took 0.22 ms per clip after the first
/// LFLB, the depthwise QLinearConv 0.02 ms. A padded pool (count_include_pad 0 averages fewer taps at the edge) stays
/// a QLinearAveragePool.</item>
/// <item>The head (global pooling, Gemm, Softmax) stays float32: it is a few thousand multiply-adds.</item>
/// </list>
/// The whole model then ran at 1.45 ms per clip against 3.5 ms in float32 (all-int8 including the first layer: 3.1 ms).
/// </remarks>
public static class Int8QdqQuantizer
{
    /// <summary>Convolutions with fewer input channels than this stay float32 (see remarks).</summary>
    public const int MinConvInputChannels = 4;

    /// <summary>What the quantiser did, stored as the model's lightsernet.quantization metadata.</summary>
    public const string Description = "static QDQ; weights int8 symmetric per output channel; activations uint8 asymmetric per tensor; percentile calibration (0.01/99.99, mean over batches)";

    /// <summary>An int8 copy of the float32 <paramref name="model"/>, calibrated on <paramref name="calibration"/>.</summary>
    public static ModelProto Quantize(ModelProto model, CalibrationData calibration, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        calibration.Validate();
        var quantized = model.Clone();
        var graph = quantized.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        var selected = Select(graph, initializers);
        FoldReluIntoConv(graph, graphOutputs, selected);

        // Activations: every non-constant input and every output of a quantised node.
        var activations = new List<string>();
        foreach (var node in graph.Node.Where(selected.Contains))
        {
            foreach (var tensor in node.Input.Take(node.OpType == "Conv" ? 1 : node.Input.Count).Concat(node.Output))
            {
                if (!initializers.ContainsKey(tensor) && !activations.Contains(tensor))
                    activations.Add(tensor);
            }
        }
        if (activations.Count == 0)
            throw new ArgumentException("The model has no Conv, pooling or Concat node to quantise.", nameof(model));

        // The folded graph's tensor names all exist in the float32 graph (a folded Conv took its Relu's output name).
        var ranges = ActivationCalibrator.Measure(model, activations, calibration, intraOpThreads);
        var parameters = activations.ToDictionary(t => t, t => UInt8Parameters(ranges[t]), StringComparer.Ordinal);

        Rewrite(graph, initializers, parameters, selected);
        MetadataProps.Set(quantized, ModelMetadataKeys.Precision, nameof(ModelPrecision.Int8));
        MetadataProps.Set(quantized, ModelMetadataKeys.Quantization, JsonSerializer.Serialize(new
        {
            scheme = Description,
            calibration_clips = calibration.Clips,
            activations = activations.ToDictionary(t => t, t => new { min = ranges[t].Min, max = ranges[t].Max }),
        }));
        return quantized;
    }

    // Conv -> Relu (the Relu its only reader) becomes a Conv writing the Relu's output tensor.
    private static void FoldReluIntoConv(GraphProto graph, HashSet<string> graphOutputs, HashSet<NodeProto> selected)
    {
        var readers = Readers(graph);
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv" && selected.Contains(n)).ToList())
        {
            string output = conv.Output[0];
            if (graphOutputs.Contains(output) || readers[output].ToList() is not [{ OpType: "Relu" } relu])
                continue;
            conv.Output[0] = relu.Output[0];
            graph.Node.Remove(relu);
        }
    }

    // Which nodes run in int8, in graph order: a node is quantised when the rules in the remarks say so, and a Relu
    // after a quantised node counts as quantised (it is folded away).
    private static HashSet<NodeProto> Select(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        // Protobuf messages compare by value, and the Relu folding changes them: track the nodes themselves.
        var selected = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var quantizedOutputs = new HashSet<string>(StringComparer.Ordinal);
        var channels = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            long inputChannels = node.Input.Count > 0 && channels.TryGetValue(node.Input[0], out long c) ? c : 0;
            bool take = node.OpType switch
            {
                "Conv" => initializers[node.Input[1]].Dims[1] >= MinConvInputChannels,
                "AveragePool" or "MaxPool" => quantizedOutputs.Contains(node.Input[0]),
                "Concat" => node.Input.All(quantizedOutputs.Contains),
                "Relu" => quantizedOutputs.Contains(node.Input[0]),
                _ => false,
            };
            if (take && node.OpType == "AveragePool" && inputChannels > 0)
                TryAsDepthwiseConv(graph, node, inputChannels, initializers);
            if (take && node.OpType != "Relu")
                selected.Add(node);
            if (take)
                quantizedOutputs.UnionWith(node.Output);
            channels[node.Output[0]] = node.OpType switch
            {
                "Conv" when node.Input.Count > 1 && initializers.TryGetValue(node.Input[1], out var w) => w.Dims[0],
                "Concat" => node.Input.Sum(i => channels.GetValueOrDefault(i)),
                _ => inputChannels,
            };
        }
        return selected;
    }

    // An unpadded average pool is a depthwise convolution with every weight 1 / (kh * kw) (see remarks).
    private static void TryAsDepthwiseConv(GraphProto graph, NodeProto pool, long channels, Dictionary<string, TensorProto> initializers)
    {
        var attributes = pool.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        if (attributes.TryGetValue("pads", out var pads) && pads.Ints.Any(p => p != 0))
            return;
        if (attributes.TryGetValue("ceil_mode", out var ceil) && ceil.I != 0)
            return;
        var kernel = attributes["kernel_shape"].Ints.ToArray();
        var strides = attributes.TryGetValue("strides", out var s) ? s.Ints.ToArray() : kernel.Select(_ => 1L).ToArray();
        long taps = kernel.Aggregate(1L, (a, b) => a * b);
        var weight = new float[channels * taps];
        Array.Fill(weight, 1f / taps);
        string weightName = pool.Name + ".weight";
        var tensor = TensorProtos.Float(weightName, weight, [channels, 1, .. kernel]);
        graph.Initializer.Add(tensor);
        initializers[weightName] = tensor;
        pool.OpType = "Conv";
        pool.Input.Add(weightName);
        pool.Attribute.Clear();
        pool.Attribute.Add(new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints, Ints = { kernel } });
        pool.Attribute.Add(new AttributeProto { Name = "strides", Type = AttributeProto.Types.AttributeType.Ints, Ints = { strides } });
        pool.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = channels });
    }

    private static ILookup<string, NodeProto> Readers(GraphProto graph) =>
        graph.Node.SelectMany(n => n.Input.Select(i => (i, n))).ToLookup(p => p.i, p => p.n, StringComparer.Ordinal);

    private static void Rewrite(GraphProto graph, Dictionary<string, TensorProto> initializers, Dictionary<string, QuantParameters> parameters,
        HashSet<NodeProto> selected)
    {
        var nodes = graph.Node.ToList();
        var rewritten = new List<NodeProto>();
        var graphInputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (tensor, p) in parameters)
        {
            graph.Initializer.Add(TensorProtos.Float(tensor + ".scale", [p.Scale], []));
            graph.Initializer.Add(TensorProtos.UInt8(tensor + ".zero_point", [p.ZeroPoint], []));
        }
        // A quantised graph input is quantised before anything reads it.
        foreach (var tensor in parameters.Keys.Where(graphInputs.Contains))
            rewritten.Add(Quantize(tensor));

        foreach (var node in nodes)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                string input = node.Input[i];
                if (parameters.ContainsKey(input))
                {
                    // Each reader gets its own DequantizeLinear: ONNX Runtime fuses a DQ into one node group only.
                    string dequantized = $"{input}.dequantized.{node.Name}";
                    rewritten.Add(new NodeProto
                    {
                        Name = $"{input}.dequantize.{node.Name}",
                        OpType = "DequantizeLinear",
                        Input = { input + ".quantized", input + ".scale", input + ".zero_point" },
                        Output = { dequantized },
                    });
                    node.Input[i] = dequantized;
                }
            }
            if (node.OpType == "Conv" && selected.Contains(node))
                QuantizeConvConstants(graph, node, initializers, parameters, rewritten);
            rewritten.Add(node);
            foreach (var output in node.Output.Where(parameters.ContainsKey))
                rewritten.Add(Quantize(output));
        }
        graph.Node.Clear();
        graph.Node.AddRange(rewritten);
    }

    private static NodeProto Quantize(string tensor) => new()
    {
        Name = tensor + ".quantize",
        OpType = "QuantizeLinear",
        Input = { tensor, tensor + ".scale", tensor + ".zero_point" },
        Output = { tensor + ".quantized" },
    };

    // The weight becomes int8 per output channel and the bias int32 at scale input_scale * weight_scale[c], each read
    // through a DequantizeLinear on axis 0, which is the form ONNX Runtime folds into QLinearConv.
    private static void QuantizeConvConstants(GraphProto graph, NodeProto conv, Dictionary<string, TensorProto> initializers,
        Dictionary<string, QuantParameters> parameters, List<NodeProto> rewritten)
    {
        string activation = conv.Input[0];
        string inputTensor = activation[..activation.IndexOf(".dequantized.", StringComparison.Ordinal)];
        float inputScale = parameters[inputTensor].Scale;

        string weightName = conv.Input[1];
        var weight = initializers[weightName];
        var values = TensorProtos.ReadFloats(weight);
        int channels = (int)weight.Dims[0];
        int perChannel = values.Length / channels;
        var scales = new float[channels];
        var q = new sbyte[values.Length];
        for (int c = 0; c < channels; c++)
        {
            var row = values.AsSpan(c * perChannel, perChannel);
            float absMax = 0;
            foreach (float v in row)
                absMax = Math.Max(absMax, Math.Abs(v));
            // An all-zero channel still needs a positive scale; its values are all 0 whatever the scale.
            scales[c] = absMax > 0 ? absMax / 127f : 1f;
            for (int i = 0; i < perChannel; i++)
                q[c * perChannel + i] = (sbyte)Math.Clamp(MathF.Round(row[i] / scales[c], MidpointRounding.ToEven), -127, 127);
        }
        graph.Initializer.Remove(weight);
        graph.Initializer.Add(TensorProtos.Int8(weightName + ".int8", q, weight.Dims.ToArray()));
        graph.Initializer.Add(TensorProtos.Float(weightName + ".scale", scales, [channels]));
        graph.Initializer.Add(TensorProtos.Int8(weightName + ".zero_point", new sbyte[channels], [channels]));
        rewritten.Add(Dequantize(weightName, [weightName + ".int8", weightName + ".scale", weightName + ".zero_point"]));
        conv.Input[1] = weightName + ".dequantized";

        if (conv.Input.Count < 3 || conv.Input[2].Length == 0)
            return;
        string biasName = conv.Input[2];
        var bias = initializers[biasName];
        var biasValues = TensorProtos.ReadFloats(bias);
        var biasScales = new float[channels];
        var biasQ = new int[channels];
        for (int c = 0; c < channels; c++)
        {
            biasScales[c] = inputScale * scales[c];
            biasQ[c] = (int)Math.Clamp(Math.Round(biasValues[c] / (double)biasScales[c], MidpointRounding.ToEven), int.MinValue + 1, int.MaxValue);
        }
        graph.Initializer.Remove(bias);
        graph.Initializer.Add(TensorProtos.Int32(biasName + ".int32", biasQ, [channels]));
        graph.Initializer.Add(TensorProtos.Float(biasName + ".scale", biasScales, [channels]));
        // int32 DequantizeLinear takes no zero point (it must be 0).
        rewritten.Add(Dequantize(biasName, [biasName + ".int32", biasName + ".scale"]));
        conv.Input[2] = biasName + ".dequantized";
    }

    private static NodeProto Dequantize(string name, string[] inputs)
    {
        var node = new NodeProto { Name = name + ".dequantize", OpType = "DequantizeLinear", Output = { name + ".dequantized" } };
        node.Input.AddRange(inputs);
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        return node;
    }

    // Asymmetric uint8 as ONNX Runtime computes it: the range is widened to include 0, so 0 is exactly representable.
    private static QuantParameters UInt8Parameters(ActivationRange range)
    {
        double min = Math.Min(0, range.Min), max = Math.Max(0, range.Max);
        if (max - min < 1e-12)
            return new QuantParameters(1f, 0);
        double scale = (max - min) / 255.0;
        byte zeroPoint = (byte)Math.Clamp(Math.Round(-min / scale, MidpointRounding.ToEven), 0, 255);
        return new QuantParameters((float)scale, zeroPoint);
    }

    private readonly record struct QuantParameters(float Scale, byte ZeroPoint)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"scale {Scale:g6}, zero point {ZeroPoint}");
    }
}
