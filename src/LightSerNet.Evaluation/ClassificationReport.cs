using System.Globalization;
using System.Text;

namespace LightSerNet.Evaluation;

/// <summary>The text of sklearn's classification_report, column for column, plus the paper's summary lines.</summary>
internal static class ClassificationReport
{
    private static readonly string[] Headers = ["precision", "recall", "f1-score", "support"];
    private const string LongestHeading = "weighted avg";
    private const int SummaryWidth = 24;

    /// <summary>
    /// Reproduces sklearn's layout (1.5 and later): a right-aligned name column as wide as the longest of the labels,
    /// "weighted avg" and the digit count; a space, then 9-wide columns each after one more space. The middle row
    /// reads "accuracy" because every label is reported (sklearn before 1.5 printed "micro avg" with the same three
    /// numbers when a label occurred in neither truth nor prediction: scikit-learn issue 27927).
    /// </summary>
    public static string Format(ClassificationMetrics metrics, int digits)
    {
        int width = Math.Max(Math.Max(metrics.Labels.Select(l => l.Length).DefaultIfEmpty(0).Max(), LongestHeading.Length), digits);
        var text = new StringBuilder();
        text.Append(Name("", width));
        foreach (var header in Headers)
            text.Append(' ').Append(header.PadLeft(9));
        text.Append("\n\n");
        foreach (var c in metrics.PerClass)
            Row(text, c.Label, width, digits, c.Precision, c.Recall, c.F1, c.Support);
        text.Append('\n');

        int total = metrics.Count;
        text.Append(Name("accuracy", width))
            .Append(' ').Append("".PadLeft(9))
            .Append(' ').Append("".PadLeft(9))
            .Append(' ').Append(FixedPoint.Format(metrics.WeightedAccuracy, digits).PadLeft(9))
            .Append(' ').Append(total.ToString(CultureInfo.InvariantCulture).PadLeft(9))
            .Append('\n');
        Row(text, "macro avg", width, digits, metrics.MacroPrecision, metrics.MacroRecall, metrics.MacroF1, total);
        Row(text, LongestHeading, width, digits, Weighted(metrics, c => c.Precision), Weighted(metrics, c => c.Recall), metrics.WeightedF1, total);

        text.Append('\n');
        Summary(text, "UA (unweighted accuracy)", metrics.UnweightedAccuracy, digits);
        Summary(text, "WA (weighted accuracy)", metrics.WeightedAccuracy, digits);
        Summary(text, "macro F1", metrics.MacroF1, digits);
        Summary(text, "weighted F1", metrics.WeightedF1, digits);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, int width, int digits, double precision, double recall, double f1, int support)
    {
        text.Append(Name(name, width));
        foreach (var value in (ReadOnlySpan<double>)[precision, recall, f1])
            text.Append(' ').Append(FixedPoint.Format(value, digits).PadLeft(9));
        text.Append(' ').Append(support.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
    }

    private static void Summary(StringBuilder text, string name, double value, int digits) =>
        text.Append(name.PadRight(SummaryWidth)).Append(' ').Append(FixedPoint.Format(value, digits)).Append('\n');

    // Python's "{:>{width}s} ": right-aligned name, then one space.
    private static string Name(string name, int width) => name.PadLeft(width) + " ";

    private static double Weighted(ClassificationMetrics metrics, Func<ClassMetrics, double> value)
    {
        double sum = 0;
        long weight = 0;
        foreach (var c in metrics.PerClass)
        {
            sum += value(c) * c.Support;
            weight += c.Support;
        }
        return weight == 0 ? 0 : sum / weight;
    }
}
