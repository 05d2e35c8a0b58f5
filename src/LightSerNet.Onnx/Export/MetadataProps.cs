using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>Reads and replaces a model's metadata_props, keeping them sorted by key as the writer does.</summary>
internal static class MetadataProps
{
    public static string? Get(ModelProto model, string key) =>
        model.MetadataProps.FirstOrDefault(p => p.Key == key)?.Value;

    public static void Set(ModelProto model, string key, string value)
    {
        var all = model.MetadataProps.Where(p => p.Key != key).Select(p => (Key: p.Key, Value: p.Value)).Append((Key: key, Value: value))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        model.MetadataProps.Clear();
        foreach (var (k, v) in all)
            model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
    }
}
