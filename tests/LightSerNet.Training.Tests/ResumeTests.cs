using LightSerNet.Evaluation;
using LightSerNet.Features;
using LightSerNet.Training.Data;
using LightSerNet.Training.Loop;
using LightSerNet.Training.Results;

namespace LightSerNet.Training.Tests;

/// <summary>An interrupted run resumed from its checkpoints ends with exactly the numbers of an uninterrupted one.</summary>
public sealed class ResumeTests
{
    [Fact]
    public void ResumingAfterAStopGivesTheSameRunAsNeverStopping()
    {
        var set = ToySet();
        var options = ToyOptions;
        string straight = TempFolder(), interrupted = TempFolder();
        try
        {
            var reference = Trainer.Run(set, options, "Toy", straight, resume: false, force: false, null, CancellationToken.None);

            StopInTheSecondFold(set, options, interrupted);
            Assert.Throws<IOException>(() => Trainer.Run(set, options, "Toy", interrupted, resume: false, force: false, null, CancellationToken.None));
            var resumed = Trainer.Run(set, options, "Toy", interrupted, resume: true, force: false, null, CancellationToken.None);

            AssertSameRun(reference, resumed);
            Assert.True(File.Exists(Path.Combine(interrupted, "run.json")));
            Assert.True(File.Exists(Path.Combine(interrupted, "report.txt")));
        }
        finally
        {
            // Only what was created, so a failure inside the run is the one reported.
            foreach (string folder in new[] { straight, interrupted }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFinishedFoldCarriedWithoutItsCheckpointIsNotTrainedAgain()
    {
        var set = ToySet();
        var options = ToyOptions;
        string straight = TempFolder(), carried = TempFolder();
        try
        {
            var reference = Trainer.Run(set, options, "Toy", straight, resume: false, force: false, null, CancellationToken.None);

            // What another machine gets: the finished fold's state.json, no checkpoint, no weights.
            StopInTheSecondFold(set, options, carried);
            string finished = Path.Combine(carried, "checkpoints", "fold-00");
            Assert.True(File.Exists(Path.Combine(finished, "state.json")));
            Assert.False(File.Exists(Path.Combine(carried, "checkpoints", "fold-01", "state.json")));
            foreach (string file in Directory.GetFiles(finished).Where(f => Path.GetFileName(f) != "state.json"))
                File.Delete(file);

            var epochs = new List<(int Fold, int Epoch)>();
            var resumed = Trainer.Run(set, options, "Toy", carried, resume: true, force: false,
                new Progress(p => { lock (epochs) epochs.Add((p.Fold, p.Epoch)); }), CancellationToken.None);

            AssertSameRun(reference, resumed);
            Assert.DoesNotContain(epochs, e => e.Fold == 0);
            Assert.False(File.Exists(Path.Combine(finished, "last.ckpt")));
        }
        finally
        {
            foreach (string folder in new[] { straight, carried }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFoldFinishedWithoutAStateFileGetsOneOnResume()
    {
        var set = ToySet();
        var options = ToyOptions with { OnlyFolds = [0] };
        string folder = TempFolder();
        try
        {
            var reference = Trainer.Run(set, options, "Toy", folder, resume: false, force: false, null, CancellationToken.None);
            // As versions before state.json left a finished fold: its checkpoint only.
            string state = Path.Combine(folder, "checkpoints", "fold-00", "state.json");
            string written = File.ReadAllText(state);
            File.Delete(state);

            var resumed = Trainer.Run(set, options, "Toy", folder, resume: true, force: false, null, CancellationToken.None);

            AssertSameRun(reference, resumed);
            Assert.Equal(written, File.ReadAllText(state));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnUnfinishedStateWithoutItsCheckpointIsRefused()
    {
        var set = ToySet();
        var options = ToyOptions;
        string folder = TempFolder();
        try
        {
            StopInTheSecondFold(set, options, folder);
            string fold = Path.Combine(folder, "checkpoints", "fold-00");
            string state = File.ReadAllText(Path.Combine(fold, "state.json")).Replace("\"Complete\":true", "\"Complete\":false");
            File.Delete(Path.Combine(fold, "last.ckpt"));
            File.WriteAllText(Path.Combine(fold, "state.json"), state);

            var error = Assert.Throws<InvalidDataException>(() =>
                Trainer.Run(set, options, "Toy", folder, resume: true, force: false, null, CancellationToken.None));
            Assert.Contains("state.json", error.Message);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    // Three speakers, two classes; class 1 has a raised band, so a few epochs learn something.
    internal static TrainingSet ToySet()
    {
        const int frames = 184, coefficients = 40, perSpeakerAndClass = 3;
        var random = new Random(11);
        var labels = new List<int>();
        var speakers = new List<string>();
        var features = new List<float>();
        foreach (var speaker in new[] { "a", "b", "c" })
        {
            for (int label = 0; label < 2; label++)
            {
                for (int n = 0; n < perSpeakerAndClass; n++)
                {
                    for (int i = 0; i < frames * coefficients; i++)
                        features.Add((float)(random.NextDouble() - 0.5 + (label == 1 && i % coefficients < 5 ? 1.5 : 0)));
                    labels.Add(label);
                    speakers.Add(speaker);
                }
            }
        }
        return new TrainingSet(features.ToArray(), frames, coefficients, labels.ToArray(), ["calm", "anger"], speakers.ToArray(),
            labels.Select((_, i) => $"clip{i}").ToArray(), FeatureConfig.Paper);
    }

    /// <summary>Two leave-one-speaker-out folds of three epochs on <see cref="ToySet"/>, with the lite network.</summary>
    internal static TrainingOptions ToyOptions => new()
    {
        Architecture = "light-sernet-lite",
        Protocol = FoldProtocol.LeaveOneSpeakerOut,
        Epochs = 3,
        BatchSize = 4,
        LearningRate = 3e-3,
        Selections = [SelectionKind.BestOnTest, SelectionKind.Last],
        Seed = 5,
    };

    /// <summary>Starts a run in <paramref name="folder"/> and stops it (as Ctrl+C does) after the second epoch of fold 1.</summary>
    internal static void StopInTheSecondFold(TrainingSet set, TrainingOptions options, string folder)
    {
        using var stop = new CancellationTokenSource();
        var stopAfterSecondEpoch = new Progress(p =>
        {
            if (p.Fold == 1 && p.Epoch == 1)
                stop.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Run(set, options, "Toy", folder, resume: false, force: false, stopAfterSecondEpoch, stop.Token));
    }

    /// <summary>Same folds, the same loss and test accuracy every epoch, the same pooled confusion matrices.</summary>
    internal static void AssertSameRun(TrainingRun expected, TrainingRun actual)
    {
        Assert.Equal(expected.FoldsCompleted, actual.FoldsCompleted);
        Assert.Equal(expected.History.Select(h => (h.Fold, h.Epoch, h.TrainLoss, h.TestAccuracy)),
            actual.History.Select(h => (h.Fold, h.Epoch, h.TrainLoss, h.TestAccuracy)));
        Assert.Equal(expected.Pooled.Select(p => p.Metrics.ConfusionMatrix.SelectMany(r => r).ToArray()),
            actual.Pooled.Select(p => p.Metrics.ConfusionMatrix.SelectMany(r => r).ToArray()));
    }

    internal static string TempFolder() => Path.Combine(Path.GetTempPath(), "lightsernet-resume-" + Guid.NewGuid().ToString("N"));

    internal sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
