using Microsoft.CodeAnalysis;

namespace LightSerNet.Generators.Spec;

/// <summary>A problem found in a spec, at a 1-based line; becomes a build diagnostic.</summary>
internal sealed class SpecProblem
{
    public SpecProblem(DiagnosticDescriptor descriptor, int line, params object[] arguments)
    {
        Descriptor = descriptor;
        Line = line;
        Arguments = arguments;
    }

    public DiagnosticDescriptor Descriptor { get; }
    public int Line { get; }
    public object[] Arguments { get; }
}
