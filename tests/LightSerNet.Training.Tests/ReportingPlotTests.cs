using LightSerNet.Evaluation;
using LightSerNet.Training.Reporting;

namespace LightSerNet.Training.Tests;

/// <summary>The plots render headless (SkiaSharp's natives beside the test dlls) and are written as real PNG files.</summary>
public sealed class ReportingPlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lightsernet-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > PngSignature.Length + 1000, $"{path} holds only {bytes.Length} bytes.");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact]
    public void ConfusionMatrixPlotsAreValidPngs()
    {
        string[] labels = ["anger", "boredom", "disgust", "fear", "happiness", "sadness", "neutral"];
        int[] truth = Enumerable.Range(0, 140).Select(i => i % 7).ToArray();
        int[] predicted = truth.Select((t, i) => i % 5 == 0 ? (t + 1) % 7 : t).ToArray();
        var metrics = ClassificationMetrics.Compute(labels, truth, predicted);

        string raw = Path.Combine(folder, "nested", "confusion.png");
        string normalised = Path.Combine(folder, "nested", "confusion-normalised.png");
        ConfusionMatrixPlot.Save(metrics, raw, normalised: false, "EMO-DB, reference folds");
        ConfusionMatrixPlot.Save(metrics, normalised, normalised: true, "EMO-DB, reference folds, row-normalised");
        AssertPng(raw);
        AssertPng(normalised);

        // Replacing an existing plot leaves no temporary file behind.
        ConfusionMatrixPlot.Save(metrics, raw, normalised: false, "again");
        AssertPng(raw);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "nested")).Length);
    }

    [Fact]
    public void ConfusionMatrixOfNothingStillRenders()
    {
        var metrics = ClassificationMetrics.Compute(["a_rather_long_label_name", "b"], [], []);
        string path = Path.Combine(folder, "empty.png");
        ConfusionMatrixPlot.Save(metrics, path, normalised: true, "no items");
        AssertPng(path);
    }

    [Fact]
    public void TrainingCurvesAreValidPngsForOneFoldAndForSeveral()
    {
        var history = new List<EpochPoint>();
        for (int fold = 0; fold < 3; fold++)
        {
            for (int epoch = 0; epoch < 40; epoch++)
            {
                double progress = 1 - Math.Exp(-epoch / 10.0);
                history.Add(new EpochPoint(fold, epoch, 2 - 1.9 * progress, progress, 0.7 * progress, 0.65 * progress + 0.02 * fold,
                    fold == 0 ? null : 0.6 * progress, LearningRateSchedules.Paper(epoch, 1e-4)));
            }
        }
        string pooled = Path.Combine(folder, "curves.png");
        string single = Path.Combine(folder, "curves-fold1.png");
        TrainingCurvesPlot.Save(history, pooled, "EMO-DB LOSO cross-entropy");
        TrainingCurvesPlot.Save(history.Where(p => p.Fold == 1).ToList(), single, "EMO-DB LOSO cross-entropy");
        AssertPng(pooled);
        AssertPng(single);
    }

    [Fact]
    public void TrainingCurvesWithoutTestMeasurementsStillRender()
    {
        var history = Enumerable.Range(0, 5).Select(e => new EpochPoint(0, e, 1.0 / (e + 1), e / 5.0, null, null, null, 1e-4)).ToList();
        string path = Path.Combine(folder, "final.png");
        TrainingCurvesPlot.Save(history, path, "final model");
        AssertPng(path);
        TrainingCurvesPlot.Save([], Path.Combine(folder, "none.png"), "nothing yet");
        AssertPng(Path.Combine(folder, "none.png"));
    }
}
