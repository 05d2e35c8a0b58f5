using System.Management.Automation;
using LightSerNet.Architectures;
using LightSerNet.PowerShell.Errors;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Describes the network architectures compiled into the module from their declarative specs.
/// </summary>
/// <remarks>
/// Each architecture comes from one spec file (module/architectures/*.arch.json) from which the build generates
/// the TorchSharp network, the ONNX graph and typed label maps, so a retrained model keeps its class order. The
/// output shows the spec's input features, the trainable parameter count and the multiply-accumulates per clip at
/// a class count (by default the size of the spec's first label set, EMO-DB's 7), the layer table (property
/// Layers) and the label order per corpus (property Labels). light-sernet is the paper's network (461,703
/// parameters and about 159.3 M MACs for 7 classes and a 3 s MFCC input).
/// </remarks>
/// <example>
/// <code>Get-SerArchitecture</code>
/// <para>Lists every architecture with its input, size and cost.</para>
/// </example>
/// <example>
/// <code>(Get-SerArchitecture light-sernet).Layers | Format-Table</code>
/// <para>Shows the paper's network layer by layer, with output shapes, parameters and MACs.</para>
/// </example>
/// <example>
/// <code>Get-SerArchitecture light-sernet -ClassCount 4 | Select-Object ParameterCount, Macs, Labels</code>
/// <para>The size of the IEMOCAP (4-class) variant and the label orders the spec fixes.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SerArchitecture")]
[OutputType(typeof(SerArchitecture))]
public sealed class GetSerArchitectureCommand : PSCmdlet
{
    /// <summary>Architecture names to show (wildcards allowed); all when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = ["*"];

    /// <summary>Number of output classes the parameter and MAC counts assume; defaults to the size of each spec's first label set.</summary>
    [Parameter]
    [ValidateRange(2, 10000)]
    public int ClassCount { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        int? classes = MyInvocation.BoundParameters.ContainsKey(nameof(ClassCount)) ? ClassCount : null;
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = ArchitectureCatalog.All.Where(a => pattern.IsMatch(a.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(SerErrors.Create(
                    $"There is no architecture named '{name}'. Known architectures: {string.Join(", ", ArchitectureCatalog.All.Select(a => a.Name))}.",
                    SerErrors.ArchitectureNotFound, ErrorCategory.ObjectNotFound, name));
            }
            foreach (var definition in matches)
                WriteObject(SerArchitecture.From(definition, classes));
        }
    }
}
