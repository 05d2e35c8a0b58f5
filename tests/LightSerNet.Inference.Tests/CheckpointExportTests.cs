using System.Text.Json;
using LightSerNet.Architectures;
using LightSerNet.Features;
using LightSerNet.Inference.Calibration;
using LightSerNet.Onnx.Export;

namespace LightSerNet.Inference.Tests;

/// <summary>From a training checkpoint to a model file: labels, settings and summary travel with it.</summary>
public sealed class CheckpointExportTests
{
    [Fact]
    public void AModelFromACheckpointCarriesItsLabelsFeatureSettingsAndTrainingSummary()
    {
        using var folder = new TempFolder();
        var architecture = TestModels.Architecture("light-sernet-lite");
        // A corpus the spec does not list: training orders its labels by name, and that order must survive.
        string[] labels = ["angry", "calm", "happy", "neutral", "sad", "surprised", "tired"];
        var config = FeatureConfig.Paper with { LowerHz = 60 };
        var header = new ModelWeightsFile.Header(architecture.Name, architecture.SpecHash, labels, "Folder", new Dictionary<string, string>
        {
            [ModelMetadataKeys.FeatureConfig] = config.ToJson(),
            [ModelMetadataKeys.Training] = """{"protocol":"KFold","fold":"fold-3","selection":"Last","epoch":41}""",
        });
        string weights = folder.File("Last.weights");
        ModelWeightsFile.Save(weights, header, TestModels.Weights(architecture));

        var exported = CheckpointExporter.Build(Checkpoint.Load(weights), new CheckpointExportOptions
        {
            TrainingSummary = new Dictionary<string, object?> { ["ua"] = 71.5, ["dataset"] = "Folder", ["wa"] = double.NaN },
        });
        Assert.Empty(exported.Warnings);
        string path = folder.File("model.onnx");
        OnnxModelFile.Write(exported.Model, path, overwrite: false);

        var model = SerModel.Load(path);
        Assert.Equal(labels, model.Labels);
        Assert.Equal(config, model.FeatureConfig);
        Assert.Equal("Folder", model.LabelSet);
        using var summary = JsonDocument.Parse(model.Training!);
        Assert.Equal("KFold", summary.RootElement.GetProperty("protocol").GetString());
        Assert.Equal(41, summary.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal(71.5, summary.RootElement.GetProperty("ua").GetDouble());
        Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("wa").ValueKind);
        Assert.Equal("Last.weights", summary.RootElement.GetProperty("checkpoint").GetString());
        Assert.Equal(architecture.SpecHash, model.Metadata[ModelMetadataKeys.SpecHash]);
        Assert.True(DateTime.TryParse(model.Metadata[ModelMetadataKeys.CreatedUtc], out _));
        Assert.False(string.IsNullOrEmpty(model.Metadata[ModelMetadataKeys.ToolVersion]));
        Assert.Throws<IOException>(() => OnnxModelFile.Write(exported.Model, path, overwrite: false));
    }

    [Fact]
    public void ACheckpointFromAnotherSpecVersionExportsWithAWarning()
    {
        using var folder = new TempFolder();
        var architecture = TestModels.Architecture("light-sernet");
        var header = new ModelWeightsFile.Header(architecture.Name, new string('0', 64), architecture.LabelSets[0].Names, "EmoDb", TestModels.Metadata(architecture));
        string weights = folder.File("old.weights");
        ModelWeightsFile.Save(weights, header, TestModels.Weights(architecture));
        var exported = CheckpointExporter.Build(Checkpoint.Load(weights), new CheckpointExportOptions());
        Assert.Contains("different version", Assert.Single(exported.Warnings));
    }

    [Fact]
    public void AFileThatIsNotACheckpointIsInvalidData()
    {
        using var folder = new TempFolder();
        string path = folder.File("x.weights");
        File.WriteAllText(path, "hello");
        Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(folder.File("none.weights")));
    }

    [Fact]
    public void CalibrationFeaturesMustHaveTheModelsShapeAndAreThinnedEvenly()
    {
        var config = FeatureConfig.Paper;
        var features = Enumerable.Range(0, 10).Select(i => new SerFeatures($"f{i}", "File", null, null, 0, config, 184, Enumerable.Repeat((float)i, 184 * 40).ToArray())).ToList();
        var data = CalibrationSet.FromFeatures(features, 184, 40, maxClips: 5);
        Assert.Equal(5, data.Clips);
        Assert.Equal([0f, 2f, 4f, 6f, 8f], Enumerable.Range(0, 5).Select(c => data.Features[c * 184 * 40]));
        var error = Assert.Throws<ArgumentException>(() => CalibrationSet.FromFeatures(features, 100, 40));
        Assert.Contains("'f0'", error.Message);
    }

    [Fact]
    public void CalibrationFromFilesReportsBadFilesAndUsesTheRest()
    {
        using var folder = new TempFolder();
        string good = TestAudio.WriteWav(folder.File("a.wav"), TestAudio.Voice(1, 2));
        string bad = folder.File("b.wav");
        File.WriteAllText(bad, "not a wave");
        var errors = new List<string>();
        var data = CalibrationSet.FromFiles([good, bad, good], FeatureConfig.Paper, 3, (path, _) => errors.Add(path));
        Assert.Equal([bad], errors);
        Assert.Equal((2, 184, 40), (data.Clips, data.Frames, data.Coefficients));
    }
}
