using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LightSerNet.Generators.Tests;

/// <summary>Runs the real generator in memory over spec texts, as the compiler does during a build.</summary>
internal static class GeneratorHarness
{
    // A stand-in for TorchSharp: the generator emits networks when this type exists in the compilation.
    private const string TorchSharpMarker = "namespace TorchSharp { public static class torch { } }";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SpecPath(string file) => Path.Combine(RepoRoot, "module", "architectures", file);

    public static GeneratorDriverRunResult Run(bool withTorchSharp, params (string Path, string Text)[] specs)
    {
        var trees = withTorchSharp ? new[] { CSharpSyntaxTree.ParseText(TorchSharpMarker) } : Array.Empty<SyntaxTree>();
        var compilation = CSharpCompilation.Create("SpecTests", trees,
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(
            [new ArchitectureGenerator().AsSourceGenerator()],
            specs.Select(s => (AdditionalText)new InMemoryText(s.Path, s.Text)).ToImmutableArray());
        return driver.RunGenerators(compilation).GetRunResult();
    }

    public static ImmutableArray<Diagnostic> Diagnostics(string specText) =>
        Run(false, ("/specs/test.arch.json", specText)).Diagnostics;

    private static string FindRepoRoot([CallerFilePath] string here = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(here)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LightSerNet.PS.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("The repository root (LightSerNet.PS.sln) was not found above " + here);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
