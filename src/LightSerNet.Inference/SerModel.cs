using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using LightSerNet.Architectures;
using LightSerNet.Features;
using LightSerNet.Onnx.Export;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Inference;

/// <summary>
/// An exported model as inference sees it: the ONNX graph plus what its metadata says, read from the file and never
/// from code: labels in output order, the feature settings, the input clip length. Loading checks that the graph and
/// the metadata agree, so a model can neither mislabel its classes nor receive features of the wrong shape.
/// </summary>
public sealed class SerModel
{
    private SerModel(string path, byte[] bytes, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<string> labels,
        FeatureConfig features, InputShape input, string inputName, string outputName)
    {
        Path = path;
        Bytes = bytes;
        Metadata = metadata;
        Labels = labels;
        FeatureConfig = features;
        Input = input;
        InputName = inputName;
        OutputName = outputName;
    }

    /// <summary>Full path of the model file.</summary>
    public string Path { get; }

    /// <summary>File name of the model.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Labels in the order of the model's outputs.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The feature settings the model was trained with.</summary>
    public FeatureConfig FeatureConfig { get; }

    /// <summary>The clip the model takes: kind, duration, sample rate, frames x coefficients.</summary>
    public InputShape Input { get; }

    /// <summary>Clip length in seconds (every clip is cut or padded to this, as in training).</summary>
    public double Duration => Input.Duration;

    /// <summary>Clip length in samples at <see cref="SampleRate"/>.</summary>
    public int ClipSamples => checked((int)Math.Round(Input.Duration * FeatureConfig.SampleRate));

    /// <summary>Sample rate the audio is brought to.</summary>
    public int SampleRate => FeatureConfig.SampleRate;

    /// <summary>Architecture spec name.</summary>
    public string Architecture => Metadata.GetValueOrDefault(ModelMetadataKeys.Architecture, "");

    /// <summary>Corpus whose label order the model uses.</summary>
    public string LabelSet => Metadata.GetValueOrDefault(ModelMetadataKeys.LabelSet, "");

    /// <summary>Float32, Float16 or Int8.</summary>
    public string Precision => Metadata.GetValueOrDefault(ModelMetadataKeys.Precision, nameof(ModelPrecision.Float32));

    /// <summary>Training summary as JSON (dataset, protocol, selection, figures), or null.</summary>
    public string? Training => Metadata.GetValueOrDefault(ModelMetadataKeys.Training);

    /// <summary>
    /// True when the network takes each speaker's features standardised by that speaker's own statistics (trained with
    /// Invoke-SerTraining -Normalization Speaker): labelling then needs the speaker's statistics (Measure-SerSpeaker).
    /// </summary>
    public bool NeedsSpeakerStatistics => Metadata.GetValueOrDefault(ModelMetadataKeys.Normalization) == CheckpointExporter.SpeakerNormalization;

    /// <summary>Every metadata_props entry of the file.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Name of the graph's features input.</summary>
    public string InputName { get; }

    /// <summary>Name of the graph's probabilities output.</summary>
    public string OutputName { get; }

    /// <summary>The file's bytes, handed to ONNX Runtime.</summary>
    internal byte[] Bytes { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Architecture}, {Precision}, {LabelSet}: {string.Join(", ", Labels)})";

    /// <summary>Reads and checks <paramref name="path"/>; every problem is a <see cref="SerModelException"/> naming the file.</summary>
    public static SerModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            string why = Directory.Exists(full) ? "is a folder, not a model file" : "does not exist";
            throw new SerModelException(full, SerModelProblem.NotFound, $"The model '{full}' {why}.");
        }
        byte[] bytes = File.ReadAllBytes(full);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SerModelException(full, SerModelProblem.Corrupt, $"'{full}' is not an ONNX model, or it is damaged: {e.Message}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0 || model.Graph.Input.Count == 0 || model.Graph.Output.Count == 0)
            throw new SerModelException(full, SerModelProblem.Corrupt, $"'{full}' is not an ONNX model, or it is damaged: it holds no graph with inputs and outputs.");

        var metadata = model.MetadataProps.GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var labels = ReadLabels(full, metadata);
        var input = Read<InputShape>(full, metadata, ModelMetadataKeys.Input);
        FeatureConfig features;
        try
        {
            features = FeatureConfig.FromJson(Require(full, metadata, ModelMetadataKeys.FeatureConfig));
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SerModelException(full, SerModelProblem.MetadataInvalid,
                $"The feature settings in '{full}' ({ModelMetadataKeys.FeatureConfig}) cannot be used: {e.Message}", e);
        }

        if (metadata.GetValueOrDefault(ModelMetadataKeys.Normalization) is { } normalization && normalization != CheckpointExporter.SpeakerNormalization)
        {
            throw new SerModelException(full, SerModelProblem.MetadataInvalid,
                $"'{full}' takes features standardised per '{normalization}' ({ModelMetadataKeys.Normalization}), which this version cannot compute.");
        }

        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var graphInput = model.Graph.Input.First(i => !initializers.Contains(i.Name));
        var graphOutput = model.Graph.Output[0];
        CheckShapes(full, graphInput, graphOutput, input, features, labels.Count);
        return new SerModel(full, bytes, metadata, labels, features, input, graphInput.Name, graphOutput.Name);
    }

    private static IReadOnlyList<string> ReadLabels(string path, Dictionary<string, string> metadata)
    {
        if (!metadata.ContainsKey(ModelMetadataKeys.Labels))
        {
            throw new SerModelException(path, SerModelProblem.MetadataMissing,
                $"'{path}' is an ONNX model but was not exported by Export-SerModel: it has no {ModelMetadataKeys.Labels} metadata, so its outputs cannot be named. Export the model with Export-SerModel.");
        }
        var labels = Read<string[]>(path, metadata, ModelMetadataKeys.Labels);
        if (labels.Length < 2 || labels.Any(string.IsNullOrWhiteSpace) || labels.Distinct(StringComparer.OrdinalIgnoreCase).Count() != labels.Length)
        {
            throw new SerModelException(path, SerModelProblem.MetadataInvalid,
                $"The labels in '{path}' ({string.Join(", ", labels)}) are not a list of at least two distinct names.");
        }
        return labels;
    }

    private static T Read<T>(string path, Dictionary<string, string> metadata, string key)
    {
        string json = Require(path, metadata, key);
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            throw new SerModelException(path, SerModelProblem.MetadataInvalid, $"The metadata {key} of '{path}' is not valid JSON of the expected form: {e.Message}", e);
        }
    }

    private static string Require(string path, Dictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value)
            ? value
            : throw new SerModelException(path, SerModelProblem.MetadataMissing,
                $"'{path}' lacks the metadata {key}, which Export-SerModel writes; export the model again.");

    private static void CheckShapes(string path, ValueInfoProto input, ValueInfoProto output, InputShape shape, FeatureConfig features, int classes)
    {
        var dims = Dims(input);
        if (dims.Count != 3 || dims[1] != shape.Frames || dims[2] != shape.Coefficients)
        {
            throw new SerModelException(path, SerModelProblem.InputShapeMismatch,
                $"The graph of '{path}' takes '{input.Name}' of shape [{Describe(dims)}], but its metadata describes clips of {shape.Frames} x {shape.Coefficients} ({shape}); the file was changed after export.");
        }
        int samples = checked((int)Math.Round(shape.Duration * features.SampleRate));
        int frames = samples >= features.FrameLength ? features.FrameCount(samples) : 0;
        if (features.SampleRate != shape.SampleRate || frames != shape.Frames || features.Width != shape.Coefficients
            || !string.Equals(features.Kind.ToString(), shape.Kind, StringComparison.OrdinalIgnoreCase))
        {
            throw new SerModelException(path, SerModelProblem.InputShapeMismatch,
                $"The feature settings of '{path}' give {features.Kind} {frames} x {features.Width} at {features.SampleRate} Hz from a {shape.Duration.ToString(CultureInfo.InvariantCulture)} s clip, but the graph takes {shape}.");
        }
        var outputDims = Dims(output);
        if (outputDims.Count != 2 || (outputDims[1] is long k && k != classes))
        {
            throw new SerModelException(path, SerModelProblem.InputShapeMismatch,
                $"The graph of '{path}' outputs '{output.Name}' of shape [{Describe(outputDims)}], but its metadata names {classes} labels.");
        }
    }

    // Dimensions of a tensor value; a symbolic or missing dimension is null.
    private static List<long?> Dims(ValueInfoProto value) =>
        value.Type?.TensorType?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : (long?)null).ToList()
        ?? [];

    private static string Describe(List<long?> dims) => string.Join(", ", dims.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "N"));
}
