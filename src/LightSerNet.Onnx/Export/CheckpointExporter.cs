using System.Text.Json;
using System.Text.Json.Nodes;
using LightSerNet.Features.Normalisation;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>A checkpoint as a self-describing ONNX model at a chosen precision.</summary>
/// <param name="Model">The model, ready to write.</param>
/// <param name="Warnings">Things the user should know that did not stop the export.</param>
public sealed record ExportedModel(ModelProto Model, IReadOnlyList<string> Warnings);

/// <summary>
/// Builds the ONNX model of a checkpoint: the float32 graph from the architecture (batch norm folded), then the
/// precision conversion, with labels, feature settings and the training summary in metadata_props.
/// </summary>
public static class CheckpointExporter
{
    /// <summary>The model for <paramref name="checkpoint"/>; Int8 needs <see cref="CheckpointExportOptions.Calibration"/>.</summary>
    public static ExportedModel Build(Checkpoint checkpoint, CheckpointExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        var architecture = checkpoint.Architecture;
        bool speakerNormalised = Normalization(checkpoint) switch
        {
            null => false,
            SpeakerNormalization => true,
            string other => throw new NotSupportedException(
                $"'{checkpoint.Path}' was trained on features standardised per {other.ToLowerInvariant()} (Invoke-SerTraining -Normalization {other}), which this version cannot label with."),
        };
        if (!checkpoint.SpecMatches)
        {
            warnings.Add($"'{checkpoint.Path}' was trained from a different version of the {architecture.Name} spec " +
                $"(SHA-256 {checkpoint.Header.SpecHash[..Math.Min(12, checkpoint.Header.SpecHash.Length)]}..., this build has {architecture.SpecHash[..12]}...); " +
                "the graph is today's spec, which the weights fit.");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelMetadataKeys.FeatureConfig] = checkpoint.FeatureConfigJson,
            [ModelMetadataKeys.Training] = TrainingSummary(checkpoint, options.TrainingSummary),
        };
        if (speakerNormalised)
            metadata[ModelMetadataKeys.Normalization] = SpeakerNormalization;
        var model = OnnxGraphWriter.Build(new OnnxExportRequest(architecture, checkpoint.Weights, checkpoint.Labels, metadata));
        model = options.Precision switch
        {
            ModelPrecision.Float32 => model,
            ModelPrecision.Float16 => Float16Converter.Convert(model),
            ModelPrecision.Int8 => Int8QdqQuantizer.Quantize(model, Calibration(options, architecture, speakerNormalised), options.CalibrationThreads),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Precision, "Precision must be Float32, Float16 or Int8."),
        };
        return new ExportedModel(model, warnings);
    }

    /// <summary>The value of <see cref="ModelMetadataKeys.Normalization"/> for speaker-standardised input.</summary>
    public const string SpeakerNormalization = "Speaker";

    // The normalisation training recorded in the checkpoint's summary, or null for features as computed.
    private static string? Normalization(Checkpoint checkpoint) =>
        CheckpointSummary(checkpoint)["normalization"] is JsonValue setting && setting.TryGetValue(out string? normalization) && normalization != "None"
            ? normalization
            : null;

    // A speaker-normalised network only ever sees standardised input, so its int8 ranges are calibrated on
    // standardised features: the calibration clips by their own pooled statistics, as one speaker would be.
    private static CalibrationData Calibration(CheckpointExportOptions options, Architectures.ArchitectureDefinition architecture, bool speakerNormalised)
    {
        var calibration = options.Calibration
            ?? throw new ArgumentException("Int8 export needs calibration features (training features of the model's input shape).", nameof(options));
        calibration.Validate();
        if (calibration.Frames != architecture.Input.Frames || calibration.Coefficients != architecture.Input.Coefficients)
        {
            throw new ArgumentException(
                $"The calibration features are {calibration.Frames} x {calibration.Coefficients}; {architecture.Name} takes {architecture.Input.Frames} x {architecture.Input.Coefficients}.",
                nameof(options));
        }
        if (!speakerNormalised)
            return calibration;
        int length = calibration.Frames * calibration.Coefficients;
        var statistics = new SpeakerStatisticsBuilder(calibration.Coefficients);
        for (int clip = 0; clip < calibration.Clips; clip++)
            statistics.Add(calibration.Features.AsSpan(clip * length, length));
        var standardised = new float[calibration.Features.Length];
        statistics.Build().Apply(calibration.Features, standardised);
        return calibration with { Features = standardised };
    }

    // The training summary training wrote into the checkpoint (protocol, fold, selection, epoch, ...), or an empty one.
    private static JsonObject CheckpointSummary(Checkpoint checkpoint)
    {
        try
        {
            return checkpoint.Header.Metadata.TryGetValue(ModelMetadataKeys.Training, out var json)
                ? JsonNode.Parse(json) as JsonObject ?? []
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    // The checkpoint's own summary plus the run's figures when known.
    private static string TrainingSummary(Checkpoint checkpoint, IReadOnlyDictionary<string, object?>? extra)
    {
        var summary = CheckpointSummary(checkpoint);
        summary["label_set"] = checkpoint.Header.LabelSet;
        summary["checkpoint"] = Path.GetFileName(checkpoint.Path);
        if (!checkpoint.SpecMatches)
            summary["trained_spec_sha256"] = checkpoint.Header.SpecHash;
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            // A run without test folds (-Protocol None) has no UA: NaN is not JSON, so it is written as null.
            summary[key] = value is double d && !double.IsFinite(d) ? null : JsonSerializer.SerializeToNode(value);
        }
        return summary.ToJsonString();
    }
}
