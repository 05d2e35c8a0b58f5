using System.Globalization;
using System.Text;

namespace LightSerNet.Evaluation;

/// <summary>
/// Everything the reference reports about a set of predictions (all folds pooled, or one fold): the confusion matrix,
/// sklearn's per-class precision, recall and F1, and the paper's summary numbers UA, WA and F1.
/// </summary>
/// <param name="Labels">Class names; class <c>i</c> is <c>Labels[i]</c>.</param>
/// <param name="ConfusionMatrix">Counts indexed [true class][predicted class].</param>
/// <param name="UnweightedAccuracy">
/// UA: the mean recall over the classes that have true items (sklearn's <c>balanced_accuracy_score</c>), 0..1.
/// It equals the report's macro-average recall whenever every class occurs; a class with no true items (a speaker
/// who never acted disgust, say) is left out rather than counted as recall 0, which would cap UA below 1.
/// </param>
/// <param name="WeightedAccuracy">WA: right predictions over all items (overall accuracy), 0..1.</param>
/// <param name="MacroF1">Mean F1 over all classes, those without items included (sklearn's macro average with labels = every class).</param>
/// <param name="WeightedF1">F1 averaged with the classes' supports as weights: the paper's "F1".</param>
/// <param name="PerClass">One row per class, in label order, classes without items included with support 0.</param>
/// <param name="Count">Number of items.</param>
public sealed record ClassificationMetrics(
    IReadOnlyList<string> Labels,
    int[][] ConfusionMatrix,
    double UnweightedAccuracy,
    double WeightedAccuracy,
    double MacroF1,
    double WeightedF1,
    IReadOnlyList<ClassMetrics> PerClass,
    int Count)
{
    /// <summary>Mean precision over all classes (the report's "macro avg" precision).</summary>
    public double MacroPrecision => Mean(PerClass.Select(c => c.Precision));

    /// <summary>Mean recall over all classes, classes without items counted as 0 (the report's "macro avg" recall).</summary>
    public double MacroRecall => Mean(PerClass.Select(c => c.Recall));

    /// <summary>
    /// Scores <paramref name="predicted"/> against <paramref name="truth"/> with sklearn's semantics
    /// (<c>labels=range(n)</c>, <c>zero_division=0</c>): a ratio whose denominator is 0 counts as 0.
    /// </summary>
    /// <param name="labels">Class names; the class numbers in the spans index this list.</param>
    /// <param name="truth">True class of each item.</param>
    /// <param name="predicted">Predicted class of each item, in the same order.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or there are no labels.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class number is outside 0 .. labels.Count - 1.</exception>
    public static ClassificationMetrics Compute(IReadOnlyList<string> labels, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
            throw new ArgumentException("At least one class label is needed to score predictions.", nameof(labels));
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"There are {truth.Length} true classes but {predicted.Length} predictions; they must pair up one to one.", nameof(predicted));
        int n = labels.Count;
        var matrix = new int[n][];
        for (int i = 0; i < n; i++)
            matrix[i] = new int[n];
        for (int i = 0; i < truth.Length; i++)
        {
            int t = truth[i], p = predicted[i];
            if ((uint)t >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(truth), t, $"Item {i} has true class {t}, but the classes are numbered 0 to {n - 1}.");
            if ((uint)p >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(predicted), p, $"Item {i} has predicted class {p}, but the classes are numbered 0 to {n - 1}.");
            matrix[t][p]++;
        }
        return FromConfusionMatrix(labels, matrix);
    }

    /// <summary>
    /// Scores predictions given as class names, as run.json lists test items (<c>[id, label, predicted]</c>) and as
    /// Get-SpeechEmotion names its emotions; the same semantics as <see cref="Compute"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The lists differ in length, there are no labels, or a name is not one of <paramref name="labels"/>.
    /// </exception>
    public static ClassificationMetrics FromNames(IReadOnlyList<string> labels, IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
            index.TryAdd(labels[i], i);
        int[] ToClasses(IReadOnlyList<string> names, string parameter) => names.Select((name, i) =>
            name is not null && index.TryGetValue(name, out int c)
                ? c
                : throw new ArgumentException($"Item {i} is labelled '{name}', which is not one of the classes ({string.Join(", ", labels)}).", parameter))
            .ToArray();
        return Compute(labels, ToClasses(truth, nameof(truth)), ToClasses(predicted, nameof(predicted)));
    }

    /// <summary>Scores an existing confusion matrix, indexed [true class][predicted class].</summary>
    /// <exception cref="ArgumentException">The matrix is not square with one row per label, or holds a negative count.</exception>
    public static ClassificationMetrics FromConfusionMatrix(IReadOnlyList<string> labels, int[][] confusionMatrix)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(confusionMatrix);
        int n = labels.Count;
        if (n == 0 || confusionMatrix.Length != n || confusionMatrix.Any(row => row is null || row.Length != n))
            throw new ArgumentException($"The confusion matrix must be {n} x {n}, one row and one column per label.", nameof(confusionMatrix));
        if (confusionMatrix.Any(row => row.Any(v => v < 0)))
            throw new ArgumentException("The confusion matrix holds a negative count.", nameof(confusionMatrix));
        var matrix = confusionMatrix.Select(row => (int[])row.Clone()).ToArray();

        var perClass = new ClassMetrics[n];
        long total = 0, right = 0;
        double recallSum = 0, weightedF1 = 0;
        int present = 0;
        for (int c = 0; c < n; c++)
        {
            long tp = matrix[c][c];
            long support = 0, predictedAs = 0;
            for (int k = 0; k < n; k++)
            {
                support += matrix[c][k];
                predictedAs += matrix[k][c];
            }
            long fp = predictedAs - tp, fn = support - tp;
            double precision = Ratio(tp, predictedAs);
            double recall = Ratio(tp, support);
            // sklearn >= 1.3 computes F from the counts, which also gives the zero_division case without a 0/0.
            double f1 = Ratio(2 * tp, 2 * tp + fp + fn);
            perClass[c] = new ClassMetrics(labels[c], precision, recall, f1, checked((int)support));
            total += support;
            right += tp;
            weightedF1 += f1 * support;
            if (support > 0)
            {
                recallSum += recall;
                present++;
            }
        }
        return new ClassificationMetrics(
            labels.ToArray(),
            matrix,
            UnweightedAccuracy: present == 0 ? 0 : recallSum / present,
            WeightedAccuracy: Ratio(right, total),
            MacroF1: Mean(perClass.Select(c => c.F1)),
            WeightedF1: total == 0 ? 0 : weightedF1 / total,
            perClass,
            checked((int)total));
    }

    /// <summary>The confusion matrix with each row divided by its sum (rows of classes without items stay 0).</summary>
    public double[][] RowNormalised()
    {
        var result = new double[ConfusionMatrix.Length][];
        for (int i = 0; i < result.Length; i++)
        {
            var row = ConfusionMatrix[i];
            long sum = row.Sum(v => (long)v);
            result[i] = row.Select(v => sum == 0 ? 0.0 : (double)v / sum).ToArray();
        }
        return result;
    }

    /// <summary>
    /// The text of sklearn's <c>classification_report(y_true, y_pred, target_names=labels, digits=4)</c>, followed by
    /// a blank line and the summary lines UA, WA, macro F1 and weighted F1.
    /// </summary>
    public string ToReport() => ClassificationReport.Format(this, digits: 4);

    /// <summary>
    /// The confusion matrix as CSV: a header row "true \ predicted" and the predicted labels, then one row per true
    /// label. Counts when <paramref name="normalised"/> is false, row shares (invariant culture, round-trip precision)
    /// when it is true. Lines end with "\n".
    /// </summary>
    public string ToCsv(bool normalised)
    {
        var text = new StringBuilder();
        text.Append(Csv("true \\ predicted"));
        foreach (var label in Labels)
            text.Append(',').Append(Csv(label));
        text.Append('\n');
        var shares = normalised ? RowNormalised() : null;
        for (int i = 0; i < Labels.Count; i++)
        {
            text.Append(Csv(Labels[i]));
            for (int j = 0; j < Labels.Count; j++)
            {
                text.Append(',');
                text.Append(shares is null
                    ? ConfusionMatrix[i][j].ToString(CultureInfo.InvariantCulture)
                    : shares[i][j].ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static double Mean(IEnumerable<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (var v in values)
        {
            sum += v;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    // RFC 4180: quote a field that holds a comma, quote or line break, doubling its quotes.
    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
