namespace LightSerNet.Architectures;

/// <summary>What Get-SerArchitecture shows: one architecture at a given class count.</summary>
/// <param name="Name">Spec name.</param>
/// <param name="Description">One-sentence description.</param>
/// <param name="Input">The features it takes.</param>
/// <param name="ClassCount">Outputs the figures below assume.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="Macs">Multiply-accumulates per input clip.</param>
/// <param name="Layers">The layer table.</param>
/// <param name="Labels">Label order per corpus.</param>
/// <param name="SpecFile">Spec file name.</param>
/// <param name="SpecHash">SHA-256 of the spec text.</param>
public sealed record SerArchitecture(string Name, string Description, InputShape Input, int ClassCount, long ParameterCount,
    long Macs, IReadOnlyList<LayerInfo> Layers, IReadOnlyList<LabelSet> Labels, string SpecFile, string SpecHash)
{
    /// <summary>Describes <paramref name="definition"/> with <paramref name="classCount"/> outputs (default: its first label set's size).</summary>
    public static SerArchitecture From(ArchitectureDefinition definition, int? classCount = null)
    {
        int classes = classCount ?? definition.LabelSets[0].Labels.Count;
        return new SerArchitecture(definition.Name, definition.Description, definition.Input, classes,
            definition.ParameterCount(classes), definition.Macs(classes), definition.Layers, definition.LabelSets,
            definition.SpecFile, definition.SpecHash);
    }
}
