using LightSerNet.Onnx.Export;

namespace LightSerNet.Inference.Tests;

/// <summary>The exported models several test classes share, written once per test run to a temporary folder.</summary>
public sealed class ModelFiles : IDisposable
{
    private readonly TempFolder _folder = new();

    public ModelFiles()
    {
        var architecture = TestModels.Architecture("light-sernet");
        var float32 = TestModels.Float32("light-sernet");
        Float32 = TestModels.Write(float32, _folder.File("light-sernet-fp32.onnx"));
        Float16 = TestModels.Write(Float16Converter.Convert(float32), _folder.File("light-sernet-fp16.onnx"));
        Int8 = TestModels.Write(Int8QdqQuantizer.Quantize(float32, TestModels.Calibration(architecture)), _folder.File("light-sernet-int8.onnx"));
        Lite = TestModels.Write(TestModels.Float32("light-sernet-lite"), _folder.File("light-sernet-lite-fp32.onnx"));
    }

    public string Float32 { get; }
    public string Float16 { get; }
    public string Int8 { get; }
    public string Lite { get; }

    public string Folder => _folder.Path;

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<ModelFiles>
{
    public const string Name = "Exported models";
}
