namespace LightSerNet.Onnx.Export;

/// <summary>
/// Keys of the metadata_props every exported model carries. Inference reads labels and the feature configuration
/// from these, never from code, so a model can never come back with its classes mixed up.
/// </summary>
public static class ModelMetadataKeys
{
    /// <summary>JSON array of label names in output order.</summary>
    public const string Labels = "lightsernet.labels";

    /// <summary>Corpus the label order comes from (EmoDb, Iemocap, ...).</summary>
    public const string LabelSet = "lightsernet.label_set";

    /// <summary>Architecture spec name.</summary>
    public const string Architecture = "lightsernet.architecture";

    /// <summary>SHA-256 of the architecture spec text.</summary>
    public const string SpecHash = "lightsernet.spec_sha256";

    /// <summary>JSON of the input shape: kind, duration, sample rate, frame length/step, frames, coefficients.</summary>
    public const string Input = "lightsernet.input";

    /// <summary>JSON of the full feature configuration used in training.</summary>
    public const string FeatureConfig = "lightsernet.feature_config";

    /// <summary>JSON summary of the training run (dataset, protocol, selection, UA/WA/F1).</summary>
    public const string Training = "lightsernet.training";

    /// <summary>Numeric precision of the weights: Float32, Float16 or Int8.</summary>
    public const string Precision = "lightsernet.precision";

    /// <summary>JSON describing how an Int8 model was quantised (scheme, calibration clips, activation ranges).</summary>
    public const string Quantization = "lightsernet.quantization";

    /// <summary>
    /// How the input features are standardised before the network, when they are: "Speaker" (each speaker's
    /// features by that speaker's own statistics, which the labeller must be given). Absent: features as computed.
    /// </summary>
    public const string Normalization = "lightsernet.normalization";

    /// <summary>UTC creation time, ISO 8601.</summary>
    public const string CreatedUtc = "lightsernet.created_utc";

    /// <summary>Version of LightSerNet.PS that wrote the file.</summary>
    public const string ToolVersion = "lightsernet.tool_version";
}
