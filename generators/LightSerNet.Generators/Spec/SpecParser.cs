using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using LightSerNet.Generators.Json;

namespace LightSerNet.Generators.Spec;

/// <summary>Reads an *.arch.json spec into an <see cref="ArchitectureSpec"/>, collecting every problem with its line.</summary>
internal sealed class SpecParser
{
    private static readonly string[] BodyTypes = { "parallel", "sequence", "lflb", "globalavgpool" };
    private static readonly string[] SequenceTypes = { "conv", "batchnorm", "relu", "avgpool" };
    private static readonly string[] HeadTypes = { "dropout", "dense" };
    private static readonly string[] InputKinds = { "Mfcc", "Spectrogram", "MelSpectrogram" };

    private readonly List<SpecProblem> _problems = new();

    private SpecParser()
    {
    }

    public static (ArchitectureSpec? Spec, IReadOnlyList<SpecProblem> Problems) Parse(string path, string text)
    {
        var parser = new SpecParser();
        JsonNode root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            return (null, new[] { new SpecProblem(SpecDiagnostics.BadJson, e.Line, e.Message) });
        }
        var spec = parser.ReadSpec(root, path, text);
        return (parser._problems.Count == 0 ? spec : null, parser._problems);
    }

    private ArchitectureSpec ReadSpec(JsonNode root, string path, string text)
    {
        var spec = new ArchitectureSpec { FileName = Path.GetFileName(path), Hash = Sha256(text) };
        if (root.Kind != JsonKind.Object)
        {
            Problem(SpecDiagnostics.BadProperty, root.Line, "The spec must be a JSON object.");
            return spec;
        }
        spec.Name = RequiredString(root, "name", "the spec") ?? "";
        spec.ClassName = OptionalString(root, "className") ?? Pascal(spec.Name);
        spec.Description = OptionalString(root, "description") ?? "";
        spec.L2 = OptionalNumber(root, "l2") ?? 0;
        if (root["batchNorm"] is { Kind: JsonKind.Object } bn)
        {
            spec.BatchNormEpsilon = OptionalNumber(bn, "epsilon") ?? spec.BatchNormEpsilon;
            spec.BatchNormMomentum = OptionalNumber(bn, "momentum") ?? spec.BatchNormMomentum;
        }
        ReadInput(root, spec);
        ReadBody(root, spec);
        ReadHead(root, spec);
        ReadLabels(root, spec);
        return spec;
    }

    private void ReadInput(JsonNode root, ArchitectureSpec spec)
    {
        var input = root["input"];
        if (input is not { Kind: JsonKind.Object })
        {
            Problem(SpecDiagnostics.BadInput, input?.Line ?? root.Line, "The spec needs an \"input\" object with kind, duration, frames and coefficients.");
            return;
        }
        var shape = spec.Input;
        shape.Kind = RequiredString(input, "kind", "input") ?? shape.Kind;
        if (!InputKinds.Contains(shape.Kind))
            Problem(SpecDiagnostics.BadInput, input["kind"]?.Line ?? input.Line, $"Input kind '{shape.Kind}' is unknown; use {string.Join(", ", InputKinds)}.");
        shape.Duration = OptionalNumber(input, "duration") ?? shape.Duration;
        shape.SampleRate = (int)(OptionalNumber(input, "sampleRate") ?? shape.SampleRate);
        shape.FrameLength = (int)(OptionalNumber(input, "frameLength") ?? shape.FrameLength);
        shape.FrameStep = (int)(OptionalNumber(input, "frameStep") ?? shape.FrameStep);
        shape.Frames = RequiredInt(input, "frames", "input");
        shape.Coefficients = RequiredInt(input, "coefficients", "input");
        long samples = (long)Math.Round(shape.Duration * shape.SampleRate);
        if (shape.Duration <= 0 || shape.FrameStep <= 0 || shape.FrameLength <= 0 || samples < shape.FrameLength)
        {
            Problem(SpecDiagnostics.BadInput, input.Line, "Input duration, frameLength and frameStep must be positive, and the duration at least one frame long.");
            return;
        }
        long frames = 1 + (samples - shape.FrameLength) / shape.FrameStep;
        if (shape.Frames != frames)
            Problem(SpecDiagnostics.BadInput, input["frames"]?.Line ?? input.Line,
                $"Input frames is {shape.Frames}, but {shape.Duration.ToString(CultureInfo.InvariantCulture)} s at {shape.SampleRate} Hz with frames of {shape.FrameLength} every {shape.FrameStep} samples gives {frames}.");
        if (shape.Coefficients <= 0)
            Problem(SpecDiagnostics.BadInput, input["coefficients"]?.Line ?? input.Line, "Input coefficients must be positive.");
    }

    private void ReadBody(JsonNode root, ArchitectureSpec spec)
    {
        var body = root["body"];
        if (body is not { Kind: JsonKind.Array } || body.Items.Count == 0)
        {
            Problem(SpecDiagnostics.BadProperty, body?.Line ?? root.Line, "The spec needs a non-empty \"body\" array of layers.");
            return;
        }
        var names = new HashSet<string>();
        foreach (var item in body.Items)
        {
            string? type = LayerType(item, "body", BodyTypes);
            Block? block = type switch
            {
                "parallel" => ReadParallel(item),
                "sequence" => ReadSequence(item, RequiredString(item, "name", "a sequence") ?? ""),
                "lflb" => ReadLflb(item),
                "globalavgpool" => new GlobalAveragePoolBlock { Name = "globalavgpool", Line = item.Line },
                _ => null,
            };
            if (block is null)
                continue;
            foreach (var name in block is ParallelBlock parallel ? parallel.Branches.Select(b => b.Name) : new[] { block.Name })
            {
                if (block is not GlobalAveragePoolBlock && !names.Add(name))
                    Problem(SpecDiagnostics.BadProperty, block.Line, $"The block name '{name}' is used twice; names become parameter names and must be unique.");
            }
            spec.Body.Add(block);
        }
    }

    private ParallelBlock? ReadParallel(JsonNode node)
    {
        var block = new ParallelBlock { Name = OptionalString(node, "name") ?? "parallel", Line = node.Line };
        var branches = node["branches"];
        if (branches is not { Kind: JsonKind.Array } || branches.Items.Count == 0)
        {
            Problem(SpecDiagnostics.BadProperty, node.Line, "A parallel block needs a non-empty \"branches\" array.");
            return null;
        }
        foreach (var branch in branches.Items)
            block.Branches.Add(ReadSequence(branch, RequiredString(branch, "name", "a branch") ?? ""));
        return block;
    }

    private SequenceBlock ReadSequence(JsonNode node, string name)
    {
        var block = new SequenceBlock { Name = name, Line = node.Line };
        var layers = node["layers"];
        if (layers is not { Kind: JsonKind.Array } || layers.Items.Count == 0)
        {
            Problem(SpecDiagnostics.BadProperty, node.Line, $"The block '{name}' needs a non-empty \"layers\" array.");
            return block;
        }
        foreach (var item in layers.Items)
        {
            Layer? layer = LayerType(item, $"block '{name}'", SequenceTypes) switch
            {
                "conv" => ReadConv(item, bias: OptionalBool(item, "bias") ?? true, l2: OptionalBool(item, "l2") ?? false),
                "batchnorm" => new BatchNormLayer { Line = item.Line },
                "relu" => new ReluLayer { Line = item.Line },
                "avgpool" => ReadPool(item, "size"),
                _ => null,
            };
            if (layer is not null)
                Add(block, layer);
        }
        return block;
    }

    // LFLB (local feature learning block): conv without bias and with L2, batch norm, ReLU, optional average pool.
    private SequenceBlock ReadLflb(JsonNode node)
    {
        var block = new SequenceBlock { Name = RequiredString(node, "name", "an lflb") ?? "", Line = node.Line };
        var conv = ReadConv(node, bias: false, l2: true);
        if (conv is not null)
            Add(block, conv);
        Add(block, new BatchNormLayer { Line = node.Line });
        Add(block, new ReluLayer { Line = node.Line });
        if (node["pool"] is not null && ReadPool(node, "pool") is { } pool)
            Add(block, pool);
        return block;
    }

    private ConvLayer? ReadConv(JsonNode node, bool bias, bool l2)
    {
        int filters = RequiredInt(node, "filters", "a conv layer");
        var kernel = Pair(node, "kernel");
        if (filters <= 0 || kernel is null)
        {
            if (filters <= 0 && node["filters"] is not null)
                Problem(SpecDiagnostics.ShapeMismatch, node.Line, $"A conv layer needs a positive number of filters, not {filters}.");
            return null;
        }
        int? declared = node["inChannels"] is { Kind: JsonKind.Number } inChannels ? (int)(double)inChannels.Value! : null;
        return new ConvLayer
        {
            Line = node.Line, Filters = filters, KernelHeight = kernel.Value.Height, KernelWidth = kernel.Value.Width,
            Bias = bias, L2 = l2, DeclaredInChannels = declared,
        };
    }

    private AveragePoolLayer? ReadPool(JsonNode node, string property)
    {
        var size = Pair(node, property);
        return size is null ? null : new AveragePoolLayer { Line = node.Line, Height = size.Value.Height, Width = size.Value.Width };
    }

    private void ReadHead(JsonNode root, ArchitectureSpec spec)
    {
        var head = root["head"];
        if (head is not { Kind: JsonKind.Array } || head.Items.Count == 0)
        {
            Problem(SpecDiagnostics.BadProperty, head?.Line ?? root.Line, "The spec needs a non-empty \"head\" array ending in a dense layer.");
            return;
        }
        foreach (var item in head.Items)
        {
            switch (LayerType(item, "head", HeadTypes))
            {
                case "dropout":
                    double rate = OptionalNumber(item, "rate") ?? 0.5;
                    if (rate < 0 || rate >= 1)
                        Problem(SpecDiagnostics.BadProperty, item.Line, $"A dropout rate must be in [0, 1), not {rate.ToString(CultureInfo.InvariantCulture)}.");
                    spec.Head.Add(new DropoutLayer { Name = "dropout", Line = item.Line, Rate = rate });
                    break;
                case "dense":
                    var units = item["units"];
                    int count = units is { Kind: JsonKind.String, Value: "classes" } || units is null ? 0
                        : units.Kind == JsonKind.Number ? (int)(double)units.Value! : -1;
                    if (count < 0)
                        Problem(SpecDiagnostics.BadProperty, item.Line, "A dense layer's \"units\" must be a positive number or \"classes\".");
                    spec.Head.Add(new DenseLayer { Name = "dense", Line = item.Line, Units = count });
                    break;
            }
        }
        if (spec.Head.Count > 0 && spec.Head[spec.Head.Count - 1] is not DenseLayer { Units: 0 })
            Problem(SpecDiagnostics.BadProperty, head.Line, "The head must end in a dense layer with \"units\": \"classes\", so the output has one score per label.");
        if (spec.Head.OfType<DenseLayer>().Count() > 1 || spec.Head.OfType<DropoutLayer>().Count() > 1)
            Problem(SpecDiagnostics.BadProperty, head.Line, "The head holds at most one dropout and one dense layer.");
    }

    private void ReadLabels(JsonNode root, ArchitectureSpec spec)
    {
        var labels = root["labels"];
        if (labels is not { Kind: JsonKind.Object } || labels.Members.Count == 0)
        {
            Problem(SpecDiagnostics.EmptyLabels, labels?.Line ?? root.Line, "The spec needs a \"labels\" object with at least one corpus label set.");
            return;
        }
        foreach (var member in labels.Members)
        {
            var set = new LabelSetSpec { Corpus = member.Key, Line = member.Value.Line };
            if (member.Value.Kind != JsonKind.Array || member.Value.Items.Count == 0)
            {
                Problem(SpecDiagnostics.EmptyLabels, member.Value.Line, $"Label set '{member.Key}' is empty; list its labels in order as {{\"name\": ..., \"code\": ...}}.");
                continue;
            }
            var names = new HashSet<string>();
            var codes = new HashSet<string>();
            foreach (var item in member.Value.Items)
            {
                string name = RequiredString(item, "name", $"a label of '{member.Key}'") ?? "";
                string code = OptionalString(item, "code") ?? name;
                if (name.Trim().Length == 0)
                {
                    Problem(SpecDiagnostics.EmptyLabels, item.Line, $"Label set '{member.Key}' has a label with an empty name.");
                    continue;
                }
                if (!names.Add(name))
                    Problem(SpecDiagnostics.DuplicateLabel, item.Line, member.Key, "the name", name);
                if (!codes.Add(code))
                    Problem(SpecDiagnostics.DuplicateLabel, item.Line, member.Key, "the code", code);
                set.Labels.Add((name, code));
            }
            spec.Labels.Add(set);
        }
    }

    private static void Add(SequenceBlock block, Layer layer)
    {
        string stem = layer switch
        {
            ConvLayer => "conv",
            BatchNormLayer => "bn",
            ReluLayer => "relu",
            _ => "pool",
        };
        int same = block.Layers.Count(l => l.Name == stem || l.Name.StartsWith(stem, StringComparison.Ordinal) && l.Name.Substring(stem.Length).All(char.IsDigit));
        layer.Name = same == 0 ? stem : stem + (same + 1).ToString(CultureInfo.InvariantCulture);
        block.Layers.Add(layer);
    }

    private string? LayerType(JsonNode node, string where, string[] allowed)
    {
        string? type = RequiredString(node, "type", $"a layer in the {where}");
        if (type is null)
            return null;
        if (Array.IndexOf(allowed, type) < 0)
        {
            Problem(SpecDiagnostics.UnknownLayer, node["type"]!.Line, type, where, string.Join(", ", allowed));
            return null;
        }
        return type;
    }

    private (int Height, int Width)? Pair(JsonNode node, string property)
    {
        var value = node[property];
        if (value is { Kind: JsonKind.Array, Items.Count: 2 }
            && value.Items.All(i => i.Kind == JsonKind.Number && (double)i.Value! >= 1 && (double)i.Value! % 1 == 0))
        {
            return ((int)(double)value.Items[0].Value!, (int)(double)value.Items[1].Value!);
        }
        Problem(SpecDiagnostics.BadKernel, value?.Line ?? node.Line, $"\"{property}\"", Describe(value));
        return null;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "missing",
        { Kind: JsonKind.Array } => "[" + string.Join(", ", node.Items.Select(i => Convert.ToString(i.Value, CultureInfo.InvariantCulture))) + "]",
        _ => Convert.ToString(node.Value, CultureInfo.InvariantCulture) ?? node.Kind.ToString(),
    };

    private string? RequiredString(JsonNode node, string property, string owner)
    {
        if (node.Kind == JsonKind.Object && node[property] is { Kind: JsonKind.String } value)
            return (string)value.Value!;
        Problem(SpecDiagnostics.BadProperty, node[property]?.Line ?? node.Line, $"{Capital(owner)} needs a string \"{property}\".");
        return null;
    }

    private int RequiredInt(JsonNode node, string property, string owner)
    {
        if (node[property] is { Kind: JsonKind.Number } value && (double)value.Value! % 1 == 0)
            return (int)(double)value.Value!;
        Problem(SpecDiagnostics.BadProperty, node[property]?.Line ?? node.Line, $"{Capital(owner)} needs an integer \"{property}\".");
        return 0;
    }

    private static string? OptionalString(JsonNode node, string property) =>
        node[property] is { Kind: JsonKind.String } value ? (string)value.Value! : null;

    private static double? OptionalNumber(JsonNode node, string property) =>
        node[property] is { Kind: JsonKind.Number } value ? (double)value.Value! : null;

    private static bool? OptionalBool(JsonNode node, string property) =>
        node[property] is { Kind: JsonKind.Bool } value ? (bool)value.Value! : null;

    private void Problem(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int line, params object[] arguments) =>
        _problems.Add(new SpecProblem(descriptor, line, arguments));

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string Pascal(string name) =>
        string.Concat(name.Split(new[] { '-', '_', ' ', '.' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));

    private static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));
        return string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
