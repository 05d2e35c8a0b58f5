using System.Linq;
using LightSerNet.Generators.Spec;

namespace LightSerNet.Generators.Emit;

/// <summary>
/// Emits, per spec, the architecture definition (input, layer table, ONNX graph, L2 list, label sets) and typed
/// label maps: LightSerNet.Architectures.{ClassName}Architecture and {ClassName}Labels. Lists are plain arrays, not
/// collection expressions: PowerShell indexes arrays, but not the compiler's hidden read-only list types.
/// </summary>
internal static class DefinitionEmitter
{
    public static string Emit(ModelPlan plan)
    {
        var spec = plan.Spec;
        var w = new SourceWriter();
        w.GeneratedHeader($"{spec.FileName}. Edit the spec, not this file.")
         .Line()
         .Line("namespace LightSerNet.Architectures;")
         .Line()
         .Line($"/// <summary>The {spec.Name} architecture as declared in {spec.FileName}.</summary>")
         .Open($"public static class {spec.ClassName}Architecture");
        w.Line($"/// <summary>The definition: input, layers, ONNX graph, label sets.</summary>")
         .Line("public static ArchitectureDefinition Definition { get; } = new(")
         .Line($"    Name: {SourceWriter.Literal(spec.Name)},")
         .Line($"    ClassName: {SourceWriter.Literal(spec.ClassName)},")
         .Line($"    Description: {SourceWriter.Literal(spec.Description)},")
         .Line($"    SpecFile: {SourceWriter.Literal(spec.FileName)},")
         .Line($"    SpecHash: {SourceWriter.Literal(spec.Hash)},")
         .Line($"    Input: new InputShape({SourceWriter.Literal(spec.Input.Kind)}, {SourceWriter.Number(spec.Input.Duration)}, {spec.Input.SampleRate}, {spec.Input.FrameLength}, {spec.Input.FrameStep}, {spec.Input.Frames}, {spec.Input.Coefficients}),")
         .Line($"    BatchNorm: new BatchNormSettings({SourceWriter.Number(spec.BatchNormEpsilon)}, {SourceWriter.Number(spec.BatchNormMomentum)}),")
         .Line($"    L2: {SourceWriter.Number(spec.L2)},")
         .Line($"    L2Parameters: new string[] {{ {string.Join(", ", plan.L2Parameters.Select(SourceWriter.Literal))} }},")
         .Line($"    HeadInputs: {plan.HeadInputs},")
         .Line("    Layers: new LayerInfo[]")
         .Line("    {");
        foreach (var row in plan.Rows)
        {
            w.Line($"        new LayerInfo({SourceWriter.Literal(row.Name)}, {SourceWriter.Literal(row.Type)}, {SourceWriter.Literal(row.Detail)}, {row.Channels}, {row.Height}, {row.Width}, {row.Parameters}, {row.Macs}, {row.ParametersPerClass}, {row.MacsPerClass}),");
        }
        w.Line("    },")
         .Line("    Graph: new GraphNode[]")
         .Line("    {");
        foreach (var node in plan.Graph)
        {
            var attributes = node.Ints.Select(a => $"GraphAttribute.Ints({SourceWriter.Literal(a.Name)}, {string.Join(", ", a.Values)})")
                .Concat(node.Floats.Select(a => $"GraphAttribute.Float({SourceWriter.Literal(a.Name)}, {SourceWriter.Number(a.Value)})"));
            string inputs = string.Join(", ", node.Inputs.Select(SourceWriter.Literal));
            w.Line($"        new GraphNode({SourceWriter.Literal(node.Op)}, {SourceWriter.Literal(node.Name)}, new string[] {{ {inputs} }}, {SourceWriter.Literal(node.Output)}, new GraphAttribute[] {{ {string.Join(", ", attributes)} }}),");
        }
        w.Line("    },")
         .Line($"    LabelSets: new LabelSet[] {{ {string.Join(", ", spec.Labels.Select(l => $"{spec.ClassName}Labels.{Identifier(l.Corpus)}.Set"))} }});")
         .Close()
         .Line()
         .Line($"/// <summary>Label indices of the {spec.Name} model's output, per corpus, in the spec's order.</summary>")
         .Open($"public static class {spec.ClassName}Labels");
        foreach (var set in spec.Labels)
        {
            w.Line($"/// <summary>{set.Corpus}: {string.Join(", ", set.Labels.Select(l => l.Name))}.</summary>")
             .Open($"public static class {Identifier(set.Corpus)}");
            for (int i = 0; i < set.Labels.Count; i++)
            {
                w.Line($"/// <summary>Output index of \"{set.Labels[i].Name}\" (corpus code \"{set.Labels[i].Code}\").</summary>")
                 .Line($"public const int {Identifier(set.Labels[i].Name)} = {i};");
            }
            w.Line()
             .Line("/// <summary>The whole set, in output order.</summary>")
             .Line($"public static LabelSet Set {{ get; }} = new({SourceWriter.Literal(set.Corpus)}, new EmotionLabel[] {{ {string.Join(", ", set.Labels.Select(l => $"new EmotionLabel({SourceWriter.Literal(l.Name)}, {SourceWriter.Literal(l.Code)})"))} }});")
             .Close();
        }
        w.Close();
        return w.ToString();
    }

    /// <summary>The catalog of every spec in the project, so cmdlets can list and find them by name.</summary>
    public static string EmitCatalog(System.Collections.Generic.IEnumerable<ModelPlan> plans)
    {
        var w = new SourceWriter();
        w.GeneratedHeader("module/architectures/*.arch.json.")
         .Line()
         .Line("namespace LightSerNet.Architectures;")
         .Line()
         .Open("public static partial class ArchitectureCatalog")
         .Line("/// <summary>Every architecture spec compiled into this assembly, in name order.</summary>")
         .Line($"public static System.Collections.Generic.IReadOnlyList<ArchitectureDefinition> All {{ get; }} = new ArchitectureDefinition[] {{ {string.Join(", ", plans.OrderBy(p => p.Spec.Name, System.StringComparer.Ordinal).Select(p => p.Spec.ClassName + "Architecture.Definition"))} }};")
         .Close();
        return w.ToString();
    }

    /// <summary>A C# identifier from a label or corpus name: "happiness" -> Happiness, "cremad" -> Cremad.</summary>
    public static string Identifier(string name)
    {
        var parts = name.Split(new[] { '-', '_', ' ', '.' }, System.StringSplitOptions.RemoveEmptyEntries)
            .Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1));
        string id = new string(string.Concat(parts).Where(char.IsLetterOrDigit).ToArray());
        return id.Length == 0 || char.IsDigit(id[0]) ? "_" + id : id;
    }
}
