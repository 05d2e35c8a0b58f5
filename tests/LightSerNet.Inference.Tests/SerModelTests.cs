using Google.Protobuf;
using LightSerNet.Architectures;
using LightSerNet.Features;
using LightSerNet.Inference.Prediction;
using LightSerNet.Onnx.Export;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Inference.Tests;

/// <summary>Loading a model: what it says about itself, and a clear error for every kind of unusable file.</summary>
[Collection(ModelCollection.Name)]
public sealed class SerModelTests(ModelFiles models)
{
    [Fact]
    public void ReadsLabelsFeatureSettingsAndInputFromTheFile()
    {
        var model = SerModel.Load(models.Float32);
        Assert.Equal(["anger", "boredom", "disgust", "fear", "happiness", "sadness", "neutral"], model.Labels);
        Assert.Equal(FeatureConfig.Paper, model.FeatureConfig);
        Assert.Equal((184, 40, 3.0, 48000), (model.Input.Frames, model.Input.Coefficients, model.Duration, model.ClipSamples));
        Assert.Equal(("light-sernet", "EmoDb", "Float32"), (model.Architecture, model.LabelSet, model.Precision));
        Assert.Contains("\"protocol\":\"None\"", model.Training);
    }

    [Fact]
    public void ALiteModelNamesItsLabelsInItsOwnOrder()
    {
        // Each model's head is rigged to output "neutral" whatever it hears: index 6 in light-sernet's EMO-DB order,
        // index 5 in light-sernet-lite's. Both must say "neutral".
        using var folder = new TempFolder();
        string wav = TestAudio.WriteWav(folder.File("voice.wav"), TestAudio.Voice(3, 2.5));
        foreach (var name in new[] { "light-sernet", "light-sernet-lite" })
        {
            var architecture = TestModels.Architecture(name);
            var labels = architecture.LabelSets[0];
            string path = TestModels.Write(TestModels.Float32(name, weights: Rigged(architecture, labels.IndexOf("neutral"))), folder.File(name + ".onnx"));
            var model = SerModel.Load(path);
            Assert.Equal(labels.Names, model.Labels);
            using var predictor = new SerPredictor(model, threads: 1);
            var row = Assert.Single(predictor.Predict([PredictionInput.FromFile(wav)])).Predictions.Single();
            Assert.Equal("neutral", row.Emotion);
            Assert.Equal(labels.Names, row.Probabilities.Keys);
            Assert.True(row.Probabilities["neutral"] > 0.99);
        }
        Assert.Equal(["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"], TestModels.Architecture("light-sernet-lite").LabelSets[0].Names);
    }

    [Fact]
    public void AMissingFileOrAFolderIsNotFound()
    {
        using var folder = new TempFolder();
        Assert.Equal(SerModelProblem.NotFound, Assert.Throws<SerModelException>(() => SerModel.Load(folder.File("none.onnx"))).Problem);
        var error = Assert.Throws<SerModelException>(() => SerModel.Load(folder.Path));
        Assert.Equal(SerModelProblem.NotFound, error.Problem);
        Assert.Contains("is a folder", error.Message);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public void ACorruptFileIsCorrupt(string kind)
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.onnx");
        var good = File.ReadAllBytes(models.Float32);
        File.WriteAllBytes(path, kind switch
        {
            "garbage" => new Random(1).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 5000),
            "truncated" => good[..(good.Length / 2)],
            _ => [],
        });
        var error = Assert.Throws<SerModelException>(() => SerModel.Load(path));
        Assert.Equal(SerModelProblem.Corrupt, error.Problem);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AModelWithoutOurMetadataSaysSo()
    {
        var error = LoadEdited(m => m.MetadataProps.Clear());
        Assert.Equal(SerModelProblem.MetadataMissing, error.Problem);
        Assert.Contains("Export-SerModel", error.Message);
    }

    [Fact]
    public void UnreadableLabelsAreInvalidMetadata()
    {
        var error = LoadEdited(m => SetMetadata(m, ModelMetadataKeys.Labels, "[\"anger\", \"anger\"]"));
        Assert.Equal(SerModelProblem.MetadataInvalid, error.Problem);
        Assert.Equal(SerModelProblem.MetadataInvalid, LoadEdited(m => SetMetadata(m, ModelMetadataKeys.Labels, "not json")).Problem);
    }

    [Fact]
    public void AGraphInputOfAnotherShapeIsAMismatch()
    {
        var error = LoadEdited(m => m.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue = 100);
        Assert.Equal(SerModelProblem.InputShapeMismatch, error.Problem);
        Assert.Contains("[N, 100, 40]", error.Message);
    }

    [Fact]
    public void FeatureSettingsThatGiveAnotherShapeAreAMismatch()
    {
        var error = LoadEdited(m => SetMetadata(m, ModelMetadataKeys.FeatureConfig, (FeatureConfig.Paper with { FrameStep = 512 }).ToJson()));
        Assert.Equal(SerModelProblem.InputShapeMismatch, error.Problem);
        Assert.Contains("92 x 40", error.Message);
    }

    [Fact]
    public void LabelsThatDoNotMatchTheOutputAreAMismatch()
    {
        var error = LoadEdited(m => SetMetadata(m, ModelMetadataKeys.Labels, "[\"a\",\"b\",\"c\"]"));
        Assert.Equal(SerModelProblem.InputShapeMismatch, error.Problem);
        Assert.Contains("3 labels", error.Message);
    }

    private SerModelException LoadEdited(Action<ModelProto> edit)
    {
        using var folder = new TempFolder();
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(models.Float32));
        edit(model);
        string path = TestModels.Write(model, folder.File("edited.onnx"));
        return Assert.Throws<SerModelException>(() => SerModel.Load(path));
    }

    private static void SetMetadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Single(p => p.Key == key).Value = value;

    // A head that ignores its input: zero weights, a large bias on one output.
    private static ModelWeights Rigged(ArchitectureDefinition architecture, int index)
    {
        var weights = TestModels.Weights(architecture);
        var dense = architecture.Graph.Last(n => n.Op == "Gemm");
        var tensors = weights.Names.ToDictionary(n => n, n => weights[n], StringComparer.Ordinal);
        tensors[dense.Inputs[1]] = new WeightTensor(new float[tensors[dense.Inputs[1]].Data.Length], tensors[dense.Inputs[1]].Shape);
        var bias = new float[tensors[dense.Inputs[2]].Data.Length];
        bias[index] = 20;
        tensors[dense.Inputs[2]] = new WeightTensor(bias, tensors[dense.Inputs[2]].Shape);
        return new ModelWeights(tensors);
    }
}
