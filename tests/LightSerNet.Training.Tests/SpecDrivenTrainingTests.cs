using Google.Protobuf;
using LightSerNet.Architectures;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Networks;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

/// <summary>
/// The second spec (light-sernet-lite) builds, trains and exports with no hand-written model code: its network
/// comes only from the spec, it learns a separable toy task, and the exported file names its labels in the
/// spec's own (different) order.
/// </summary>
public sealed class SpecDrivenTrainingTests
{
    [Fact]
    public void TheLiteSpecTrainsAndExports()
    {
        var definition = ArchitectureCatalog.Get("light-sernet-lite");
        var labels = definition.FindLabels("EmoDb")!;
        Assert.Equal(["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"], labels.Names);

        manual_seed(3);
        using var network = NetworkFactory.Create(definition.Name, labels.Labels.Count);
        KerasInitialisation.Apply(network);
        // Toy task: class k has a bump at coefficient 5k; 2 clips per class.
        int classes = labels.Labels.Count, perClass = 2;
        using var features = randn(classes * perClass, definition.Input.Frames, definition.Input.Coefficients) * 0.1;
        var targets = new long[classes * perClass];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = i / perClass;
            features[i, TensorIndex.Colon, TensorIndex.Slice(5 * targets[i], 5 * targets[i] + 3)].add_(2.0);
        }
        using var labelsTensor = tensor(targets);
        using var optimizer = optim.Adam(network.parameters(), lr: 5e-3);
        network.train();
        float first = 0, last = 0;
        for (int step = 0; step < 20; step++)
        {
            optimizer.zero_grad();
            using var loss = nn.functional.cross_entropy(network.call(features), labelsTensor);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first * 0.5, $"loss went from {first} to {last}");

        // 20 steps are far too few for momentum-0.01 running statistics: estimate them exactly instead.
        PreciseBatchNorm.Recompute(network, [features]);
        network.eval();
        long[] torchPredictions;
        using (no_grad())
            torchPredictions = network.call(features).argmax(1).data<long>().ToArray();
        int correct = torchPredictions.Zip(targets).Count(p => p.First == p.Second);
        Assert.True(correct >= targets.Length * 3 / 4, $"{correct} of {targets.Length} right after training");

        var model = OnnxGraphWriter.Build(new OnnxExportRequest(definition, StateDictExport.ToWeights(network), labels));
        using var session = new InferenceSession(model.ToByteArray());
        var input = new DenseTensor<float>(features.data<float>().ToArray(), [targets.Length, definition.Input.Frames, definition.Input.Coefficients]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
        var probabilities = results.Single().AsTensor<float>();
        var onnxPredictions = Enumerable.Range(0, targets.Length)
            .Select(i => (long)Enumerable.Range(0, classes).MaxBy(c => probabilities[i, c]))
            .ToArray();
        Assert.Equal(torchPredictions, onnxPredictions);
        Assert.Equal("light-sernet-lite", session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.Architecture]);
        Assert.Contains("\"neutral\",\"sadness\"", session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.Labels]);
    }
}
