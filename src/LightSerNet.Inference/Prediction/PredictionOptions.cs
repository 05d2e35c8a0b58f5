using LightSerNet.Features.Normalisation;

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

    /// <summary>
    /// The speaker's statistics every clip's features are standardised by, for a model trained with
    /// -Normalization Speaker (<see cref="SerModel.NeedsSpeakerStatistics"/>); null for every other model.
    /// </summary>
    public SpeakerStatistics? Speaker { get; init; }

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

    /// <summary>Throws when the speaker statistics do not fit <paramref name="model"/>: missing, unneeded, or of another width.</summary>
    public PredictionOptions ValidateFor(SerModel model)
    {
        Validate();
        if (model.NeedsSpeakerStatistics && Speaker is null)
        {
            throw new SpeakerStatisticsException(missing: true,
                $"'{model.Path}' was trained on features standardised per speaker (Invoke-SerTraining -Normalization Speaker), so it needs the speaker's statistics: measure them over the speaker's recordings with Measure-SerSpeaker and pass them with -SpeakerStatistics.");
        }
        if (!model.NeedsSpeakerStatistics && Speaker is not null)
            throw new SpeakerStatisticsException(missing: false, $"'{model.Path}' takes features as computed; it was not trained with -Normalization Speaker, so speaker statistics do not apply to it.");
        if (Speaker is { } speaker && speaker.Coefficients != model.Input.Coefficients)
            throw new SpeakerStatisticsException(missing: false, $"The speaker statistics describe {speaker.Coefficients} coefficients; '{model.Path}' takes {model.Input.Coefficients}. Measure them with this model.");
        return this;
    }
}

/// <summary>Speaker statistics that a model needs and was not given, or was given and cannot use.</summary>
public sealed class SpeakerStatisticsException(bool missing, string message) : ArgumentException(message)
{
    /// <summary>True when the model needs statistics and none were given; false when the ones given do not fit.</summary>
    public bool Missing { get; } = missing;
}
