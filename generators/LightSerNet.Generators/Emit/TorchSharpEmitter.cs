using System.Collections.Generic;
using System.Linq;
using LightSerNet.Generators.Spec;

namespace LightSerNet.Generators.Emit;

/// <summary>
/// Emits the TorchSharp network for a spec: one named Sequential per block (so state-dict names are
/// "block.layer.weight", the names the ONNX graph uses), a dropout and a dense head, and a short forward. The dropout
/// is the training assembly's SeededDropout, whose masks come from a generator per fold, so folds can train side by
/// side and stay repeatable. Input is [N, frames, coefficients]; output is logits [N, classes].
/// </summary>
internal static class TorchSharpEmitter
{
    public static string Emit(ModelPlan plan)
    {
        var spec = plan.Spec;
        var sequences = spec.Body.SelectMany(b => b switch
        {
            SequenceBlock s => new[] { s },
            ParallelBlock p => p.Branches.ToArray(),
            _ => new SequenceBlock[0],
        }).ToList();
        var dropout = spec.Head.OfType<DropoutLayer>().FirstOrDefault();

        var w = new SourceWriter();
        w.GeneratedHeader($"{spec.FileName}. Edit the spec, not this file.")
         .Line()
         .Line("using TorchSharp;")
         .Line("using TorchSharp.Modules;")
         .Line("using static TorchSharp.torch;")
         .Line("using static TorchSharp.torch.nn;")
         .Line()
         .Line("namespace LightSerNet.Training.Networks;")
         .Line()
         .Line($"/// <summary>{spec.Name}: features [N, {spec.Input.Frames}, {spec.Input.Coefficients}] to class logits.</summary>")
         .Open($"public sealed class {spec.ClassName}Network : Module<Tensor, Tensor>");
        foreach (var block in sequences)
            w.Line($"private readonly Sequential {block.Name};");
        if (dropout is not null)
            w.Line("private readonly SeededDropout dropout;");
        w.Line("private readonly Linear dense;")
         .Line()
         .Line($"/// <summary>Builds the layers with TorchSharp's default initialisation; the trainer re-initialises them as Keras does.</summary>")
         .Open($"public {spec.ClassName}Network(int classCount) : base({SourceWriter.Literal(spec.Name)})");

        var channels = ChannelsIntoBlocks(spec);
        foreach (var block in sequences)
        {
            int inChannels = channels[block];
            var lines = new List<string>();
            foreach (var layer in block.Layers)
            {
                switch (layer)
                {
                    case ConvLayer conv:
                        lines.Add($"(\"{conv.Name}\", Conv2d({inChannels}, {conv.Filters}, ({conv.KernelHeight}, {conv.KernelWidth}), {ConvPadding(conv)}, bias: {(conv.Bias ? "true" : "false")}))");
                        inChannels = conv.Filters;
                        break;
                    case BatchNormLayer bn:
                        lines.Add($"(\"{bn.Name}\", BatchNorm2d({inChannels}, eps: {SourceWriter.Number(spec.BatchNormEpsilon)}, momentum: {SourceWriter.Number(spec.BatchNormMomentum)}))");
                        break;
                    case ReluLayer relu:
                        lines.Add($"(\"{relu.Name}\", ReLU())");
                        break;
                    case AveragePoolLayer pool:
                        lines.Add($"(\"{pool.Name}\", AvgPool2d(({pool.Height}, {pool.Width}), padding: ({pool.TorchPadHeight}, {pool.TorchPadWidth}), ceil_mode: true, count_include_pad: false))");
                        break;
                }
            }
            w.Line($"{block.Name} = Sequential(");
            for (int i = 0; i < lines.Count; i++)
                w.Line("    " + lines[i] + (i == lines.Count - 1 ? ");" : ","));
        }
        if (dropout is not null)
            w.Line($"dropout = new SeededDropout({SourceWriter.Number(dropout.Rate)});");
        w.Line($"dense = Linear({plan.HeadInputs}, classCount);")
         .Line("RegisterComponents();")
         .Close()
         .Line()
         .Line("/// <inheritdoc />")
         .Open("public override Tensor forward(Tensor features)")
         .Line("var x = features.unsqueeze(1);");
        foreach (var block in spec.Body)
        {
            switch (block)
            {
                case SequenceBlock sequence:
                    w.Line($"x = {sequence.Name}.call(x);");
                    break;
                case ParallelBlock parallel:
                    w.Line($"x = cat([{string.Join(", ", parallel.Branches.Select(b => b.Name + ".call(x)"))}], 1);");
                    break;
                case GlobalAveragePoolBlock:
                    w.Line("x = x.mean([2, 3]);");
                    break;
            }
        }
        w.Line(dropout is null ? "return dense.call(x);" : "return dense.call(dropout.call(x));")
         .Close()
         .Close();
        return w.ToString();
    }

    /// <summary>Maps spec names to network constructors for projects that reference TorchSharp.</summary>
    public static string EmitFactory(IEnumerable<ModelPlan> plans)
    {
        var w = new SourceWriter();
        w.GeneratedHeader("module/architectures/*.arch.json.")
         .Line()
         .Line("namespace LightSerNet.Training.Networks;")
         .Line()
         .Line("/// <summary>Creates the TorchSharp network of any architecture spec compiled into this assembly.</summary>")
         .Open("public static class NetworkFactory")
         .Line("/// <summary>The network for <paramref name=\"architecture\"/> (a spec name such as light-sernet) with <paramref name=\"classCount\"/> outputs.</summary>")
         .Line("public static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Create(string architecture, int classCount) => architecture switch")
         .Line("{");
        foreach (var plan in plans.OrderBy(p => p.Spec.Name, System.StringComparer.Ordinal))
            w.Line($"    {SourceWriter.Literal(plan.Spec.Name)} => new {plan.Spec.ClassName}Network(classCount),");
        w.Line("    _ => throw new System.ArgumentException($\"No architecture named '{architecture}' was compiled in.\", nameof(architecture)),")
         .Line("};")
         .Close();
        return w.ToString();
    }

    private static string ConvPadding(ConvLayer conv) =>
        conv.KernelHeight % 2 == 1 && conv.KernelWidth % 2 == 1
            ? $"padding: ({conv.KernelHeight / 2}, {conv.KernelWidth / 2})"
            : "Padding.Same";

    private static Dictionary<SequenceBlock, int> ChannelsIntoBlocks(ArchitectureSpec spec)
    {
        var result = new Dictionary<SequenceBlock, int>();
        int channels = 1;
        foreach (var block in spec.Body)
        {
            if (block is SequenceBlock sequence)
            {
                result[sequence] = channels;
                channels = OutChannels(sequence, channels);
            }
            else if (block is ParallelBlock parallel)
            {
                int total = 0;
                foreach (var branch in parallel.Branches)
                {
                    result[branch] = channels;
                    total += OutChannels(branch, channels);
                }
                channels = total;
            }
        }
        return result;
    }

    private static int OutChannels(SequenceBlock block, int channels) =>
        block.Layers.OfType<ConvLayer>().LastOrDefault()?.Filters ?? channels;
}
