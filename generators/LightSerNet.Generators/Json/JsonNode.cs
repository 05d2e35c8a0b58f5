using System.Collections.Generic;

namespace LightSerNet.Generators.Json;

/// <summary>A parsed JSON value that remembers the line it started on, so diagnostics can point into the spec.</summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int line, object? value = null)
    {
        Kind = kind;
        Line = line;
        Value = value;
    }

    public JsonKind Kind { get; }

    /// <summary>1-based line in the spec file.</summary>
    public int Line { get; }

    /// <summary>string, double or bool for scalars; null otherwise.</summary>
    public object? Value { get; }

    /// <summary>Object members in file order.</summary>
    public List<KeyValuePair<string, JsonNode>> Members { get; } = new();

    public List<JsonNode> Items { get; } = new();

    public JsonNode? this[string name]
    {
        get
        {
            foreach (var member in Members)
                if (member.Key == name)
                    return member.Value;
            return null;
        }
    }
}

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}
