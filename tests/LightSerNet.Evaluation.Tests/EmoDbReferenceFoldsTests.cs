using Xunit.Abstractions;

namespace LightSerNet.Evaluation.Tests;

/// <summary>ReferenceFolds on the real EMO-DB speaker and label lists (skipped when ../shared has no EMO-DB).</summary>
public sealed class EmoDbReferenceFoldsTests(ITestOutputHelper output)
{
    // Files per speaker, from ../shared/data/emodb/README.md.
    private static readonly Dictionary<string, int> FilesPerSpeaker = new()
    {
        ["03"] = 49, ["08"] = 58, ["09"] = 43, ["10"] = 38, ["11"] = 55,
        ["12"] = 35, ["13"] = 61, ["14"] = 69, ["15"] = 56, ["16"] = 71,
    };

    private static (string[] Labels, string[] Speakers) EmoDb()
    {
        // SSTTTEV.wav: speaker = first two letters, emotion letter = sixth; ordinal file order, as the corpus reader lists them.
        var names = Directory.GetFiles(SharedData.EmoDbWav, "*.wav").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
        return (names.Select(n => n![5].ToString()).ToArray(), names.Select(n => n![..2]).ToArray());
    }

    [SkippableFact]
    public void ReferenceFoldsHaveTheSpeakersSizesButMostlyOtherSpeakersFiles()
    {
        Skip.IfNot(SharedData.HasEmoDb, $"EMO-DB is not at {SharedData.EmoDbWav}.");
        var (labels, speakers) = EmoDb();
        Assert.Equal(535, labels.Length);

        var folds = FoldPlanner.Plan(FoldProtocol.ReferenceFolds, labels, speakers, seed: 42);
        Assert.Equal(10, folds.Count);
        Assert.Equal(Enumerable.Range(0, 535), folds.SelectMany(f => f.Test).Order());
        int own = 0;
        foreach (var fold in folds)
        {
            string speaker = fold.Name["reference ".Length..];
            Assert.Equal(FilesPerSpeaker[speaker], fold.Test.Length);
            foreach (var emotion in labels.Distinct())
            {
                Assert.Equal(Enumerable.Range(0, 535).Count(i => labels[i] == emotion && speakers[i] == speaker),
                    fold.Test.Count(i => labels[i] == emotion));
            }
            int real = fold.Test.Count(i => speakers[i] == speaker);
            own += real;
            output.WriteLine($"{fold.Name}: {fold.Test.Length} files, {real} really by speaker {speaker}");
        }
        double fraction = own / 535.0;
        output.WriteLine($"files whose reference fold is their real speaker: {own} of 535 ({fraction:P1})");
        // Chance level is sum over emotions of sum over speakers of n(e,s)^2 / n(e) / 535, about 11 %.
        Assert.InRange(fraction, 0.03, 0.2);

        var loso = FoldPlanner.Plan(FoldProtocol.LeaveOneSpeakerOut, labels, speakers, seed: 42);
        Assert.Equal(FilesPerSpeaker.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value), loso.Select(f => f.Test.Length));
    }
}
