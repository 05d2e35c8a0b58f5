using System.Globalization;
using System.Text.RegularExpressions;

namespace LightSerNet.Data.Corpora;

/// <summary>
/// RAVDESS: Actor_NN/MM-VV-EE-II-SS-RR-AA.wav (modality, vocal channel, emotion, intensity, statement,
/// repetition, actor). Odd actors are male, even female. Speech and song are both taken.
/// </summary>
internal static partial class RavdessCorpus
{
    private static readonly string[] Emotions =
        ["neutral", "calm", "happiness", "sadness", "anger", "fear", "disgust", "surprise"];

    [GeneratedRegex("^(?<modality>[0-9]{2})-(?<channel>[0-9]{2})-(?<emotion>[0-9]{2})-(?<intensity>[0-9]{2})-(?<statement>[0-9]{2})-(?<repetition>[0-9]{2})-(?<actor>[0-9]{2})$")]
    private static partial Regex FileName();

    public static IEnumerable<CorpusEntry> Read(string root, Action<CorpusProblem> problem)
    {
        bool any = false;
        foreach (var path in CorpusFiles.Wavs(root, recursive: true))
        {
            any = true;
            string id = Path.GetFileNameWithoutExtension(path);
            var match = FileName().Match(id);
            int emotion = match.Success ? int.Parse(match.Groups["emotion"].Value, CultureInfo.InvariantCulture) : 0;
            if (emotion is < 1 or > 8)
            {
                problem(new CorpusProblem(path, $"'{path}' is not named like a RAVDESS file (e.g. 03-01-05-01-02-01-12.wav), so its emotion is unknown."));
                continue;
            }
            string actor = match.Groups["actor"].Value;
            int number = int.Parse(actor, CultureInfo.InvariantCulture);
            yield return new CorpusEntry(path, id, Emotions[emotion - 1], actor, number % 2 == 1 ? "male" : "female");
        }
        if (!any)
            throw CorpusFiles.MissingFolder(root, "RAVDESS", "no .wav files were found under it.");
    }
}
