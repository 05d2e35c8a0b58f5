using LightSerNet.Architectures;

namespace LightSerNet.Onnx.Export;

/// <summary>What to export: an architecture, its trained weights, the label order it was trained with, and extra metadata.</summary>
/// <param name="Architecture">The generated architecture definition.</param>
/// <param name="Weights">State-dict tensors of the trained network.</param>
/// <param name="Labels">Labels in the network's output order.</param>
/// <param name="Metadata">Extra metadata_props (feature config, training summary); keys from <see cref="ModelMetadataKeys"/>.</param>
public sealed record OnnxExportRequest(
    ArchitectureDefinition Architecture,
    ModelWeights Weights,
    LabelSet Labels,
    IReadOnlyDictionary<string, string>? Metadata = null);
