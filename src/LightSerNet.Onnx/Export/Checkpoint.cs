using System.Text.Json;
using LightSerNet.Architectures;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// A weights file written by training, with the architecture it belongs to: everything export needs, without libtorch.
/// </summary>
/// <param name="Path">Full path of the weights file.</param>
/// <param name="Header">What the file says about itself.</param>
/// <param name="Weights">The tensors by state-dict name.</param>
/// <param name="Architecture">The architecture named in the header.</param>
public sealed record Checkpoint(string Path, ModelWeightsFile.Header Header, ModelWeights Weights, ArchitectureDefinition Architecture)
{
    /// <summary>
    /// Reads <paramref name="path"/>. Throws <see cref="FileNotFoundException"/> when it is missing and
    /// <see cref="InvalidDataException"/> when it is not a weights file, is damaged, or names an unknown architecture.
    /// </summary>
    public static Checkpoint Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"The checkpoint '{full}' does not exist.", full);
        var (header, weights) = ModelWeightsFile.Load(full);
        ArchitectureDefinition architecture;
        try
        {
            architecture = ArchitectureCatalog.Get(header.Architecture);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{full}' was trained with the architecture '{header.Architecture}', which this version does not know. {e.Message}", e);
        }
        if (header.Labels.Count < 2)
            throw new InvalidDataException($"'{full}' names {header.Labels.Count} label(s); a classifier needs at least two.");
        return new Checkpoint(full, header, weights, architecture);
    }

    /// <summary>
    /// The labels in output order as training wrote them. When they are the spec's set for the corpus, its codes come
    /// along; otherwise (data ordered by name) each label is its own code.
    /// </summary>
    public LabelSet Labels =>
        Architecture.FindLabels(Header.LabelSet) is { } spec && spec.Names.SequenceEqual(Header.Labels, StringComparer.Ordinal)
            ? spec
            : new LabelSet(Header.LabelSet, Header.Labels.Select(l => new EmotionLabel(l, l)).ToList());

    /// <summary>
    /// The feature settings training used, as JSON (FeatureConfig.ToJson). Files from before the header carried them get
    /// the architecture's input with the paper's other settings.
    /// </summary>
    public string FeatureConfigJson =>
        Header.Metadata.TryGetValue(ModelMetadataKeys.FeatureConfig, out var json) && !string.IsNullOrWhiteSpace(json)
            ? json
            : JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = Architecture.Input.Kind,
                ["sampleRate"] = Architecture.Input.SampleRate,
                ["frameLength"] = Architecture.Input.FrameLength,
                ["frameStep"] = Architecture.Input.FrameStep,
                [Architecture.Input.Kind == "MelSpectrogram" ? "melBins" : "coefficients"] = Architecture.Input.Coefficients,
            });

    /// <summary>True when the weights were trained from the spec this version compiles (same SHA-256).</summary>
    public bool SpecMatches => string.Equals(Header.SpecHash, Architecture.SpecHash, StringComparison.OrdinalIgnoreCase);
}
