namespace LightSerNet.Inference;

/// <summary>Why a model file cannot be used. The names are stable: PowerShell error ids are "Model" + the name.</summary>
public enum SerModelProblem
{
    /// <summary>The path names no file.</summary>
    NotFound,
    /// <summary>The file is not an ONNX model (not protobuf, truncated, or without a graph).</summary>
    Corrupt,
    /// <summary>A valid ONNX model without LightSerNet's metadata, so its classes and features are unknown.</summary>
    MetadataMissing,
    /// <summary>LightSerNet's metadata is there but unreadable or inconsistent (labels, feature settings).</summary>
    MetadataInvalid,
    /// <summary>The graph's input or output shape disagrees with the metadata.</summary>
    InputShapeMismatch,
    /// <summary>ONNX Runtime refused to load the graph.</summary>
    Rejected,
}
