namespace LightSerNet.Inference.Prediction;

/// <summary>What became of one input: its rows, or the error that stopped it (the others go on).</summary>
/// <param name="Input">The input.</param>
/// <param name="Predictions">One row, or one per window with -PerWindow; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the input could not be labelled (unreadable audio, ...), or null.</param>
public sealed record PredictionOutcome(PredictionInput Input, IReadOnlyList<SerPrediction> Predictions, Exception? Error);
