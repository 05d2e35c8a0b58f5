namespace LightSerNet.Inference.Prediction;

/// <summary>How files are windowed, reported and spread over cores.</summary>
public sealed record PredictionOptions
{
    /// <summary>Window length in seconds; null: the model's clip length.</summary>
    public double? Window { get; init; }

    /// <summary>Step between windows in seconds; null: half the window.</summary>
    public double? Hop { get; init; }

    /// <summary>One row per window instead of one per file.</summary>
    public bool PerWindow { get; init; }

    /// <summary>Fill <see cref="SerPrediction.Top"/> with this many labels; 0: leave it null.</summary>
    public int Top { get; init; }

    /// <summary>Inputs handed to a worker at a time.</summary>
    public int InputsPerBatch { get; init; } = 8;

    /// <summary>
    /// Most clips in one ONNX Runtime call. Small on purpose: ONNX Runtime's arena grows to the largest batch's
    /// activations (about 3 MB per clip for light-sernet), and labelling EMO-DB on two cores was as fast at 2, 4 or 8
    /// clips per call as at 32, at 140 MB peak instead of 260 MB.
    /// </summary>
    public int ClipsPerRun { get; init; } = 4;

    /// <summary>Throws when a setting cannot work; returns this instance otherwise.</summary>
    public PredictionOptions Validate()
    {
        if (Window is { } window && !(window >= 0.05 && window <= 3600))
            throw new ArgumentOutOfRangeException(nameof(Window), window, "The window must be from 0.05 to 3600 seconds.");
        if (Hop is { } hop && !(hop >= 0.01 && hop <= 3600))
            throw new ArgumentOutOfRangeException(nameof(Hop), hop, "The hop must be from 0.01 to 3600 seconds.");
        ArgumentOutOfRangeException.ThrowIfNegative(Top);
        ArgumentOutOfRangeException.ThrowIfLessThan(InputsPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ClipsPerRun, 1);
        return this;
    }
}
