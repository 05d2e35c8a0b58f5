using System.Text.Json;
using Google.Protobuf;
using LightSerNet.Architectures;
using LightSerNet.Onnx.Export;
using LightSerNet.Onnx.Proto;
using Xunit.Abstractions;

namespace LightSerNet.Inference.Tests;

/// <summary>Float16 and Int8 export: valid ONNX, the right structure and metadata, and outputs close to float32.</summary>
[Collection(ModelCollection.Name)]
public sealed class ExportPrecisionTests(ModelFiles models, ITestOutputHelper output)
{
    public static TheoryData<string, ModelPrecision> Cases()
    {
        var data = new TheoryData<string, ModelPrecision>();
        foreach (var architecture in ArchitectureCatalog.All)
        {
            foreach (var precision in Enum.GetValues<ModelPrecision>())
                data.Add(architecture.Name, precision);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void TheOnnxCheckerAcceptsTheFile(string architecture, ModelPrecision precision)
    {
        Skip.IfNot(OnnxChecker.Available, OnnxChecker.SkipReason);
        var float32 = TestModels.Float32(architecture);
        var model = precision switch
        {
            ModelPrecision.Float16 => Float16Converter.Convert(float32),
            ModelPrecision.Int8 => Int8QdqQuantizer.Quantize(float32, TestModels.Calibration(TestModels.Architecture(architecture), clips: 8)),
            _ => float32,
        };
        using var folder = new TempFolder();
        string path = folder.File($"{architecture}-{precision}.onnx");
        OnnxModelFile.Write(model, path, overwrite: false);
        var (exitCode, text) = OnnxChecker.Check(path);
        Assert.True(exitCode == 0, text);
    }

    [Fact]
    public void Float16AndInt8GiveProbabilitiesCloseToFloat32OnTheSameFeatures()
    {
        var architecture = TestModels.Architecture("light-sernet");
        const int clips = 96;
        // Other voices than the calibration set's.
        var features = TestModels.Features(architecture, clips, seed: 99);
        var reference = Run(models.Float32, features, clips);
        var half = Run(models.Float16, features, clips);
        var quantised = Run(models.Int8, features, clips);
        int classes = architecture.LabelSets[0].Labels.Count;

        var (halfDiff, halfAgree) = Compare(reference, half, classes);
        var (int8Diff, int8Agree) = Compare(reference, quantised, classes);
        double spread = Enumerable.Range(0, clips).Average(c => reference.AsSpan(c * classes, classes).ToArray().Max());
        output.WriteLine($"mean top probability (float32) {spread:F3}; float16: max |dp| {halfDiff:g3}, argmax agreement {halfAgree:P1}; int8: max |dp| {int8Diff:g3}, argmax agreement {int8Agree:P1}");

        Assert.True(spread > 0.4, $"the test model's outputs are too flat to compare ({spread:F3})");
        Assert.True(halfDiff < 2e-3, $"float16 differs by up to {halfDiff:g3}");
        Assert.True(halfAgree >= 0.98, $"float16 agrees on {halfAgree:P1}");
        Assert.True(int8Diff < 0.15, $"int8 differs by up to {int8Diff:g3}");
        Assert.True(int8Agree >= 0.9, $"int8 agrees on {int8Agree:P1}");
    }

    [Fact]
    public void Float16StoresHalfPrecisionWeightsAndKeepsFloat32InputAndOutput()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(models.Float16));
        var float32 = ModelProto.Parser.ParseFrom(File.ReadAllBytes(models.Float32));
        Assert.DoesNotContain(model.Graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Float);
        Assert.Contains(model.Graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Float16);
        Assert.Equal(model.Graph.Initializer.Count(t => t.DataType == (int)TensorProto.Types.DataType.Float16), model.Graph.Node.Count(n => n.OpType == "Cast"));
        Assert.Equal((int)TensorProto.Types.DataType.Float, model.Graph.Input[0].Type.TensorType.ElemType);
        Assert.Equal((int)TensorProto.Types.DataType.Float, model.Graph.Output[0].Type.TensorType.ElemType);
        Assert.InRange((double)new FileInfo(models.Float16).Length / new FileInfo(models.Float32).Length, 0.45, 0.55);
        Assert.Equal("Float16", Metadata(model)[ModelMetadataKeys.Precision]);
        Assert.Equal(Metadata(float32)[ModelMetadataKeys.Labels], Metadata(model)[ModelMetadataKeys.Labels]);
    }

    [Fact]
    public void Int8QuantisesTheBodyPerChannelAndKeepsTheFirstLayerAndTheHeadInFloat()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(models.Int8));
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var convs = model.Graph.Node.Where(n => n.OpType == "Conv").ToList();

        // The five LFLB convolutions and the unpadded pools read int8 weights through a per-channel DequantizeLinear.
        foreach (var name in new[] { "lflb1.conv", "lflb2.conv", "lflb3.conv", "lflb4.conv", "lflb5.conv" })
        {
            var conv = convs.Single(n => n.Name == name);
            var dequantize = model.Graph.Node.Single(n => n.Output.Contains(conv.Input[1]));
            Assert.Equal("DequantizeLinear", dequantize.OpType);
            Assert.Equal(0, dequantize.Attribute.Single(a => a.Name == "axis").I);
            Assert.Equal((int)TensorProto.Types.DataType.Int8, initializers[dequantize.Input[0]].DataType);
            Assert.Equal(initializers[dequantize.Input[0]].Dims[0], initializers[dequantize.Input[1]].Dims[0]);
            Assert.Equal("DequantizeLinear", model.Graph.Node.Single(n => n.Output.Contains(conv.Input[0])).OpType);
        }
        // The first layer reads the one-channel MFCC map in float32; so does the head.
        foreach (var name in new[] { "temporal.conv", "spectral.conv", "square.conv" })
            Assert.Equal((int)TensorProto.Types.DataType.Float, initializers[convs.Single(n => n.Name == name).Input[1]].DataType);
        Assert.Equal((int)TensorProto.Types.DataType.Float, initializers["dense.weight"].DataType);
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "Relu" && n.Name.StartsWith("lflb", StringComparison.Ordinal));
        Assert.Contains(model.Graph.Node, n => n.OpType == "QuantizeLinear");

        var metadata = Metadata(model);
        Assert.Equal("Int8", metadata[ModelMetadataKeys.Precision]);
        using var quantization = JsonDocument.Parse(metadata[ModelMetadataKeys.Quantization]);
        Assert.Equal(48, quantization.RootElement.GetProperty("calibration_clips").GetInt32());
        Assert.True(new FileInfo(models.Int8).Length < new FileInfo(models.Float32).Length * 0.3);
    }

    [Fact]
    public void Int8WithoutCalibrationOrWithFeaturesOfAnotherShapeIsRefused()
    {
        var architecture = TestModels.Architecture("light-sernet");
        var weightsPath = Path.Combine(models.Folder, "refused.weights");
        ModelWeightsFile.Save(weightsPath, new ModelWeightsFile.Header(architecture.Name, architecture.SpecHash,
            architecture.LabelSets[0].Names, "EmoDb", TestModels.Metadata(architecture)), TestModels.Weights(architecture));
        var checkpoint = Checkpoint.Load(weightsPath);

        var missing = Assert.Throws<ArgumentException>(() => CheckpointExporter.Build(checkpoint, new CheckpointExportOptions { Precision = ModelPrecision.Int8 }));
        Assert.Contains("calibration", missing.Message, StringComparison.OrdinalIgnoreCase);
        var wrong = new CalibrationData(new float[2 * 100 * 40], 2, 100, 40);
        var mismatch = Assert.Throws<ArgumentException>(() => CheckpointExporter.Build(checkpoint, new CheckpointExportOptions { Precision = ModelPrecision.Int8, Calibration = wrong }));
        Assert.Contains("100 x 40", mismatch.Message);
    }

    private static float[] Run(string path, float[] features, int clips)
    {
        using var predictor = new SerPredictor(SerModel.Load(path), threads: 1);
        return predictor.Run(features, clips);
    }

    private static (double MaxDifference, double Agreement) Compare(float[] reference, float[] other, int classes)
    {
        double max = 0;
        int agree = 0, clips = reference.Length / classes;
        for (int c = 0; c < clips; c++)
        {
            var a = reference.AsSpan(c * classes, classes);
            var b = other.AsSpan(c * classes, classes);
            for (int k = 0; k < classes; k++)
                max = Math.Max(max, Math.Abs(a[k] - b[k]));
            if (a.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(a)) == b.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(b)))
                agree++;
        }
        return (max, (double)agree / clips);
    }

    private static Dictionary<string, string> Metadata(ModelProto model) => model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
}
