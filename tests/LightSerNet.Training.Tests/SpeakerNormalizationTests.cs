using System.Text.Json.Nodes;
using LightSerNet.Evaluation;
using LightSerNet.Features;
using LightSerNet.Onnx.Export;
using LightSerNet.Training.Data;
using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Tests;

/// <summary>-Normalization Speaker: each speaker's features standardised by that speaker's own statistics.</summary>
public sealed class SpeakerNormalizationTests
{
    [Fact]
    public void EverySpeakersCoefficientsHaveMeanZeroAndUnitDeviation()
    {
        var set = ResumeTests.ToySet().StandardisedBySpeaker();
        foreach (var speaker in Enumerable.Range(0, set.Count).GroupBy(i => set.Speakers[i]))
        {
            for (int k = 0; k < set.Coefficients; k++)
            {
                var values = speaker.SelectMany(clip => Column(set.Clip(clip).ToArray(), set.Coefficients, k)).ToList();
                double mean = values.Average();
                double deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
                Assert.True(Math.Abs(mean) < 1e-5, $"speaker {speaker.Key}, coefficient {k}: mean {mean}");
                Assert.True(Math.Abs(deviation - 1) < 1e-4, $"speaker {speaker.Key}, coefficient {k}: deviation {deviation}");
            }
        }
    }

    [Fact]
    public void AugmentedVariantsTakeTheirSpeakersCleanStatistics()
    {
        // Two speakers; a constant coefficient (only centred), and a variant that is the clean clip plus 2.
        const int frames = 2, coefficients = 2;
        float[] clean = [1, 5, 3, 5, /* speaker b */ 10, 7, 20, 7];
        float[] shifted = clean.Select(v => v + 2).ToArray();
        var set = new TrainingSet(clean, frames, coefficients, [0, 0], ["x"], ["a", "b"], ["a#0", "b#0"], FeatureConfig.Paper, [shifted])
            .StandardisedBySpeaker();

        // Speaker a, coefficient 0: values 1 and 3, mean 2, deviation 1; coefficient 1 is constant 5.
        Assert.Equal([-1f, 0f, 1f, 0f], set.Clip(0).ToArray());
        Assert.Equal([1f, 2f, 3f, 2f], set.Clip(0, 1).ToArray());
        // Speaker b, coefficient 0: values 10 and 20, mean 15, deviation 5.
        Assert.Equal([-1f, 0f, 1f, 0f], set.Clip(1).ToArray());
        Assert.Equal([-0.6f, 2f, 1.4f, 2f], set.Clip(1, 1).ToArray());
        Assert.NotEqual(new TrainingSet(clean, frames, coefficients, [0, 0], ["x"], ["a", "b"], ["a#0", "b#0"], FeatureConfig.Paper).DataHash, set.DataHash);
    }

    [Fact]
    public void ClipsWithoutASpeakerAreRefused()
    {
        var set = new TrainingSet(new float[8], 2, 2, [0, 0], ["x"], ["a", ""], ["a#0", "b#0"], FeatureConfig.Paper);
        var error = Assert.Throws<ArgumentException>(() => set.StandardisedBySpeaker());
        Assert.Contains("1 of 2 clips", error.Message);
    }

    [Fact]
    public void ARunSaysSoEverywhereAndItsModelsSayTheyNeedSpeakerStatistics()
    {
        var options = ResumeTests.ToyOptions with { Epochs = 1, Normalization = FeatureNormalization.Speaker, OnlyFolds = [0] };
        string folder = ResumeTests.TempFolder();
        try
        {
            Trainer.Run(ResumeTests.ToySet(), options, "Toy", folder, resume: false, force: false, null, CancellationToken.None);

            var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!["runs"]!.AsArray();
            Assert.All(entries, e => Assert.Contains("transductive", (string)e!["normalization"]!));
            Assert.All(entries, e => Assert.Equal("Speaker", (string)e!["config"]!["Normalization"]!));
            Assert.Contains("Features: standardised per speaker", File.ReadAllText(Path.Combine(folder, "report.txt")));

            var checkpoint = Checkpoint.Load(Path.Combine(folder, "checkpoints", "fold-00", "Last.weights"));
            var exported = CheckpointExporter.Build(checkpoint, new CheckpointExportOptions());
            Assert.Contains(exported.Model.MetadataProps, p => p.Key == ModelMetadataKeys.Normalization && p.Value == CheckpointExporter.SpeakerNormalization);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<double> Column(float[] clip, int coefficients, int k)
    {
        for (int i = k; i < clip.Length; i += coefficients)
            yield return clip[i];
    }
}
