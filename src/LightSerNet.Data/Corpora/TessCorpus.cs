using System.Text.RegularExpressions;

namespace LightSerNet.Data.Corpora;

/// <summary>
/// TESS: OAF_/YAF_ speaker prefix, the target word and the emotion in each file name
/// (OAF_back_angry.wav, YAF_chair_ps.wav), usually in one folder per speaker and emotion. Both speakers are female.
/// </summary>
internal static partial class TessCorpus
{
    private static readonly Dictionary<string, string> Emotions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["angry"] = "anger", ["disgust"] = "disgust", ["fear"] = "fear", ["happy"] = "happiness",
        ["neutral"] = "neutral", ["ps"] = "surprise", ["sad"] = "sadness",
    };

    [GeneratedRegex("^(?<speaker>OAF|YAF)_(?<word>[A-Za-z]+)_(?<emotion>[A-Za-z]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    public static IEnumerable<CorpusEntry> Read(string root, Action<CorpusProblem> problem)
    {
        bool any = false;
        foreach (var path in CorpusFiles.Wavs(root, recursive: true))
        {
            any = true;
            string id = Path.GetFileNameWithoutExtension(path);
            var match = FileName().Match(id);
            if (!match.Success || !Emotions.TryGetValue(match.Groups["emotion"].Value, out var label))
            {
                problem(new CorpusProblem(path, $"'{path}' is not named like a TESS file (e.g. OAF_back_angry.wav), so its emotion is unknown."));
                continue;
            }
            yield return new CorpusEntry(path, id, label, match.Groups["speaker"].Value.ToUpperInvariant(), "female");
        }
        if (!any)
            throw CorpusFiles.MissingFolder(root, "TESS", "no .wav files were found under it.");
    }
}
