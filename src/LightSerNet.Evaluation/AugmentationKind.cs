using System.Text.Json.Serialization;

namespace LightSerNet.Evaluation;

/// <summary>
/// A kind of training-data augmentation. Lives beside the other training kinds (not in the training assembly) so
/// the cmdlets can name it without loading TorchSharp, and the inference-only module still binds the parameter.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AugmentationKind>))]
public enum AugmentationKind
{
    /// <summary>Audio played slower and faster (pitch and tempo together), computed once per clip when features are built.</summary>
    SpeedPerturbation,
    /// <summary>White noise at a random signal-to-noise ratio, computed once per clip when features are built.</summary>
    Noise,
    /// <summary>Time and coefficient masks over the feature matrix, drawn afresh for every clip in every epoch.</summary>
    SpecAugment,
}
