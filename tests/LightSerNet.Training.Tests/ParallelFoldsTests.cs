using LightSerNet.Architectures;
using LightSerNet.Training.Loop;
using LightSerNet.Training.Networks;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

/// <summary>Folds trained side by side: the same numbers as one at a time, and the same as before folds had generators.</summary>
public sealed class ParallelFoldsTests
{
    [Fact]
    public void FoldsTrainedSideBySideGiveTheNumbersOfFoldsTrainedOneAtATime()
    {
        var set = ResumeTests.ToySet();
        var oneAtATime = ResumeTests.ToyOptions with { Threads = 1, ParallelFolds = 1 };
        string sequential = ResumeTests.TempFolder(), parallel = ResumeTests.TempFolder();
        try
        {
            var reports = new List<TrainingProgress>();
            int caller = Environment.CurrentManagedThreadId;
            var reference = Trainer.Run(set, oneAtATime, "Toy", sequential, resume: false, force: false, null, CancellationToken.None);
            var sideBySide = Trainer.Run(set, oneAtATime with { ParallelFolds = 3 }, "Toy", parallel, resume: false, force: false,
                new ResumeTests.Progress(p =>
                {
                    Assert.Equal(caller, Environment.CurrentManagedThreadId);
                    reports.Add(p);
                }), CancellationToken.None);

            ResumeTests.AssertSameRun(reference, sideBySide);
            Assert.Equal(3 * oneAtATime.Epochs, reports.Count);
            Assert.Equal(3 * oneAtATime.Epochs, reports.Max(r => r.RunEpochsDone));
            Assert.All(reports, r => Assert.Equal(3 * oneAtATime.Epochs, r.RunEpochs));
            Assert.Equal(1, sideBySide.Options.Threads);
            Assert.Equal(3, sideBySide.Options.ParallelFolds);
        }
        finally
        {
            foreach (string folder in new[] { sequential, parallel }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFoldThatDoesNotExistIsAnErrorNotAnEmptyRun()
    {
        string folder = ResumeTests.TempFolder();
        var error = Assert.Throws<ArgumentException>(() => Trainer.Run(ResumeTests.ToySet(), ResumeTests.ToyOptions with { OnlyFolds = [1, 7] },
            "Toy", folder, resume: false, force: false, null, CancellationToken.None));
        Assert.Contains("no fold 7", error.Message);
        Assert.Contains("numbered 0 to 2", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void AFoldGeneratorGivesTheWeightsAndMasksTheSeededGlobalGeneratorGave()
    {
        var architecture = ArchitectureCatalog.Get("light-sernet-lite");
        // As training did before folds had generators: seed the global one, build, re-initialise.
        manual_seed(1234);
        using var legacy = NetworkFactory.Create(architecture.Name, 4);
        KerasInitialisation.Apply(legacy);
        using var generator = new Generator(1234);
        using var seeded = TrainingNetwork.Create(architecture, 4, channelsLast: false, generator: generator);
        var legacyWeights = legacy.state_dict();
        foreach (var (name, tensor) in seeded.state_dict().Where(p => p.Key.EndsWith("weight")))
            Assert.True(tensor.equal(legacyWeights[name]).all().item<bool>(), name);

        using var input = rand(8, 320);
        manual_seed(99);
        using var expected = nn.functional.dropout(input, 0.3, training: true);
        generator.manual_seed(99);
        var dropout = seeded.modules().OfType<SeededDropout>().Single();
        dropout.train();
        using var actual = dropout.call(input);
        Assert.True(actual.equal(expected).all().item<bool>());
    }
}
