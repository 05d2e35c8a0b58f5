using LightSerNet.Evaluation;
using LightSerNet.Training.Augmentation;
using LightSerNet.Training.Loop;

namespace LightSerNet.Training.Tests;

/// <summary>With every augmentation on, a resumed run still ends with exactly the numbers of an uninterrupted one.</summary>
public sealed class AugmentedResumeTests
{
    [Fact]
    public void AnAugmentedRunResumesToTheSameNumbersAndRefusesOtherAugmentation()
    {
        var augmentation = AugmentationOptions.For([AugmentationKind.SpeedPerturbation, AugmentationKind.Noise, AugmentationKind.SpecAugment])!;
        var set = AugmentationTests.WithVariants(ResumeTests.ToySet(), augmentation.VariantCount - 1);
        var options = ResumeTests.ToyOptions with { Augmentation = augmentation };
        string straight = ResumeTests.TempFolder(), interrupted = ResumeTests.TempFolder(), plain = ResumeTests.TempFolder();
        try
        {
            var reference = Trainer.Run(set, options, "Toy", straight, resume: false, force: false, null, CancellationToken.None);

            ResumeTests.StopInTheSecondFold(set, options, interrupted);
            var other = options with { Augmentation = augmentation with { Kinds = [AugmentationKind.SpecAugment] } };
            var refused = Assert.Throws<InvalidOperationException>(() =>
                Trainer.Run(set, other, "Toy", interrupted, resume: true, force: false, null, CancellationToken.None));
            Assert.Contains("other options", refused.Message);
            var resumed = Trainer.Run(set, options, "Toy", interrupted, resume: true, force: false, null, CancellationToken.None);

            ResumeTests.AssertSameRun(reference, resumed);
            string json = File.ReadAllText(Path.Combine(interrupted, "run.json"));
            Assert.Contains("\"augmentation\": \"SpeedPerturbation (factors 0.9, 1.1); Noise", json);
            Assert.Contains("\"MaxTimeMaskFrames\": 20", json);
            Assert.Contains("Augmentation: SpeedPerturbation", File.ReadAllText(Path.Combine(interrupted, "report.txt")));

            // The augmentation is really in the training batches: without it the first fold trains differently.
            var unaugmented = Trainer.Run(set, options with { Augmentation = null, OnlyFolds = [0] }, "Toy", plain, resume: false, force: false, null, CancellationToken.None);
            Assert.NotEqual(reference.History.Where(h => h.Fold == 0).Select(h => h.TrainLoss), unaugmented.History.Select(h => h.TrainLoss));
            Assert.DoesNotContain("Augmentation", File.ReadAllText(Path.Combine(plain, "run.json")).Replace("\"augmentation\": \"none\"", ""));
        }
        finally
        {
            foreach (string folder in new[] { straight, interrupted, plain }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }
}
