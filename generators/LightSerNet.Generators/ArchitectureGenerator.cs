using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LightSerNet.Generators.Emit;
using LightSerNet.Generators.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LightSerNet.Generators;

/// <summary>
/// Turns each AdditionalFiles *.arch.json into source. A project that references TorchSharp gets the networks
/// (LightSerNet.Training.Networks); any other project gets the definitions and label maps
/// (LightSerNet.Architectures). A broken spec fails the build with an LSG diagnostic at its line.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ArchitectureGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(file => file.Path.EndsWith(".arch.json", System.StringComparison.OrdinalIgnoreCase))
            .Select((file, cancel) => Compile(file, file.GetText(cancel)));
        var wantsNetworks = context.CompilationProvider
            .Select((compilation, _) => compilation.GetTypeByMetadataName("TorchSharp.torch") is not null);

        context.RegisterSourceOutput(specs.Combine(wantsNetworks), (output, input) =>
        {
            var (result, networks) = input;
            foreach (var diagnostic in result.Diagnostics)
                output.ReportDiagnostic(diagnostic);
            if (result.Plan is null)
                return;
            string hint = result.Plan.Spec.ClassName;
            if (networks)
                output.AddSource(hint + "Network.g.cs", TorchSharpEmitter.Emit(result.Plan));
            else
                output.AddSource(hint + "Architecture.g.cs", DefinitionEmitter.Emit(result.Plan));
        });

        context.RegisterSourceOutput(specs.Collect().Combine(wantsNetworks), (output, input) =>
        {
            var plans = input.Left.Where(r => r.Plan is not null).Select(r => r.Plan!).ToList();
            if (input.Right)
                output.AddSource("NetworkFactory.g.cs", TorchSharpEmitter.EmitFactory(plans));
            else
                output.AddSource("ArchitectureCatalog.g.cs", DefinitionEmitter.EmitCatalog(plans));
        });
    }

    private static CompiledSpec Compile(AdditionalText file, SourceText? text)
    {
        if (text is null)
            return new CompiledSpec(null, ImmutableArray<Diagnostic>.Empty);
        var (spec, problems) = SpecParser.Parse(file.Path, text.ToString());
        IReadOnlyList<SpecProblem> all = problems;
        ModelPlan? plan = null;
        if (spec is not null)
            (plan, all) = ModelPlanner.Plan(spec);
        var diagnostics = all.Select(p => Diagnostic.Create(p.Descriptor, Locate(file.Path, text, p.Line), p.Arguments)).ToImmutableArray();
        return new CompiledSpec(diagnostics.Length == 0 ? plan : null, diagnostics);
    }

    private static Location Locate(string path, SourceText text, int line)
    {
        int index = System.Math.Max(0, System.Math.Min(line - 1, text.Lines.Count - 1));
        var span = text.Lines[index].Span;
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }

    private sealed class CompiledSpec
    {
        public CompiledSpec(ModelPlan? plan, ImmutableArray<Diagnostic> diagnostics)
        {
            Plan = plan;
            Diagnostics = diagnostics;
        }

        public ModelPlan? Plan { get; }
        public ImmutableArray<Diagnostic> Diagnostics { get; }
    }
}
