namespace LightSerNet.Evaluation;

/// <summary>One epoch of one fold's training history: what the training curves plot and the history CSV holds.</summary>
/// <param name="Fold">0-based fold index.</param>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="TrainAccuracy">Share of training items classified right during the epoch, 0..1.</param>
/// <param name="TestAccuracy">WA on the fold's test items after the epoch, or null when not measured.</param>
/// <param name="TestUnweightedAccuracy">UA on the fold's test items after the epoch, or null when not measured.</param>
/// <param name="ValidationAccuracy">Accuracy on the inner validation items, or null when there are none.</param>
/// <param name="LearningRate">The rate the epoch trained with.</param>
public sealed record EpochPoint(int Fold, int Epoch, double TrainLoss, double TrainAccuracy, double? TestAccuracy,
    double? TestUnweightedAccuracy, double? ValidationAccuracy, double LearningRate);
