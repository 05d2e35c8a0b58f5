using Google.Protobuf;
using LightSerNet.Architectures;
using LightSerNet.Features;
using LightSerNet.Onnx.Export;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Inference.Tests;

/// <summary>
/// Models without training: random weights of an architecture (RandomWeights), exported the way Export-SerModel
/// exports a checkpoint. The head is scaled up so the probabilities spread out: a random head gives nearly uniform
/// outputs, which would hide precision errors.
/// </summary>
internal static class TestModels
{
    public const float HeadScale = 25;

    public static ArchitectureDefinition Architecture(string name) => ArchitectureCatalog.Get(name);

    public static ModelWeights Weights(ArchitectureDefinition architecture, int seed = 7, float headScale = HeadScale)
    {
        var random = RandomWeights.For(architecture, architecture.LabelSets[0].Labels.Count, seed);
        var dense = architecture.Graph.Last(n => n.Op == "Gemm");
        var tensors = random.Names.ToDictionary(n => n, n => random[n], StringComparer.Ordinal);
        foreach (var name in dense.Inputs.Skip(1))
            tensors[name] = new WeightTensor(tensors[name].Data.Select(v => v * headScale).ToArray(), tensors[name].Shape);
        return new ModelWeights(tensors);
    }

    public static IReadOnlyDictionary<string, string> Metadata(ArchitectureDefinition architecture) => new Dictionary<string, string>
    {
        [ModelMetadataKeys.FeatureConfig] = (FeatureConfig.Paper with { Kind = Enum.Parse<FeatureKind>(architecture.Input.Kind) }).ToJson(),
        [ModelMetadataKeys.Training] = """{"protocol":"None","selection":"Last"}""",
    };

    public static ModelProto Float32(string name, int seed = 7, ModelWeights? weights = null)
    {
        var architecture = Architecture(name);
        return OnnxGraphWriter.Build(new OnnxExportRequest(architecture, weights ?? Weights(architecture, seed), architecture.LabelSets[0], Metadata(architecture)));
    }

    /// <summary>Features of the spec's kind for synthetic voices, [clips, frames, coefficients], computed as training computes them.</summary>
    public static float[] Features(ArchitectureDefinition architecture, int clips, int seed)
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper with { Kind = Enum.Parse<FeatureKind>(architecture.Input.Kind) });
        int samples = (int)Math.Round(architecture.Input.Duration * 16000);
        var audio = Enumerable.Range(0, clips).Select(i =>
            Audio.Segmentation.Segmenter.Cut(TestAudio.Voice(seed * 1000 + i, architecture.Input.Duration * (0.6 + 0.4 * ((i * 7) % 10) / 10.0)),
                new Audio.Segmentation.SegmentOptions(architecture.Input.Duration))[0].Samples).ToList();
        if (audio[0].Length != samples)
            throw new InvalidOperationException("Segment length mismatch.");
        return extractor.ComputeBatch(audio);
    }

    public static CalibrationData Calibration(ArchitectureDefinition architecture, int clips = 48, int seed = 1) =>
        new(Features(architecture, clips, seed), clips, architecture.Input.Frames, architecture.Input.Coefficients);

    public static string Write(ModelProto model, string path)
    {
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
