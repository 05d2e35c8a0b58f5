using System.Text.RegularExpressions;

namespace LightSerNet.Data.Corpora;

/// <summary>Which IEMOCAP dialogues to take: improvised, scripted or both.</summary>
public enum IemocapAudioType
{
    /// <summary>Improvised and scripted dialogues.</summary>
    All,
    /// <summary>Improvised dialogues only (Ses01F_impro01, ...).</summary>
    Impro,
    /// <summary>Scripted dialogues only (Ses01F_script01_1, ...).</summary>
    Script,
}

/// <summary>
/// IEMOCAP: Session1..Session5, each with dialog/EmoEvaluation/&lt;dialog&gt;.txt label files and
/// sentences/wav/&lt;dialog&gt;/&lt;utterance&gt;.wav. Four classes as in the paper: anger, happiness
/// (happy + excited), neutral, sadness; other labels are left out.
/// </summary>
internal static partial class IemocapCorpus
{
    private static readonly Dictionary<string, string> Emotions = new(StringComparer.Ordinal)
    {
        ["ang"] = "anger", ["hap"] = "happiness", ["exc"] = "happiness", ["neu"] = "neutral", ["sad"] = "sadness",
    };

    // "[6.2901 - 8.2357]\tSes01F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]"
    [GeneratedRegex(@"^\[(?<start>[0-9.]+) - (?<end>[0-9.]+)\]\t(?<utterance>\S+)\t(?<emotion>\S+)\t\[")]
    private static partial Regex LabelLine();

    [GeneratedRegex("^(?<session>Ses[0-9]{2})[FM]_.*_(?<sex>[FM])[0-9]+$")]
    private static partial Regex UtteranceId();

    public static IEnumerable<CorpusEntry> Read(string root, IemocapAudioType audioType, Action<CorpusProblem> problem)
    {
        var sessions = Enumerable.Range(1, 5)
            .Select(i => Path.Combine(root, $"Session{i}"))
            .Where(Directory.Exists)
            .ToList();
        if (sessions.Count == 0)
            throw CorpusFiles.MissingFolder(root, "IEMOCAP", "it has no Session1..Session5 folders.");

        foreach (var session in sessions)
        {
            string evaluation = Path.Combine(session, "dialog", "EmoEvaluation");
            if (!Directory.Exists(evaluation))
            {
                problem(new CorpusProblem(session, $"'{session}' has no dialog/EmoEvaluation folder, so its utterances have no labels."));
                continue;
            }
            var labelFiles = Directory.EnumerateFiles(evaluation, "*.txt")
                .Where(f => !Path.GetFileName(f).StartsWith("._", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var labelFile in labelFiles)
            {
                string dialog = Path.GetFileNameWithoutExtension(labelFile);
                if (!Selected(dialog, audioType))
                    continue;
                foreach (var entry in ReadDialog(session, dialog, labelFile, problem))
                    yield return entry;
            }
        }
    }

    private static bool Selected(string dialog, IemocapAudioType audioType) => audioType switch
    {
        IemocapAudioType.Impro => dialog.Contains("_impro", StringComparison.Ordinal),
        IemocapAudioType.Script => dialog.Contains("_script", StringComparison.Ordinal),
        _ => true,
    };

    private static IEnumerable<CorpusEntry> ReadDialog(string session, string dialog, string labelFile, Action<CorpusProblem> problem)
    {
        foreach (var line in File.ReadLines(labelFile))
        {
            var match = LabelLine().Match(line);
            if (!match.Success || !Emotions.TryGetValue(match.Groups["emotion"].Value, out var label))
                continue;
            string utterance = match.Groups["utterance"].Value;
            var id = UtteranceId().Match(utterance);
            if (!id.Success)
            {
                problem(new CorpusProblem(labelFile, $"'{labelFile}' names utterance '{utterance}', which does not follow IEMOCAP's SesNNX_dialog_XNNN pattern."));
                continue;
            }
            string wav = Path.Combine(session, "sentences", "wav", dialog, utterance + ".wav");
            if (!File.Exists(wav))
            {
                problem(new CorpusProblem(wav, $"'{wav}' is labelled in '{labelFile}' but does not exist."));
                continue;
            }
            string sex = id.Groups["sex"].Value;
            yield return new CorpusEntry(wav, utterance, label, id.Groups["session"].Value + sex, sex == "F" ? "female" : "male");
        }
    }
}
