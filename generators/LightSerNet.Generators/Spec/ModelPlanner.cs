using System;
using System.Collections.Generic;
using System.Linq;

namespace LightSerNet.Generators.Spec;

/// <summary>
/// Walks a spec from its input shape to its head: checks channels and shapes, counts parameters and
/// multiply-accumulates, and lays out the ONNX graph with Keras "same" padding (front gets the smaller half).
/// </summary>
internal static class ModelPlanner
{
    private readonly struct Shape
    {
        public Shape(int channels, int height, int width)
        {
            Channels = channels;
            Height = height;
            Width = width;
        }

        public int Channels { get; }
        public int Height { get; }
        public int Width { get; }
    }

    public static (ModelPlan? Plan, IReadOnlyList<SpecProblem> Problems) Plan(ArchitectureSpec spec)
    {
        var plan = new ModelPlan(spec);
        var problems = new List<SpecProblem>();
        var shape = new Shape(1, spec.Input.Frames, spec.Input.Coefficients);
        string tensor = "input.unsqueeze";
        var unsqueeze = new GraphNodeSpec("Unsqueeze", "input.unsqueeze", tensor, "features");
        unsqueeze.Ints.Add(("axes", new long[] { 1 }));
        plan.Graph.Add(unsqueeze);
        bool flat = false;

        foreach (var block in spec.Body)
        {
            if (flat)
            {
                problems.Add(new SpecProblem(SpecDiagnostics.ShapeMismatch, block.Line,
                    $"'{block.Name}' comes after global average pooling, which leaves no feature map to work on."));
                return (null, problems);
            }
            switch (block)
            {
                case SequenceBlock sequence:
                    (shape, tensor) = PlanSequence(plan, sequence, shape, tensor, problems);
                    break;
                case ParallelBlock parallel:
                    var outputs = new List<(Shape Shape, string Tensor, SequenceBlock Branch)>();
                    foreach (var branch in parallel.Branches)
                    {
                        var (branchShape, branchTensor) = PlanSequence(plan, branch, shape, tensor, problems);
                        outputs.Add((branchShape, branchTensor, branch));
                    }
                    var first = outputs[0];
                    foreach (var other in outputs.Skip(1))
                    {
                        if (other.Shape.Height != first.Shape.Height || other.Shape.Width != first.Shape.Width)
                        {
                            problems.Add(new SpecProblem(SpecDiagnostics.ShapeMismatch, other.Branch.Line,
                                $"Branch '{other.Branch.Name}' ends at {other.Shape.Height}x{other.Shape.Width} but '{first.Branch.Name}' at {first.Shape.Height}x{first.Shape.Width}; parallel branches must end at the same size to be concatenated."));
                        }
                    }
                    shape = new Shape(outputs.Sum(o => o.Shape.Channels), first.Shape.Height, first.Shape.Width);
                    tensor = parallel.Name + ".concat";
                    var concat = new GraphNodeSpec("Concat", tensor, tensor, outputs.Select(o => o.Tensor).ToArray());
                    concat.Ints.Add(("axis", new long[] { 1 }));
                    plan.Graph.Add(concat);
                    plan.Rows.Add(Row(tensor, "Concat", $"{parallel.Branches.Count} branches", shape));
                    break;
                case GlobalAveragePoolBlock:
                    plan.Graph.Add(new GraphNodeSpec("GlobalAveragePool", "globalavgpool", "globalavgpool", tensor));
                    var flatten = new GraphNodeSpec("Flatten", "globalavgpool.flatten", "globalavgpool.flatten", "globalavgpool");
                    flatten.Ints.Add(("axis", new long[] { 1 }));
                    plan.Graph.Add(flatten);
                    tensor = "globalavgpool.flatten";
                    shape = new Shape(shape.Channels, 1, 1);
                    plan.Rows.Add(Row("globalavgpool", "GlobalAvgPool", "mean over time and coefficients", shape));
                    flat = true;
                    break;
            }
        }

        if (!flat)
        {
            problems.Add(new SpecProblem(SpecDiagnostics.ShapeMismatch, spec.Head.FirstOrDefault()?.Line ?? 1,
                "The head needs a flat feature vector: end the body with {\"type\": \"globalavgpool\"}."));
            return (null, problems);
        }
        plan.HeadInputs = shape.Channels;
        foreach (var layer in spec.Head)
        {
            if (layer is DropoutLayer dropout)
            {
                var node = new GraphNodeSpec("Dropout", "dropout", "dropout", tensor);
                plan.Graph.Add(node);
                tensor = "dropout";
                plan.Rows.Add(Row("dropout", "Dropout", $"rate {dropout.Rate:0.###} (training only)", shape));
            }
            else if (layer is DenseLayer)
            {
                var gemm = new GraphNodeSpec("Gemm", "dense", "dense", tensor, "dense.weight", "dense.bias");
                gemm.Ints.Add(("transB", new long[] { 1 }));
                plan.Graph.Add(gemm);
                tensor = "dense";
                plan.Rows.Add(new LayerRow
                {
                    Name = "dense", Type = "Dense", Detail = $"{shape.Channels} -> classes", Channels = 0, Height = 1, Width = 1,
                    ParametersPerClass = shape.Channels + 1, MacsPerClass = shape.Channels,
                });
            }
        }
        var softmax = new GraphNodeSpec("Softmax", "probabilities", "probabilities", tensor);
        softmax.Ints.Add(("axis", new long[] { 1 }));
        plan.Graph.Add(softmax);
        return (problems.Count == 0 ? plan : null, problems);
    }

    private static (Shape, string) PlanSequence(ModelPlan plan, SequenceBlock block, Shape shape, string tensor, List<SpecProblem> problems)
    {
        foreach (var layer in block.Layers)
        {
            string name = block.Name + "." + layer.Name;
            switch (layer)
            {
                case ConvLayer conv:
                    if (conv.DeclaredInChannels is int declared && declared != shape.Channels)
                    {
                        problems.Add(new SpecProblem(SpecDiagnostics.ShapeMismatch, conv.Line,
                            $"'{name}' declares {declared} input channels, but the layer before it gives {shape.Channels}."));
                    }
                    var inputs = conv.Bias
                        ? new[] { tensor, name + ".weight", name + ".bias" }
                        : new[] { tensor, name + ".weight" };
                    var node = new GraphNodeSpec("Conv", name, name, inputs);
                    node.Ints.Add(("kernel_shape", new long[] { conv.KernelHeight, conv.KernelWidth }));
                    node.Ints.Add(("pads", SamePads(conv.KernelHeight, conv.KernelWidth, 1, 1, shape)));
                    node.Ints.Add(("strides", new long[] { 1, 1 }));
                    plan.Graph.Add(node);
                    long weights = (long)shape.Channels * conv.Filters * conv.KernelHeight * conv.KernelWidth;
                    var output = new Shape(conv.Filters, shape.Height, shape.Width);
                    plan.Rows.Add(new LayerRow
                    {
                        Name = name, Type = "Conv2d",
                        Detail = $"{shape.Channels}->{conv.Filters} {conv.KernelHeight}x{conv.KernelWidth} same{(conv.Bias ? "" : " no-bias")}{(conv.L2 ? " L2" : "")}",
                        Channels = output.Channels, Height = output.Height, Width = output.Width,
                        Parameters = weights + (conv.Bias ? conv.Filters : 0),
                        Macs = weights * output.Height * output.Width,
                    });
                    if (conv.L2)
                        plan.L2Parameters.Add(name + ".weight");
                    shape = output;
                    break;
                case BatchNormLayer:
                    var bn = new GraphNodeSpec("BatchNormalization", name, name, tensor,
                        name + ".weight", name + ".bias", name + ".running_mean", name + ".running_var");
                    bn.Floats.Add(("epsilon", plan.Spec.BatchNormEpsilon));
                    plan.Graph.Add(bn);
                    plan.Rows.Add(Row(name, "BatchNorm2d", $"eps {plan.Spec.BatchNormEpsilon:g}, momentum {plan.Spec.BatchNormMomentum:g}", shape, 2L * shape.Channels));
                    break;
                case ReluLayer:
                    plan.Graph.Add(new GraphNodeSpec("Relu", name, name, tensor));
                    plan.Rows.Add(Row(name, "ReLU", "", shape));
                    break;
                case AveragePoolLayer pool:
                    int height = Ceil(shape.Height, pool.Height), width = Ceil(shape.Width, pool.Width);
                    if (TorchPoolSize(shape.Height, pool.Height) != height || TorchPoolSize(shape.Width, pool.Width) != width)
                    {
                        problems.Add(new SpecProblem(SpecDiagnostics.ShapeMismatch, pool.Line,
                            $"'{name}' of {pool.Height}x{pool.Width} on a {shape.Height}x{shape.Width} map cannot reproduce Keras \"same\" pooling in TorchSharp."));
                    }
                    pool.TorchPadHeight = TorchPoolPadding(shape.Height, pool.Height);
                    pool.TorchPadWidth = TorchPoolPadding(shape.Width, pool.Width);
                    var avg = new GraphNodeSpec("AveragePool", name, name, tensor);
                    avg.Ints.Add(("kernel_shape", new long[] { pool.Height, pool.Width }));
                    avg.Ints.Add(("strides", new long[] { pool.Height, pool.Width }));
                    avg.Ints.Add(("pads", SamePads(pool.Height, pool.Width, pool.Height, pool.Width, shape)));
                    avg.Ints.Add(("count_include_pad", new long[] { 0 }));
                    plan.Graph.Add(avg);
                    shape = new Shape(shape.Channels, height, width);
                    plan.Rows.Add(Row(name, "AvgPool2d", $"{pool.Height}x{pool.Width} same", shape));
                    break;
            }
            tensor = name;
        }
        return (shape, tensor);
    }

    /// <summary>ONNX pads [top, left, bottom, right] for TensorFlow "SAME": total = max((out-1)*s + k - in, 0), front = total/2.</summary>
    private static long[] SamePads(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, Shape input)
    {
        long Total(int size, int kernel, int stride) => Math.Max((Ceil(size, stride) - 1) * stride + kernel - size, 0);
        long th = Total(input.Height, kernelHeight, strideHeight), tw = Total(input.Width, kernelWidth, strideWidth);
        return new[] { th / 2, tw / 2, th - th / 2, tw - tw / 2 };
    }

    /// <summary>Output size of TorchSharp AvgPool2d(kernel, stride = kernel, the padding below, ceil_mode).</summary>
    internal static int TorchPoolSize(int size, int kernel)
    {
        int pad = TorchPoolPadding(size, kernel);
        int output = (int)Math.Ceiling((size + 2.0 * pad - kernel) / kernel) + 1;
        if ((output - 1) * kernel >= size + pad)
            output--;
        return output;
    }

    /// <summary>The symmetric padding TorchSharp gets: TensorFlow's front padding.</summary>
    internal static int TorchPoolPadding(int size, int kernel) => (int)(Math.Max((Ceil(size, kernel) - 1) * kernel + kernel - size, 0) / 2);

    private static int Ceil(int size, int stride) => (size + stride - 1) / stride;

    private static LayerRow Row(string name, string type, string detail, Shape shape, long parameters = 0) => new()
    {
        Name = name, Type = type, Detail = detail, Channels = shape.Channels, Height = shape.Height, Width = shape.Width,
        Parameters = parameters,
    };
}
