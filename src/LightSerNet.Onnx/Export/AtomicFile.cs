namespace LightSerNet.Onnx.Export;

/// <summary>
/// Writes files so that a reader never sees half a file and an interrupted write leaves the old one intact:
/// the content goes to a temporary file in the same folder, which then replaces the target by a rename.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public static FileInfo Write(string path, Action<Stream> write, bool overwrite = true)
    {
        var target = new FileInfo(Path.GetFullPath(path));
        if (target.Exists && !overwrite)
            throw new IOException($"'{target.FullName}' already exists; use -Force to replace it.");
        target.Directory?.Create();
        string temporary = Path.Combine(target.DirectoryName!, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
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

    /// <summary>Writes text (UTF-8, no byte-order mark) atomically.</summary>
    public static FileInfo WriteText(string path, string text, bool overwrite = true) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        }, overwrite);
}
