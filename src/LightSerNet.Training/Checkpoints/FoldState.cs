using LightSerNet.Evaluation;

namespace LightSerNet.Training.Checkpoints;

/// <summary>Where a fold stands: epochs done, the history, and the best epoch so far for each selection.</summary>
public sealed class FoldState
{
    /// <summary>Fold index.</summary>
    public int Fold { get; set; }

    /// <summary>Hash of the options and data the fold was started with; a resume with other ones is refused.</summary>
    public string RunKey { get; set; } = "";

    /// <summary>Epochs completed (the next epoch to run is this number, 0-based).</summary>
    public int EpochsCompleted { get; set; }

    /// <summary>True once the last epoch is done.</summary>
    public bool Complete { get; set; }

    /// <summary>Training wall time so far, in seconds.</summary>
    public double Seconds { get; set; }

    /// <summary>One point per completed epoch.</summary>
    public List<EpochPoint> History { get; set; } = [];

    /// <summary>Best epoch per selection name.</summary>
    public Dictionary<string, SelectionState> Selections { get; set; } = [];
}

/// <summary>The epoch a selection picked, its score and the test predictions of that epoch.</summary>
public sealed class SelectionState
{
    /// <summary>0-based epoch.</summary>
    public int Epoch { get; set; }

    /// <summary>The score it was picked by (accuracy on test or validation).</summary>
    public double Score { get; set; }

    /// <summary>Predicted label index per test item of the fold, in fold order.</summary>
    public int[] Predictions { get; set; } = [];
}
