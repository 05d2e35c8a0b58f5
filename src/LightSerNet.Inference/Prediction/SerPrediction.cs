namespace LightSerNet.Inference.Prediction;

/// <summary>
/// The emotion of one file (probabilities averaged over its windows) or of one window of it (-PerWindow).
/// </summary>
/// <param name="Path">The audio file (for a segment, its source).</param>
/// <param name="Start">Start of the span this row covers, in seconds from the start of the file.</param>
/// <param name="End">End of the span, in seconds.</param>
/// <param name="Emotion">The most probable label.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Probabilities">Every label's probability, in the model's output order.</param>
/// <param name="Model">Path of the model file that made the prediction.</param>
public sealed record SerPrediction(string Path, double Start, double End, string Emotion, double Confidence,
    LabelProbabilities Probabilities, string Model)
{
    /// <summary>The most probable labels, best first, when asked for (-Top); otherwise null.</summary>
    public EmotionRanking? Top { get; init; }

    /// <summary>Number of model clips whose probabilities were averaged into this row.</summary>
    public int Clips { get; init; } = 1;
}
