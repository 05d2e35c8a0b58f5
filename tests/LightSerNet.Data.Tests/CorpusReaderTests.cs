using LightSerNet.Data.Corpora;

namespace LightSerNet.Data.Tests;

public sealed class CorpusReaderTests
{
    private static (List<CorpusEntry> Entries, List<CorpusProblem> Problems) Read(CorpusName corpus, string path,
        IemocapAudioType audioType = IemocapAudioType.All)
    {
        var problems = new List<CorpusProblem>();
        var entries = CorpusReader.Read(new CorpusQuery(corpus, path, audioType), problems.Add).ToList();
        return (entries, problems);
    }

    [Fact]
    public void EmoDbNamesGiveEmotionSpeakerAndGender()
    {
        using var tree = new TempTree();
        tree.Wav("wav/03a01Wa.wav");
        tree.Wav("wav/16b10Lb.wav");
        tree.Wav("wav/09a05Xa.wav");
        var (entries, problems) = Read(CorpusName.EmoDb, tree.Root);
        Assert.Equal(["03a01Wa", "16b10Lb"], entries.Select(e => e.Id));
        Assert.Equal(["anger", "boredom"], entries.Select(e => e.Label));
        Assert.Equal(["male", "female"], entries.Select(e => e.Gender));
        var problem = Assert.Single(problems);
        Assert.Contains("09a05Xa.wav", problem.Message);
    }

    [Fact]
    public void EmoDbFolderWithoutWavFilesIsNotACorpus()
    {
        using var tree = new TempTree();
        Assert.Throws<DirectoryNotFoundException>(() => Read(CorpusName.EmoDb, tree.Root));
    }

    [Fact]
    public void IemocapSkipsUnusedLabelsReportsMissingAudioAndIgnoresMacMetadata()
    {
        using var tree = new TempTree();
        tree.Text("Session2/dialog/EmoEvaluation/Ses02M_impro03.txt",
            "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]",
            "",
            "[1.0 - 2.0]\tSes02M_impro03_F000\tsad\t[2.0, 2.0, 2.0]",
            "C-E1:\tNeutral;\t()",
            "[3.0 - 4.0]\tSes02M_impro03_M001\txxx\t[2.0, 2.0, 2.0]",
            "[5.0 - 6.0]\tSes02M_impro03_M002\tneu\t[2.0, 2.0, 2.0]");
        tree.Text("Session2/dialog/EmoEvaluation/._Ses02M_impro03.txt", "junk");
        tree.Wav("Session2/sentences/wav/Ses02M_impro03/Ses02M_impro03_F000.wav");
        var (entries, problems) = Read(CorpusName.Iemocap, tree.Root);
        var entry = Assert.Single(entries);
        Assert.Equal(("sadness", "Ses02F", "female"), (entry.Label, entry.Speaker, entry.Gender));
        Assert.Contains("Ses02M_impro03_M002.wav", Assert.Single(problems).Message);
        Assert.Empty(Read(CorpusName.Iemocap, tree.Root, IemocapAudioType.Script).Entries);
    }

    [Fact]
    public void CsvManifestResolvesRelativePathsAndReportsBadRows()
    {
        using var tree = new TempTree();
        tree.Wav("clips/a.wav");
        string manifest = tree.Text("list.csv", "path,label,speaker", "clips/a.wav,Angry,spk1", "only-a-path.wav", "", "\"clips/a.wav\",\"sad\"");
        var (entries, problems) = Read(CorpusName.Csv, manifest);
        Assert.Equal(["anger", "sadness"], entries.Select(e => e.Label));
        Assert.Equal(Path.Combine(tree.Root, "clips", "a.wav"), entries[0].Path);
        Assert.Equal("spk1", entries[0].Speaker);
        Assert.Null(entries[1].Speaker);
        Assert.Contains("line 3", Assert.Single(problems).Message);
    }

    [Fact]
    public void FolderLayoutNeedsSubfolders()
    {
        using var tree = new TempTree();
        tree.Wav("loose.wav");
        Assert.Throws<DirectoryNotFoundException>(() => Read(CorpusName.Folder, tree.Root));
        tree.Wav("Fearful/x.wav");
        Assert.Equal("fear", Assert.Single(Read(CorpusName.Folder, tree.Root).Entries).Label);
    }

    [SkippableFact]
    public void TheSharedEmoDbCopyHasTheReadmeCounts()
    {
        string root = Path.GetDirectoryName(SharedData.EmoDbWav)!;
        Skip.IfNot(SharedData.HasEmoDb, $"EMO-DB is not at {root}; set LIGHTSERNET_EMODB to run this test.");
        var (entries, problems) = Read(CorpusName.EmoDb, root);
        Assert.Empty(problems);
        Assert.Equal(535, entries.Count);
        Assert.Equal(10, entries.Select(e => e.Speaker).Distinct().Count());
        Assert.Equal(127, entries.Count(e => e.Label == "anger"));
        Assert.Equal(46, entries.Count(e => e.Label == "disgust"));
    }
}
