using System.Text.RegularExpressions;

namespace LightSerNet.Data.Corpora;

/// <summary>EMO-DB: files named SSTTTEV.wav (speaker, text, emotion letter, version) in wav/ or the folder itself.</summary>
internal static partial class EmoDbCorpus
{
    private static readonly Dictionary<char, string> Emotions = new()
    {
        ['W'] = "anger", ['L'] = "boredom", ['E'] = "disgust", ['A'] = "fear",
        ['F'] = "happiness", ['T'] = "sadness", ['N'] = "neutral",
    };

    private static readonly HashSet<string> MaleSpeakers = ["03", "10", "11", "12", "15"];

    [GeneratedRegex("^(?<speaker>[0-9]{2})(?<text>[ab][0-9]{2})(?<emotion>[A-Z])(?<version>[a-z])$")]
    private static partial Regex FileName();

    public static IEnumerable<CorpusEntry> Read(string root, Action<CorpusProblem> problem)
    {
        string wav = Path.Combine(root, "wav");
        string folder = Directory.Exists(wav) ? wav : root;
        bool any = false;
        foreach (var path in CorpusFiles.Wavs(folder, recursive: false))
        {
            any = true;
            string id = Path.GetFileNameWithoutExtension(path);
            var match = FileName().Match(id);
            if (!match.Success || !Emotions.TryGetValue(match.Groups["emotion"].Value[0], out var label))
            {
                problem(new CorpusProblem(path, $"'{path}' is not named like an EMO-DB file (SSTTTEV.wav, e.g. 03a01Fa.wav), so its emotion is unknown."));
                continue;
            }
            string speaker = match.Groups["speaker"].Value;
            yield return new CorpusEntry(path, id, label, speaker, MaleSpeakers.Contains(speaker) ? "male" : "female");
        }
        if (!any)
            throw CorpusFiles.MissingFolder(root, "EMO-DB", "no .wav files were found in it or in its 'wav' subfolder.");
    }
}
