namespace LightSerNet.Evaluation;

/// <summary>One row of the classification report: how well one emotion was recognised.</summary>
/// <param name="Label">The class name.</param>
/// <param name="Precision">Right predictions of this class over all predictions of it (0 when it was never predicted).</param>
/// <param name="Recall">Right predictions of this class over its true items (0 when it has none).</param>
/// <param name="F1">Harmonic mean of precision and recall, 2tp / (2tp + fp + fn) (0 when all three counts are 0).</param>
/// <param name="Support">Number of items whose true class this is.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
