namespace LightSerNet.Data.Tests;

/// <summary>A temporary folder that tests fill with corpus layouts; deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lightsernet-data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a valid 0.1 s 16 kHz 16-bit mono WAV at a path relative to <see cref="Root"/>.</summary>
    public string Wav(string relative)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        const int samples = 1600;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8); writer.Write(36 + 2 * samples); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(16000); writer.Write(32000); writer.Write((short)2); writer.Write((short)16);
        writer.Write("data"u8); writer.Write(2 * samples);
        for (int i = 0; i < samples; i++)
            writer.Write((short)(1000 * Math.Sin(i * 0.1)));
        return path;
    }

    public string Text(string relative, params string[] lines)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
