using System.Text.RegularExpressions;

namespace LightSerNet.Data.Corpora;

/// <summary>
/// CREMA-D: AudioWAV/AAAA_SSS_EEE_LL.wav (actor, sentence, emotion, level). Gender comes from
/// VideoDemographics.csv (ActorID,Age,Sex,...) when it lies beside the audio.
/// </summary>
internal static partial class CremaDCorpus
{
    private static readonly Dictionary<string, string> Emotions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ANG"] = "anger", ["DIS"] = "disgust", ["FEA"] = "fear", ["HAP"] = "happiness", ["NEU"] = "neutral", ["SAD"] = "sadness",
    };

    [GeneratedRegex("^(?<actor>[0-9]{4})_(?<sentence>[A-Z]{3})_(?<emotion>[A-Z]{3})_(?<level>[A-Z]{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    public static IEnumerable<CorpusEntry> Read(string root, Action<CorpusProblem> problem)
    {
        string audio = Path.Combine(root, "AudioWAV");
        string folder = Directory.Exists(audio) ? audio : root;
        var genders = ReadDemographics(root);
        bool any = false;
        foreach (var path in CorpusFiles.Wavs(folder, recursive: false))
        {
            any = true;
            string id = Path.GetFileNameWithoutExtension(path);
            var match = FileName().Match(id);
            if (!match.Success || !Emotions.TryGetValue(match.Groups["emotion"].Value, out var label))
            {
                problem(new CorpusProblem(path, $"'{path}' is not named like a CREMA-D file (e.g. 1001_DFA_ANG_XX.wav), so its emotion is unknown."));
                continue;
            }
            string actor = match.Groups["actor"].Value;
            yield return new CorpusEntry(path, id, label, actor, genders.GetValueOrDefault(actor));
        }
        if (!any)
            throw CorpusFiles.MissingFolder(root, "CREMA-D", "no .wav files were found in it or in its 'AudioWAV' subfolder.");
    }

    private static Dictionary<string, string> ReadDemographics(string root)
    {
        var genders = new Dictionary<string, string>(StringComparer.Ordinal);
        string file = Path.Combine(root, "VideoDemographics.csv");
        if (!File.Exists(file))
            return genders;
        var rows = CsvText.ReadRows(file).ToList();
        if (rows.Count == 0)
            return genders;
        int actor = rows[0].FindIndex(h => h.Equals("ActorID", StringComparison.OrdinalIgnoreCase));
        int sex = rows[0].FindIndex(h => h.Equals("Sex", StringComparison.OrdinalIgnoreCase));
        if (actor < 0 || sex < 0)
            return genders;
        foreach (var row in rows.Skip(1))
        {
            if (row.Count > Math.Max(actor, sex))
                genders[row[actor].Trim()] = row[sex].Trim().ToLowerInvariant();
        }
        return genders;
    }
}
