namespace LightSerNet.Training.Loop;

/// <summary>Reported after every epoch.</summary>
/// <param name="Fold">0-based position of the fold among the folds being run.</param>
/// <param name="FoldCount">Folds being run.</param>
/// <param name="FoldName">Fold name, e.g. "reference 03".</param>
/// <param name="Epoch">0-based epoch just completed.</param>
/// <param name="Epochs">Epochs per fold.</param>
/// <param name="TrainLoss">Mean training loss of the epoch.</param>
/// <param name="TrainAccuracy">Training accuracy of the epoch (in training mode).</param>
/// <param name="TestAccuracy">Accuracy on the test fold, if it has one.</param>
/// <param name="EpochSeconds">Wall time of the epoch.</param>
public sealed record TrainingProgress(int Fold, int FoldCount, string FoldName, int Epoch, int Epochs,
    double TrainLoss, double TrainAccuracy, double? TestAccuracy, double EpochSeconds)
{
    /// <summary>Epochs completed over every fold being run (earlier sessions' included), when known.</summary>
    public int RunEpochsDone { get; init; }

    /// <summary>Epochs of every fold being run together.</summary>
    public int RunEpochs { get; init; }
}
