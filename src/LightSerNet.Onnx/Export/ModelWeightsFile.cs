using System.Text;
using System.Text.Json;

namespace LightSerNet.Onnx.Export;

/// <summary>
/// A trained model on disk without libtorch: a JSON header (architecture, labels, feature settings, training
/// summary, tensor names and shapes) followed by the little-endian float32 tensors. Export-SerModel reads it on
/// any machine; only training writes it.
/// </summary>
public static class ModelWeightsFile
{
    private static ReadOnlySpan<byte> Magic => "LSNW0001"u8;

    /// <summary>What a weights file says about itself.</summary>
    /// <param name="Architecture">Architecture spec name.</param>
    /// <param name="SpecHash">SHA-256 of the spec the network was generated from.</param>
    /// <param name="Labels">Labels in output order.</param>
    /// <param name="LabelSet">Corpus the label order comes from.</param>
    /// <param name="Metadata">Extra metadata carried into exported models (feature config, training summary).</param>
    public sealed record Header(string Architecture, string SpecHash, IReadOnlyList<string> Labels, string LabelSet,
        IReadOnlyDictionary<string, string> Metadata);

    private sealed record TensorEntry(string Name, long[] Shape);

    private sealed record Document(Header Header, IReadOnlyList<TensorEntry> Tensors);

    /// <summary>Writes the header and tensors to <paramref name="path"/> atomically.</summary>
    public static FileInfo Save(string path, Header header, ModelWeights weights, bool overwrite = true)
    {
        var names = weights.Names.Order(StringComparer.Ordinal).ToList();
        var document = new Document(header, names.Select(n => new TensorEntry(n, weights[n].Shape)).ToList());
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(document);
        return AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(json.Length);
            writer.Write(json);
            foreach (var name in names)
            {
                foreach (float value in weights[name].Data)
                    writer.Write(value);
            }
        }, overwrite);
    }

    /// <summary>Reads a weights file; a file of another kind or a truncated one is an error naming it.</summary>
    public static (Header Header, ModelWeights Weights) Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"'{path}' is not a LightSerNet weights file.");
            int length = reader.ReadInt32();
            if (length <= 0 || length > stream.Length)
                throw new InvalidDataException($"'{path}' has a damaged header.");
            var document = JsonSerializer.Deserialize<Document>(reader.ReadBytes(length))
                ?? throw new InvalidDataException($"'{path}' has an empty header.");
            var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
            foreach (var entry in document.Tensors)
            {
                long count = entry.Shape.Aggregate(1L, (a, b) => a * b);
                if (count < 0 || count * 4 > stream.Length - stream.Position)
                    throw new InvalidDataException($"'{path}' is truncated: tensor '{entry.Name}' is incomplete.");
                var data = new float[count];
                for (long i = 0; i < count; i++)
                    data[i] = reader.ReadSingle();
                tensors[entry.Name] = new WeightTensor(data, entry.Shape);
            }
            return (document.Header, new ModelWeights(tensors));
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' is truncated.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' has a damaged header: {e.Message}");
        }
    }
}
