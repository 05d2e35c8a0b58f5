namespace LightSerNet.Onnx.Export;

/// <summary>How to export a checkpoint.</summary>
public sealed record CheckpointExportOptions
{
    /// <summary>Float32 (default), Float16 or Int8.</summary>
    public ModelPrecision Precision { get; init; } = ModelPrecision.Float32;

    /// <summary>Features to calibrate activation ranges on; required for Int8, ignored otherwise.</summary>
    public CalibrationData? Calibration { get; init; }

    /// <summary>Figures to add to the training summary (dataset, UA, WA, F1 of the run), merged over the checkpoint's own.</summary>
    public IReadOnlyDictionary<string, object?>? TrainingSummary { get; init; }

    /// <summary>ONNX Runtime threads for calibration (0: one per core).</summary>
    public int CalibrationThreads { get; init; }
}
