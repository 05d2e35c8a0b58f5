using LightSerNet.Evaluation;
using LightSerNet.Onnx.Export;
using ScottPlot;

namespace LightSerNet.Training.Reporting;

/// <summary>
/// Training curves as a PNG: training loss on top; training, test (WA and UA) and validation accuracy below.
/// One fold is drawn as it is; several folds as their mean per epoch (bold) over each fold's test UA (faint), because
/// test UA is the number that swings from epoch to epoch and the faint lines show by how much.
/// </summary>
public static class TrainingCurvesPlot
{
    /// <summary>Renders <paramref name="history"/> to <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="history">Epoch points of one or more folds, in any order.</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="title">Title above the plots.</param>
    public static void Save(IReadOnlyList<EpochPoint> history, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folds = history.GroupBy(p => p.Fold).OrderBy(g => g.Key).Select(g => g.OrderBy(p => p.Epoch).ToArray()).ToArray();
        bool pooled = folds.Length > 1;
        string scope = pooled ? $"mean of {folds.Length} folds" : folds.Length == 1 ? $"fold {folds[0][0].Fold}" : "no epochs";

        var multiplot = new Multiplot();
        try
        {
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
            var loss = multiplot.GetPlot(0);
            multiplot.AddPlot();
            var accuracy = multiplot.GetPlot(1);

            Line(loss, Mean(history, p => p.TrainLoss), "training loss", Colors.C0, 2);
            loss.Title($"{title} ({scope})");
            loss.YLabel("loss");
            loss.ShowLegend(Alignment.UpperRight);

            if (pooled)
            {
                foreach (var fold in folds)
                    Line(accuracy, fold.Where(p => p.TestUnweightedAccuracy is not null).Select(p => (p.Epoch, p.TestUnweightedAccuracy!.Value)).ToArray(),
                        null, Colors.C3.WithAlpha(0.25), 1);
            }
            Line(accuracy, Mean(history, p => p.TrainAccuracy), "training accuracy", Colors.C0, 2);
            Line(accuracy, Mean(history, p => p.TestAccuracy), "test WA", Colors.C1, 2);
            Line(accuracy, Mean(history, p => p.TestUnweightedAccuracy), pooled ? "test UA (faint: each fold)" : "test UA", Colors.C3, 2);
            Line(accuracy, Mean(history, p => p.ValidationAccuracy), "validation accuracy", Colors.C2, 2);
            accuracy.Axes.SetLimitsY(0, 1.02);
            accuracy.XLabel("epoch");
            accuracy.YLabel("accuracy");
            accuracy.ShowLegend(Alignment.LowerRight);

            using var image = multiplot.Render(1200, 900);
            byte[] png = image.GetImageBytes(ImageFormat.Png, 100);
            AtomicFile.Write(path, stream => stream.Write(png));
        }
        finally
        {
            foreach (var plot in multiplot.GetPlots())
                plot.Dispose();
        }
    }

    // Per epoch, the mean over the folds that measured the value; epochs where none did are left out.
    private static (int Epoch, double Value)[] Mean(IEnumerable<EpochPoint> history, Func<EpochPoint, double?> value) =>
        history.Select(p => (p.Epoch, Value: value(p)))
            .Where(p => p.Value is double v && double.IsFinite(v))
            .GroupBy(p => p.Epoch)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Average(p => p.Value!.Value)))
            .ToArray();

    private static void Line(Plot plot, (int Epoch, double Value)[] points, string? legend, Color color, float width)
    {
        if (points.Length == 0)
            return;
        var line = plot.Add.ScatterLine(points.Select(p => (double)p.Epoch).ToArray(), points.Select(p => p.Value).ToArray(), color);
        line.LineWidth = width;
        line.MarkerSize = points.Length == 1 ? 5 : 0;
        if (legend is not null)
            line.LegendText = legend;
    }
}
