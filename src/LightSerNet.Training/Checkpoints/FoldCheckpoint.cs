using System.Text;
using System.Text.Json;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace LightSerNet.Training.Checkpoints;

/// <summary>
/// One file per fold holding everything a resume needs: the fold state (JSON), the network, the optimizer and, when
/// the run reports the Average selection, the weight average so far.
/// Written atomically after every epoch, so an interrupted run loses at most the epoch in progress. A finished
/// fold also leaves its state alone as state.json: a few kilobytes that carry the fold's whole outcome to another
/// machine, where a resumed run skips it without the 5 MB checkpoint.
/// </summary>
internal static class FoldCheckpoint
{
    private static ReadOnlySpan<byte> Magic => "LSNCKPT1"u8;

    /// <summary>The checkpoint in a fold's folder.</summary>
    public static string CheckpointPath(string folder) => Path.Combine(folder, "last.ckpt");

    /// <summary>A finished fold's state without the network, in its folder.</summary>
    public static string FinishedStatePath(string folder) => Path.Combine(folder, "state.json");

    public static void Save(string path, FoldState state, nn.Module network, TorchSharp.Modules.Adam optimizer, WeightAverage? average)
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
            average?.Save(writer);
        });
    }

    /// <summary>Writes a finished fold's state.json (atomically).</summary>
    public static void SaveFinished(string folder, FoldState state) =>
        AtomicFile.Write(FinishedStatePath(folder), stream => JsonSerializer.Serialize(stream, state));

    /// <summary>
    /// Reads only the state of the fold in <paramref name="folder"/>, to decide whether it is done: from its
    /// checkpoint, or else from the state.json of a finished fold whose checkpoint stayed behind on another machine.
    /// </summary>
    public static FoldState? ReadState(string folder)
    {
        string checkpoint = CheckpointPath(folder);
        if (File.Exists(checkpoint))
        {
            using var reader = new BinaryReader(File.OpenRead(checkpoint), Encoding.UTF8);
            return ReadHeader(reader, checkpoint);
        }
        string finished = FinishedStatePath(folder);
        if (!File.Exists(finished))
            return null;
        var state = JsonSerializer.Deserialize<FoldState>(File.ReadAllBytes(finished))
            ?? throw new InvalidDataException($"'{finished}' has an empty state.");
        return state.Complete ? state : throw new InvalidDataException($"'{finished}' holds a fold that is not finished; only finished folds are carried without their checkpoint.");
    }

    /// <summary>
    /// Restores the network and optimizer of the checkpoint at <paramref name="path"/>, and its weight average when
    /// <paramref name="withAverage"/> (the run reports Average, so the checkpoint holds one); null otherwise. A
    /// checkpoint of another run (its key is not <paramref name="runKey"/>) is refused before anything is read into
    /// the network, whose layout may not even match.
    /// </summary>
    public static (FoldState State, WeightAverage? Average) Load(string path, string runKey, nn.Module network, TorchSharp.Modules.Adam optimizer, bool withAverage)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var state = ReadHeader(reader, path);
        if (state.RunKey != runKey)
            throw new InvalidOperationException($"The checkpoint '{path}' belongs to a run with other options or data; use -Force to start over.");
        network.load(reader);
        optimizer.load_state_dict(reader);
        try
        {
            return (state, withAverage ? WeightAverage.Load(reader, network) : null);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' holds no weight average, though its run reports the Average selection.");
        }
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
