using System.Globalization;
using LightSerNet.Evaluation;
using LightSerNet.Onnx.Export;
using ScottPlot;

namespace LightSerNet.Training.Reporting;

/// <summary>
/// The confusion matrix as a PNG heatmap, as the reference's plot_confusion_matrix draws it: true classes down the
/// left (first label at the top), predicted classes along the bottom, each cell's value written in it, accuracy
/// under the axis.
/// </summary>
public static class ConfusionMatrixPlot
{
    private const int CellPixels = 110;
    private const int MarginPixels = 260;

    /// <summary>Renders <paramref name="metrics"/>' confusion matrix to <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="metrics">The scored predictions.</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="normalised">Colour and label row shares (4 decimals, as the reference) instead of counts.</param>
    /// <param name="title">Title above the plot.</param>
    public static void Save(ClassificationMetrics metrics, string path, bool normalised, string title)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentException.ThrowIfNullOrEmpty(path);
        int n = metrics.Labels.Count;
        double[][] values = normalised
            ? metrics.RowNormalised()
            : metrics.ConfusionMatrix.Select(row => row.Select(v => (double)v).ToArray()).ToArray();

        using var plot = new Plot();
        var cells = new double[n, n];
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                cells[i, j] = values[i][j];
                max = Math.Max(max, values[i][j]);
            }
        }
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        // A fixed range keeps an all-zero matrix (or one count) from dividing by an empty range.
        heatmap.ManualRange = new ScottPlot.Range(0, max > 0 ? max : 1);
        plot.Add.ColorBar(heatmap);

        // The heatmap draws row 0 at the top: cell (i, j) is centred at x = j, y = n - 1 - i.
        double threshold = normalised ? max / 1.5 : max / 2;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                string text = normalised
                    ? values[i][j].ToString("0.0000", CultureInfo.InvariantCulture)
                    : metrics.ConfusionMatrix[i][j].ToString("N0", CultureInfo.InvariantCulture);
                var label = plot.Add.Text(text, j, n - 1 - i);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = 14;
                label.LabelFontColor = values[i][j] > threshold ? Colors.White : Colors.Black;
            }
        }

        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, metrics.Labels.ToArray());
        plot.Axes.Left.SetTicks(positions, metrics.Labels.Reverse().ToArray());
        // Names wider than a cell would run into each other: slant them, as the reference does.
        if (metrics.Labels.Any(l => l.Length * 9 > CellPixels))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 9 * metrics.Labels.Max(l => l.Length) * 0.6f + 30;
        }
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Grid.IsVisible = false;
        plot.Title(title);
        plot.YLabel("True label");
        plot.XLabel(string.Create(CultureInfo.InvariantCulture,
            $"Predicted label (UA {metrics.UnweightedAccuracy:0.0000}, WA {metrics.WeightedAccuracy:0.0000}, {metrics.Count} items)"));

        int size = MarginPixels + CellPixels * Math.Max(n, 2);
        byte[] png = plot.GetImageBytes(size + 100, size, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
