using System.Text.Json.Nodes;
using LightSerNet.Architectures;
using LightSerNet.Evaluation;
using LightSerNet.Training.Loop;
using LightSerNet.Training.Networks;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

/// <summary>The Average selection reports the mean of the last quarter's weights, and a resumed run continues that mean exactly.</summary>
public sealed class WeightAverageTests
{
    private static readonly ArchitectureDefinition Lite = ArchitectureCatalog.Get("light-sernet-lite");

    [Fact]
    public void TheAverageIsTheMeanOfTheWeightsItWasGivenAndSurvivesASaveAndLoad()
    {
        manual_seed(11);
        using var first = TrainingNetwork.Create(Lite, 3);
        using var second = TrainingNetwork.Create(Lite, 3);
        using var third = TrainingNetwork.Create(Lite, 3);
        using var average = WeightAverage.For(first);
        average.Add(first);
        average.Add(second);
        average.Add(third);
        Assert.Equal(3, average.Count);

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            average.Save(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        using var loaded = WeightAverage.Load(reader, first);
        Assert.Equal(3, loaded.Count);

        foreach (var source in new[] { average, loaded })
        {
            using var target = TrainingNetwork.Create(Lite, 3);
            source.CopyTo(target);
            var means = target.parameters().ToList();
            var (a, b, c) = (first.parameters().ToList(), second.parameters().ToList(), third.parameters().ToList());
            Assert.NotEmpty(means);
            for (int i = 0; i < means.Count; i++)
            {
                using var scope = NewDisposeScope();
                var expected = (a[i].to(ScalarType.Float64) + b[i].to(ScalarType.Float64) + c[i].to(ScalarType.Float64)) / 3;
                double difference = (means[i].to(ScalarType.Float64) - expected).abs().max().item<double>();
                Assert.True(difference < 1e-7, $"parameter {i}: largest difference {difference}");
            }
        }
    }

    [Fact]
    public void AnAverageOfAnotherArchitectureIsRefused()
    {
        using var lite = TrainingNetwork.Create(Lite, 3);
        using var other = TrainingNetwork.Create(Lite, 4);
        using var average = WeightAverage.For(lite);
        Assert.Throws<InvalidOperationException>(() => average.CopyTo(lite));
        Assert.Throws<ArgumentException>(() => average.Add(other));
    }

    [Fact]
    public void TheAverageSelectionIsTheLastQuartersMeanAndResumesExactly()
    {
        var set = ResumeTests.ToySet();
        var options = ResumeTests.ToyOptions with { Epochs = 8, Selections = [SelectionKind.Last, SelectionKind.Average] };
        Assert.Equal(6, options.AverageFromEpoch);
        string straight = ResumeTests.TempFolder(), interrupted = ResumeTests.TempFolder();
        try
        {
            var reference = Trainer.Run(set, options, "Toy", straight, resume: false, force: false, null, CancellationToken.None);

            // Stopped inside the averaged epochs, so the resumed run must pick up a mean of one epoch.
            using (var stop = new CancellationTokenSource())
            {
                var stopAfterFirstAveragedEpoch = new ResumeTests.Progress(p =>
                {
                    if (p.Fold == 1 && p.Epoch == 6)
                        stop.Cancel();
                });
                Assert.ThrowsAny<OperationCanceledException>(() =>
                    Trainer.Run(set, options, "Toy", interrupted, resume: false, force: false, stopAfterFirstAveragedEpoch, stop.Token));
            }
            var resumed = Trainer.Run(set, options, "Toy", interrupted, resume: true, force: false, null, CancellationToken.None);

            ResumeTests.AssertSameRun(reference, resumed);
            foreach (string fold in new[] { "fold-00", "fold-01", "fold-02" })
            {
                byte[] expected = File.ReadAllBytes(Path.Combine(straight, "checkpoints", fold, "Average.weights"));
                Assert.Equal(expected, File.ReadAllBytes(Path.Combine(interrupted, "checkpoints", fold, "Average.weights")));
                Assert.NotEqual(expected, File.ReadAllBytes(Path.Combine(straight, "checkpoints", fold, "Last.weights")));
            }

            var averaged = resumed.Outcomes.Where(o => o.Selection == SelectionKind.Average).ToList();
            Assert.Equal(3, averaged.Count);
            Assert.All(averaged, o => Assert.Equal(options.Epochs - 1, o.Epoch));
            var entry = JsonNode.Parse(File.ReadAllText(Path.Combine(interrupted, "run.json")))!["runs"]!.AsArray()
                .Single(e => (string)e!["selection"]! == "Average")!;
            Assert.Equal("7-8", (string)entry["averaged_epochs"]!);
            Assert.False((bool)entry["optimistic"]!);
            Assert.Contains("Selection Average (the mean of the weights of epochs 7-8", File.ReadAllText(Path.Combine(interrupted, "report.txt")));
        }
        finally
        {
            foreach (string folder in new[] { straight, interrupted }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }
}
