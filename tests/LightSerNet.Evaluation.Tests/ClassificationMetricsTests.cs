using LightSerNet.Evaluation;

namespace LightSerNet.Evaluation.Tests;

/// <summary>
/// Expected numbers and report text were produced once with scikit-learn 1.2.1 (Debian's python3-sklearn) by
/// /usr/bin/python3: classification_report(t, p, labels=list(range(n)), target_names=labels, digits=4,
/// zero_division=0), balanced_accuracy_score, accuracy_score and f1_score(labels=list(range(n)), average='macro'
/// and 'weighted', zero_division=0), printed with repr() and pasted here. The tests never call Python.
/// </summary>
public sealed class ClassificationMetricsTests
{
    private static readonly string[] Emotions = ["anger", "boredom", "disgust", "fear", "happiness", "sadness", "neutral"];

    // numpy.random.default_rng(7): t = integers(0, 7, 60); p = where(random(60) < 0.6, t, integers(0, 7, 60)).
    private static readonly int[] EmoTruth =
        [6, 4, 4, 6, 4, 5, 5, 1, 0, 2, 1, 6, 6, 0, 3, 5, 0, 5, 0, 3, 5, 2, 2, 1, 5, 1, 6, 3, 3, 3, 4, 3, 3, 6, 5, 5, 4, 4, 2, 6, 3, 1, 5, 1, 6, 4, 0, 0, 3, 0, 0, 3, 6, 3, 5, 6, 5, 4, 3, 3];
    private static readonly int[] EmoPredicted =
        [6, 4, 4, 6, 3, 5, 5, 1, 3, 2, 1, 5, 6, 0, 5, 2, 0, 5, 0, 0, 5, 2, 2, 1, 5, 1, 0, 3, 3, 3, 4, 2, 0, 6, 5, 5, 4, 4, 6, 6, 3, 1, 5, 6, 6, 1, 2, 6, 3, 0, 0, 5, 6, 3, 4, 0, 5, 4, 3, 3];

    [Fact]
    public void SevenEmotionsMatchSklearn()
    {
        var m = ClassificationMetrics.Compute(Emotions, EmoTruth, EmoPredicted);
        int[][] expectedMatrix =
        [
            [5, 0, 1, 1, 0, 0, 1], [0, 5, 0, 0, 0, 0, 1], [0, 0, 3, 0, 0, 0, 1], [2, 0, 1, 8, 0, 2, 0],
            [0, 1, 0, 1, 6, 0, 0], [0, 0, 1, 0, 1, 9, 0], [2, 0, 0, 0, 0, 1, 7],
        ];
        Assert.Equal(expectedMatrix, m.ConfusionMatrix);
        Assert.Equal(0.7274142524142525, m.UnweightedAccuracy, 1e-12);
        Assert.Equal(0.7274142524142525, m.MacroRecall, 1e-12);
        Assert.Equal(0.7166666666666667, m.WeightedAccuracy, 1e-12);
        Assert.Equal(0.7142613567165997, m.MacroF1, 1e-12);
        Assert.Equal(0.7193009377664109, m.WeightedF1, 1e-12);
        double[] f1 = [0.5882352941176471, 0.8333333333333334, 0.6, 0.6956521739130435, 0.7999999999999999, 0.7826086956521738, 0.7];
        for (int c = 0; c < f1.Length; c++)
            Assert.Equal(f1[c], m.PerClass[c].F1, 1e-12);
        Assert.Equal([8, 6, 4, 13, 8, 11, 10], m.PerClass.Select(c => c.Support));
        Assert.Equal(60, m.Count);

        const string sklearn = """
                          precision    recall  f1-score   support

                   anger     0.5556    0.6250    0.5882         8
                 boredom     0.8333    0.8333    0.8333         6
                 disgust     0.5000    0.7500    0.6000         4
                    fear     0.8000    0.6154    0.6957        13
               happiness     0.8571    0.7500    0.8000         8
                 sadness     0.7500    0.8182    0.7826        11
                 neutral     0.7000    0.7000    0.7000        10

                accuracy                         0.7167        60
               macro avg     0.7137    0.7274    0.7143        60
            weighted avg     0.7325    0.7167    0.7193        60

            """;
        const string summary = """
            UA (unweighted accuracy) 0.7274
            WA (weighted accuracy)   0.7167
            macro F1                 0.7143
            weighted F1              0.7193

            """;
        Assert.Equal(sklearn + "\n" + summary, m.ToReport());
    }

    [Fact]
    public void ClassesWithoutItemsAreListedAndCountInTheMacroAverageButNotInUa()
    {
        string[] labels = ["a", "b", "c", "d"];
        var m = ClassificationMetrics.Compute(labels, [0, 0, 0, 1, 1, 1, 1, 0], [0, 2, 0, 1, 2, 1, 0, 0]);
        Assert.Equal([[3, 0, 1, 0], [1, 2, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]], m.ConfusionMatrix);
        Assert.Equal(new ClassMetrics("c", 0, 0, 0, 0), m.PerClass[2]);
        Assert.Equal(new ClassMetrics("d", 0, 0, 0, 0), m.PerClass[3]);
        Assert.Equal(0.625, m.UnweightedAccuracy, 1e-12);         // balanced_accuracy_score
        Assert.Equal(0.3125, m.MacroRecall, 1e-12);               // recall_score(average='macro', labels=range(4))
        Assert.Equal(0.625, m.WeightedAccuracy, 1e-12);
        Assert.Equal(0.35416666666666663, m.MacroF1, 1e-12);
        Assert.Equal(0.7083333333333333, m.WeightedF1, 1e-12);

        // sklearn 1.2.1 labels the middle row "micro avg" here (a label occurs in neither truth nor prediction);
        // sklearn 1.5 fixed that to "accuracy" (scikit-learn issue 27927), which is the row written below.
        const string sklearn = """
                          precision    recall  f1-score   support

                       a     0.7500    0.7500    0.7500         4
                       b     1.0000    0.5000    0.6667         4
                       c     0.0000    0.0000    0.0000         0
                       d     0.0000    0.0000    0.0000         0

                accuracy                         0.6250         8
               macro avg     0.4375    0.3125    0.3542         8
            weighted avg     0.8750    0.6250    0.7083         8

            """;
        Assert.StartsWith(sklearn + "\n", m.ToReport());
        Assert.Contains("UA (unweighted accuracy) 0.6250\n", m.ToReport());
    }

    [Fact]
    public void PerfectPredictionsScoreOne()
    {
        int[] truth = [0, 1, 2, 2, 1, 0, 0];
        var m = ClassificationMetrics.Compute(["x", "y", "z"], truth, truth);
        Assert.Equal((1.0, 1.0, 1.0, 1.0), (m.UnweightedAccuracy, m.WeightedAccuracy, m.MacroF1, m.WeightedF1));
        Assert.All(m.PerClass, c => Assert.Equal((1.0, 1.0, 1.0), (c.Precision, c.Recall, c.F1)));
        const string sklearn = """
                          precision    recall  f1-score   support

                       x     1.0000    1.0000    1.0000         3
                       y     1.0000    1.0000    1.0000         2
                       z     1.0000    1.0000    1.0000         2

                accuracy                         1.0000         7
               macro avg     1.0000    1.0000    1.0000         7
            weighted avg     1.0000    1.0000    1.0000         7

            """;
        Assert.StartsWith(sklearn + "\n", m.ToReport());
    }

    [Fact]
    public void AllWrongPredictionsScoreZero()
    {
        var m = ClassificationMetrics.Compute(["x", "y", "z"], [0, 1, 2, 2, 1, 0, 0], [1, 2, 0, 0, 0, 1, 2]);
        Assert.Equal([[0, 2, 1], [1, 0, 1], [2, 0, 0]], m.ConfusionMatrix);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (m.UnweightedAccuracy, m.WeightedAccuracy, m.MacroF1, m.WeightedF1));
        // sklearn 1.2.1 prints these supports as "3.0": with no true positive at all its counting takes an np.zeros
        // (float) path. The numbers are the same; supports here are integers as in every other case.
        const string sklearn = """
                          precision    recall  f1-score   support

                       x     0.0000    0.0000    0.0000         3
                       y     0.0000    0.0000    0.0000         2
                       z     0.0000    0.0000    0.0000         2

                accuracy                         0.0000         7
               macro avg     0.0000    0.0000    0.0000         7
            weighted avg     0.0000    0.0000    0.0000         7

            """;
        Assert.StartsWith(sklearn + "\n", m.ToReport());
    }

    [Fact]
    public void ExactTiesRoundToEvenAsPythonDoesAndLongNamesWidenTheColumn()
    {
        // Recall 1/32 = 0.03125 and UA 0.515625 are exact binary ties at 4 decimals: Python prints 0.0312 and 0.5156.
        int[] truth = [.. Enumerable.Repeat(0, 32), .. Enumerable.Repeat(1, 8)];
        int[] predicted = [0, .. Enumerable.Repeat(1, 39)];
        var m = ClassificationMetrics.Compute(["long_label_name_here", "b"], truth, predicted);
        Assert.Equal(0.515625, m.UnweightedAccuracy);
        Assert.Equal(0.225, m.WeightedAccuracy, 1e-12);
        Assert.Equal(0.2005157962604771, m.MacroF1, 1e-12);
        Assert.Equal(0.11656995486782722, m.WeightedF1, 1e-12);
        const string sklearn = """
                                  precision    recall  f1-score   support

            long_label_name_here     1.0000    0.0312    0.0606        32
                               b     0.2051    1.0000    0.3404         8

                        accuracy                         0.2250        40
                       macro avg     0.6026    0.5156    0.2005        40
                    weighted avg     0.8410    0.2250    0.1166        40

            """;
        Assert.StartsWith(sklearn + "\n", m.ToReport());
        Assert.Contains("UA (unweighted accuracy) 0.5156\n", m.ToReport());
    }

    [Fact]
    public void RowNormalisedDividesEachRowAndLeavesEmptyRowsZero()
    {
        var m = ClassificationMetrics.Compute(["a", "b", "c"], [0, 0, 0, 0, 1], [0, 0, 0, 2, 1]);
        Assert.Equal([[0.75, 0, 0.25], [0, 1, 0], [0, 0, 0]], m.RowNormalised());
    }

    [Fact]
    public void CsvHasPredictedLabelsAcrossAndTrueLabelsDown()
    {
        var m = ClassificationMetrics.Compute(["anger", "say \"hi\", x"], [0, 0, 0, 1], [0, 0, 1, 1]);
        Assert.Equal("true \\ predicted,anger,\"say \"\"hi\"\", x\"\nanger,2,1\n\"say \"\"hi\"\", x\",0,1\n", m.ToCsv(normalised: false));
        Assert.Equal("true \\ predicted,anger,\"say \"\"hi\"\", x\"\nanger,0.6666666666666666,0.3333333333333333\n\"say \"\"hi\"\", x\",0,1\n",
            m.ToCsv(normalised: true));
    }

    [Fact]
    public void BadInputIsRejectedWithTheReason()
    {
        var lengths = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["a", "b"], [0, 1], [0]));
        Assert.Contains("2 true classes but 1 predictions", lengths.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute(["a", "b"], [0, 1], [0, 2]));
        Assert.Contains("Item 1 has predicted class 2", range.Message);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([], [], []));
    }

    [Fact]
    public void NoItemsGiveZerosNotNaN()
    {
        var m = ClassificationMetrics.Compute(["a", "b"], [], []);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0), (m.UnweightedAccuracy, m.WeightedAccuracy, m.MacroF1, m.WeightedF1, m.Count));
        Assert.DoesNotContain("NaN", m.ToReport());
    }

    [Fact]
    public void FromConfusionMatrixAgreesWithCompute()
    {
        var direct = ClassificationMetrics.Compute(Emotions, EmoTruth, EmoPredicted);
        var fromMatrix = ClassificationMetrics.FromConfusionMatrix(Emotions, direct.ConfusionMatrix);
        Assert.Equal(direct.ToReport(), fromMatrix.ToReport());
    }

    [Fact]
    public void ClassNamesScoreLikeClassNumbers()
    {
        var byNumber = ClassificationMetrics.Compute(Emotions, EmoTruth, EmoPredicted);
        var byName = ClassificationMetrics.FromNames(
            Emotions, EmoTruth.Select(c => Emotions[c]).ToArray(), EmoPredicted.Select(c => Emotions[c]).ToList());
        Assert.Equal(byNumber.ToReport(), byName.ToReport());
        Assert.Equal(byNumber.ConfusionMatrix, byName.ConfusionMatrix);
    }

    [Fact]
    public void AnUnknownClassNameIsRejectedWithTheItemAndTheClasses()
    {
        string[] labels = ["anger", "sadness"];
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromNames(labels, ["anger", "sadness"], ["anger", "joy"]));
        Assert.Contains("Item 1 is labelled 'joy'", error.Message);
        Assert.Contains("anger, sadness", error.Message);
        Assert.Equal("predicted", error.ParamName);
    }
}
