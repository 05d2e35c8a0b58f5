using LightSerNet.Architectures;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Networks;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Google.Protobuf;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

/// <summary>The same weights give the same probabilities in TorchSharp (eval) and in ONNX Runtime on the written graph.</summary>
public sealed class OnnxParityTests
{
    public static TheoryData<string> Architectures => new(ArchitectureCatalog.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Architectures))]
    public void OnnxRuntimeMatchesTorchSharpWithin1e4(string name)
    {
        var definition = ArchitectureCatalog.Get(name);
        var labels = definition.FindLabels("EmoDb")!;
        manual_seed(7);
        using var network = NetworkFactory.Create(name, labels.Labels.Count);
        KerasInitialisation.Apply(network);
        RandomiseBatchNorm(network);
        network.eval();

        var (frames, coefficients) = (definition.Input.Frames, definition.Input.Coefficients);
        using var input = randn(4, frames, coefficients) * 3;
        float[] expected;
        using (no_grad())
        using (var probabilities = network.call(input).softmax(1))
            expected = probabilities.data<float>().ToArray();

        var model = OnnxGraphWriter.Build(new OnnxExportRequest(definition, StateDictExport.ToWeights(network), labels));
        using var session = new InferenceSession(model.ToByteArray());
        var features = new DenseTensor<float>(input.data<float>().ToArray(), [4, frames, coefficients]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", features)]);
        var actual = results.Single(r => r.Name == "probabilities").AsEnumerable<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 1e-4, $"{name}: largest difference {worst:g3}");
        Assert.Equal(labels.Names, System.Text.Json.JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.Labels]));
    }

    [SkippableTheory]
    [MemberData(nameof(Architectures))]
    public void TheOnnxCheckerAcceptsTheFile(string name)
    {
        Skip.IfNot(OnnxChecker.Available, OnnxChecker.SkipReason);
        var definition = ArchitectureCatalog.Get(name);
        var labels = definition.LabelSets[0];
        using var network = NetworkFactory.Create(name, labels.Labels.Count);
        network.eval();
        string path = Path.Combine(Path.GetTempPath(), $"lightsernet-{name}-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxModelFile.Write(OnnxGraphWriter.Build(new OnnxExportRequest(definition, StateDictExport.ToWeights(network), labels)), path, overwrite: false);
            var (exitCode, output) = OnnxChecker.Check(path);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Fresh running statistics are 0 and 1, which would hide a wrong folding; give them real values.
    private static void RandomiseBatchNorm(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in network.state_dict())
        {
            if (name.EndsWith("running_mean", StringComparison.Ordinal))
                tensor.copy_(randn_like(tensor) * 0.5);
            else if (name.EndsWith("running_var", StringComparison.Ordinal))
                tensor.copy_(rand_like(tensor) + 0.5);
            else if (name.EndsWith("bn.weight", StringComparison.Ordinal))
                tensor.copy_(rand_like(tensor) + 0.5);
            else if (name.EndsWith("bn.bias", StringComparison.Ordinal))
                tensor.copy_(randn_like(tensor) * 0.1);
        }
    }
}
