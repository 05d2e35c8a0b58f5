namespace LightSerNet.Evaluation.Tests;

public sealed class FoldPlannerTests
{
    // 5 speakers x 3 emotions with uneven counts (speaker s has s + e + 1 items of emotion e, one emotion missing),
    // interleaved so dataset order is neither by speaker nor by label.
    private static (string[] Labels, string[] Speakers) Dataset()
    {
        string[] emotions = ["anger", "neutral", "sadness"];
        var items = new List<(string Label, string Speaker)>();
        for (int s = 0; s < 5; s++)
        {
            for (int e = 0; e < emotions.Length; e++)
            {
                if (s == 2 && e == 1)
                    continue;
                for (int k = 0; k < s + e + 1; k++)
                    items.Add((emotions[e], $"{s + 10}"));
            }
        }
        var shuffled = items.Select((item, i) => (item, key: i * 7919 % 101)).OrderBy(x => x.key).ThenBy(x => x.item.Speaker).Select(x => x.item).ToArray();
        return (shuffled.Select(i => i.Label).ToArray(), shuffled.Select(i => i.Speaker).ToArray());
    }

    [Fact]
    public void ReferenceFoldsKeepEachSpeakersCountPerEmotion()
    {
        var (labels, speakers) = Dataset();
        var folds = FoldPlanner.Plan(FoldProtocol.ReferenceFolds, labels, speakers, seed: 42);
        Assert.Equal(["reference 10", "reference 11", "reference 12", "reference 13", "reference 14"], folds.Select(f => f.Name));
        foreach (var fold in folds)
        {
            string speaker = fold.Name["reference ".Length..];
            foreach (var emotion in labels.Distinct())
            {
                int real = Enumerable.Range(0, labels.Length).Count(i => labels[i] == emotion && speakers[i] == speaker);
                Assert.Equal(real, fold.Test.Count(i => labels[i] == emotion));
            }
        }
        AssertPartition(folds, labels.Length);
    }

    [Fact]
    public void ReferenceFoldsAreNotTheRealSpeakers()
    {
        var (labels, speakers) = Dataset();
        var pseudo = FoldPlanner.ReferenceSpeakers(labels, speakers, seed: 42);
        int same = Enumerable.Range(0, labels.Length).Count(i => pseudo[i] == speakers[i]);
        Assert.InRange(same, 1, labels.Length / 2);
    }

    [Fact]
    public void FoldsAreFixedByTheSeedAndChangeWithIt()
    {
        var (labels, speakers) = Dataset();
        foreach (var protocol in new[] { FoldProtocol.ReferenceFolds, FoldProtocol.KFold })
        {
            var a = FoldPlanner.Plan(protocol, labels, speakers, seed: 42, kFolds: 5);
            var b = FoldPlanner.Plan(protocol, labels, speakers, seed: 42, kFolds: 5);
            var c = FoldPlanner.Plan(protocol, labels, speakers, seed: 43, kFolds: 5);
            Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
            Assert.NotEqual(a.Select(f => f.Test), c.Select(f => f.Test));
        }
    }

    [Fact]
    public void ReferenceFoldsAreStableAcrossRuntimes()
    {
        // Pinned output of SplitMix64 + Fisher-Yates, cross-checked with an independent Python transcription of the
        // algorithm documented on FoldPlanner.ReferenceSpeakers. If this changes, every published fold changes with it.
        string[] speakers = ["1", "2", "3", "4", "5", "1", "2", "3", "4", "5"];
        Assert.Equal(["4", "1", "5", "2", "3", "5", "4", "1", "2", "3"],
            FoldPlanner.ReferenceSpeakers(["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"], speakers, seed: 42));
        Assert.Equal(["4", "3", "1", "5", "3", "4", "5", "2", "2", "1"],
            FoldPlanner.ReferenceSpeakers(["a", "b", "a", "b", "a", "b", "a", "b", "a", "b"], speakers, seed: 7));
    }

    [Fact]
    public void LeaveOneSpeakerOutTestsOneRealSpeakerPerFold()
    {
        var (labels, speakers) = Dataset();
        var folds = FoldPlanner.Plan(FoldProtocol.LeaveOneSpeakerOut, labels, speakers, seed: 1);
        Assert.Equal(5, folds.Count);
        foreach (var fold in folds)
        {
            string speaker = Assert.Single(fold.Test.Select(i => speakers[i]).Distinct());
            Assert.Equal($"speaker {speaker}", fold.Name);
            Assert.DoesNotContain(fold.Train, i => speakers[i] == speaker);
            Assert.Empty(fold.Validation);
        }
        AssertPartition(folds, labels.Length);
    }

    [Theory]
    [InlineData(FoldProtocol.ReferenceFolds)]
    [InlineData(FoldProtocol.LeaveOneSpeakerOut)]
    public void InnerValidationIsTheNextSpeakerAndNeverOverlaps(FoldProtocol protocol)
    {
        var (labels, speakers) = Dataset();
        var ids = protocol == FoldProtocol.ReferenceFolds ? FoldPlanner.ReferenceSpeakers(labels, speakers, 7).ToArray() : speakers;
        var folds = FoldPlanner.Plan(protocol, labels, speakers, seed: 7, innerValidation: true);
        string[] order = ["10", "11", "12", "13", "14"];
        for (int f = 0; f < folds.Count; f++)
        {
            var fold = folds[f];
            Assert.NotEmpty(fold.Validation);
            Assert.All(fold.Validation, i => Assert.Equal(order[(f + 1) % order.Length], ids[i]));
            Assert.All(fold.Test, i => Assert.Equal(order[f], ids[i]));
            Assert.Empty(fold.Train.Intersect(fold.Validation));
            Assert.Empty(fold.Train.Intersect(fold.Test));
            Assert.Empty(fold.Test.Intersect(fold.Validation));
            Assert.Equal(labels.Length, fold.Train.Length + fold.Test.Length + fold.Validation.Length);
        }
        // Inner validation changes nothing about the test folds.
        var plain = FoldPlanner.Plan(protocol, labels, speakers, seed: 7);
        Assert.Equal(plain.Select(f => f.Test), folds.Select(f => f.Test));
    }

    [Fact]
    public void KFoldIsStratified()
    {
        var (labels, speakers) = Dataset();
        var folds = FoldPlanner.Plan(FoldProtocol.KFold, labels, speakers, seed: 3, kFolds: 4);
        Assert.Equal(["kfold 1/4", "kfold 2/4", "kfold 3/4", "kfold 4/4"], folds.Select(f => f.Name));
        AssertPartition(folds, labels.Length);
        foreach (var emotion in labels.Distinct())
        {
            var perFold = folds.Select(f => f.Test.Count(i => labels[i] == emotion)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"{emotion}: {string.Join(", ", perFold)}");
        }
        var sizes = folds.Select(f => f.Test.Length).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Fact]
    public void KFoldInnerValidationIsAStratifiedTenthOfTraining()
    {
        var (labels, speakers) = Dataset();
        var folds = FoldPlanner.Plan(FoldProtocol.KFold, labels, speakers, seed: 3, kFolds: 4, innerValidation: true);
        var plain = FoldPlanner.Plan(FoldProtocol.KFold, labels, speakers, seed: 3, kFolds: 4);
        for (int f = 0; f < folds.Count; f++)
        {
            var fold = folds[f];
            Assert.Equal(plain[f].Test, fold.Test);
            Assert.Equal(plain[f].Train, fold.Train.Concat(fold.Validation).Order());
            Assert.Empty(fold.Train.Intersect(fold.Validation));
            foreach (var emotion in labels.Distinct())
            {
                int pool = plain[f].Train.Count(i => labels[i] == emotion);
                Assert.Equal((pool + 5) / 10, fold.Validation.Count(i => labels[i] == emotion));
            }
        }
    }

    [Fact]
    public void NoneTrainsOnEverything()
    {
        var (labels, speakers) = Dataset();
        var fold = Assert.Single(FoldPlanner.Plan(FoldProtocol.None, labels, speakers, seed: 0));
        Assert.Equal("all", fold.Name);
        Assert.Equal(Enumerable.Range(0, labels.Length), fold.Train);
        Assert.Empty(fold.Test);
        Assert.Empty(fold.Validation);

        var held = Assert.Single(FoldPlanner.Plan(FoldProtocol.None, labels, speakers, seed: 0, innerValidation: true));
        Assert.All(held.Validation, i => Assert.Equal("14", speakers[i]));
        Assert.Equal(labels.Length, held.Train.Length + held.Validation.Length);

        var anonymous = Assert.Single(FoldPlanner.Plan(FoldProtocol.None, labels, new string?[labels.Length], seed: 0, innerValidation: true));
        Assert.Empty(anonymous.Validation);
    }

    [Fact]
    public void MissingSpeakersAreNamed()
    {
        string[] labels = ["a", "b", "a"];
        string?[] speakers = ["1", "2", null];
        foreach (var protocol in new[] { FoldProtocol.ReferenceFolds, FoldProtocol.LeaveOneSpeakerOut })
        {
            var error = Assert.Throws<ArgumentException>(() => FoldPlanner.Plan(protocol, labels, speakers, seed: 0));
            Assert.Contains("Item 2 has no speaker id", error.Message);
            Assert.Contains(protocol.ToString(), error.Message);
        }
        var inner = Assert.Throws<ArgumentException>(() => FoldPlanner.Plan(FoldProtocol.None, labels, speakers, 0, innerValidation: true));
        Assert.Contains("inner validation", inner.Message);
        // K-fold does not need speakers.
        Assert.Equal(2, FoldPlanner.Plan(FoldProtocol.KFold, labels, speakers, seed: 0, kFolds: 2).Count);
    }

    [Fact]
    public void ImpossibleSplitsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => FoldPlanner.Plan(FoldProtocol.KFold, ["a", "b"], ["1"], 0));
        Assert.Throws<ArgumentException>(() => FoldPlanner.Plan(FoldProtocol.KFold, [], [], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FoldPlanner.Plan(FoldProtocol.KFold, ["a", "b"], ["1", "1"], 0, kFolds: 3));
        var one = Assert.Throws<ArgumentException>(() => FoldPlanner.Plan(FoldProtocol.LeaveOneSpeakerOut, ["a", "b"], ["1", "1"], 0));
        Assert.Contains("at least 2 speakers", one.Message);
        var two = Assert.Throws<ArgumentException>(() => FoldPlanner.Plan(FoldProtocol.LeaveOneSpeakerOut, ["a", "b"], ["1", "2"], 0, innerValidation: true));
        Assert.Contains("at least 3 speakers", two.Message);
    }

    // Every item is tested exactly once, and never trained on in the fold that tests it.
    private static void AssertPartition(IReadOnlyList<Fold> folds, int count)
    {
        Assert.Equal(Enumerable.Range(0, count), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds)
        {
            Assert.Empty(fold.Train.Intersect(fold.Test));
            Assert.Equal(count, fold.Train.Length + fold.Test.Length + fold.Validation.Length);
            Assert.Equal(fold.Train.Order(), fold.Train);
            Assert.Equal(fold.Test.Order(), fold.Test);
        }
        Assert.Equal(Enumerable.Range(0, folds.Count), folds.Select(f => f.Index));
    }
}
