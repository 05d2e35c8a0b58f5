using System.Globalization;

namespace LightSerNet.Inference.Prediction;

/// <summary>One emotion and its probability.</summary>
/// <param name="Emotion">Label name.</param>
/// <param name="Probability">Probability in [0, 1].</param>
public sealed record EmotionScore(string Emotion, double Probability)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Emotion} {Probability:0.###}");
}

/// <summary>The most probable emotions, best first; its text form ("anger 0.81, fear 0.12") is what a CSV cell shows.</summary>
/// <param name="Scores">Emotions and probabilities, best first.</param>
public sealed record EmotionRanking(IReadOnlyList<EmotionScore> Scores) : IReadOnlyList<EmotionScore>
{
    /// <summary>The <paramref name="count"/> most probable labels of <paramref name="probabilities"/> (ties keep output order).</summary>
    public static EmotionRanking Top(LabelProbabilities probabilities, int count) =>
        new(probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p.Value).ThenBy(x => x.i)
            .Take(count).Select(x => new EmotionScore(x.p.Key, x.p.Value)).ToArray());

    /// <inheritdoc />
    public EmotionScore this[int index] => Scores[index];

    /// <inheritdoc />
    public int Count => Scores.Count;

    /// <inheritdoc />
    public IEnumerator<EmotionScore> GetEnumerator() => Scores.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Scores);
}
