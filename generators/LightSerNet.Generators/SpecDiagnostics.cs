using Microsoft.CodeAnalysis;

namespace LightSerNet.Generators;

/// <summary>Build errors for broken architecture specs; each names the spec line at fault.</summary>
internal static class SpecDiagnostics
{
    private const string Category = "LightSerNet.Architecture";

    public static readonly DiagnosticDescriptor UnknownLayer = Error("LSG001", "Unknown layer type",
        "Unknown layer type '{0}' in {1}; known types: {2}");

    public static readonly DiagnosticDescriptor ShapeMismatch = Error("LSG002", "Channel or shape mismatch",
        "{0}");

    public static readonly DiagnosticDescriptor BadKernel = Error("LSG003", "Invalid kernel or pool size",
        "{0} must be two positive integers [height, width], not {1}");

    public static readonly DiagnosticDescriptor DuplicateLabel = Error("LSG004", "Duplicate label",
        "Label set '{0}' lists {1} '{2}' twice");

    public static readonly DiagnosticDescriptor EmptyLabels = Error("LSG005", "Empty label set",
        "{0}");

    public static readonly DiagnosticDescriptor BadInput = Error("LSG006", "Invalid input",
        "{0}");

    public static readonly DiagnosticDescriptor BadJson = Error("LSG007", "Spec is not valid JSON",
        "The architecture spec is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor BadProperty = Error("LSG008", "Missing or invalid property",
        "{0}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
