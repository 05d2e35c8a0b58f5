using Google.Protobuf;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>Writes model files atomically: a temporary file beside the target, then a rename.</summary>
public static class OnnxModelFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>; an existing file is replaced only with <paramref name="overwrite"/>.</summary>
    public static FileInfo Write(ModelProto model, string path, bool overwrite)
    {
        var target = new FileInfo(Path.GetFullPath(path));
        if (target.Exists && !overwrite)
            throw new IOException($"'{target.FullName}' already exists; use -Force to replace it.");
        target.Directory?.Create();
        string temporary = Path.Combine(target.DirectoryName!, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
                model.WriteTo(stream);
            File.Move(temporary, target.FullName, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        target.Refresh();
        return target;
    }
}
