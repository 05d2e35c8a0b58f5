namespace LightSerNet.Data.Corpora;

/// <summary>Canonical lower-case emotion names, and the spellings corpora use for them.</summary>
public static class EmotionLabels
{
    /// <summary>Every canonical name a corpus here can produce.</summary>
    public static IReadOnlyList<string> Canonical { get; } =
        ["anger", "boredom", "disgust", "fear", "happiness", "sadness", "neutral", "calm", "surprise"];

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["angry"] = "anger", ["ang"] = "anger",
        ["bored"] = "boredom",
        ["disgusted"] = "disgust", ["dis"] = "disgust",
        ["fearful"] = "fear", ["afraid"] = "fear", ["anxiety"] = "fear", ["fea"] = "fear",
        ["happy"] = "happiness", ["joy"] = "happiness", ["hap"] = "happiness", ["excited"] = "happiness",
        ["sad"] = "sadness",
        ["neu"] = "neutral",
        ["surprised"] = "surprise", ["ps"] = "surprise", ["pleasant_surprise"] = "surprise", ["pleasant_surprised"] = "surprise",
    };

    /// <summary>
    /// The canonical name for <paramref name="label"/>: a known synonym maps to its emotion, anything else
    /// is kept, trimmed and lower-cased, so user-defined classes (Folder, Csv) survive.
    /// </summary>
    public static string Normalise(string label)
    {
        string trimmed = label.Trim();
        return Synonyms.TryGetValue(trimmed, out var canonical) ? canonical : trimmed.ToLowerInvariant();
    }
}
