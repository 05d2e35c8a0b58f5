using Google.Protobuf;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>Saves ONNX models atomically (see <see cref="AtomicFile"/>).</summary>
public static class OnnxModelFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>; an existing file is replaced only with <paramref name="overwrite"/>.</summary>
    public static FileInfo Write(ModelProto model, string path, bool overwrite) =>
        AtomicFile.Write(path, model.WriteTo, overwrite);
}
