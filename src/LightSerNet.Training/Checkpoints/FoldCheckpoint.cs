using System.Text;
using System.Text.Json;
using LightSerNet.Onnx.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace LightSerNet.Training.Checkpoints;

/// <summary>
/// One file per fold holding everything a resume needs: the fold state (JSON), the network and the optimizer.
/// Written atomically after every epoch, so an interrupted run loses at most the epoch in progress.
/// </summary>
internal static class FoldCheckpoint
{
    private static ReadOnlySpan<byte> Magic => "LSNCKPT1"u8;

    public static void Save(string path, FoldState state, nn.Module network, TorchSharp.Modules.Adam optimizer)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(state);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(json.Length);
            writer.Write(json);
            network.save(writer);
            optimizer.save_state_dict(writer);
        });
    }

    /// <summary>Reads only the state, to decide whether a fold is done.</summary>
    public static FoldState? ReadState(string path)
    {
        if (!File.Exists(path))
            return null;
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    public static FoldState Load(string path, nn.Module network, TorchSharp.Modules.Adam optimizer)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var state = ReadHeader(reader, path);
        network.load(reader);
        optimizer.load_state_dict(reader);
        return state;
    }

    private static FoldState ReadHeader(BinaryReader reader, string path)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a LightSerNet training checkpoint.");
        int length = reader.ReadInt32();
        return JsonSerializer.Deserialize<FoldState>(reader.ReadBytes(length))
            ?? throw new InvalidDataException($"'{path}' has an empty state.");
    }
}
