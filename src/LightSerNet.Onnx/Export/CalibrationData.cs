namespace LightSerNet.Onnx.Export;

/// <summary>
/// Features that Int8 export runs through the float32 model to measure each activation's range: a contiguous
/// [clips, frames, coefficients] tensor computed exactly as for training.
/// </summary>
/// <param name="Features">Clips x frames x coefficients values, row-major.</param>
/// <param name="Clips">Number of clips.</param>
/// <param name="Frames">Frames per clip.</param>
/// <param name="Coefficients">Values per frame.</param>
public sealed record CalibrationData(float[] Features, int Clips, int Frames, int Coefficients)
{
    /// <summary>Throws when the tensor is empty or its length does not match the shape.</summary>
    public CalibrationData Validate()
    {
        ArgumentNullException.ThrowIfNull(Features);
        if (Clips < 1)
            throw new ArgumentException("Int8 export needs at least one calibration clip.", nameof(Clips));
        if ((long)Clips * Frames * Coefficients != Features.Length)
            throw new ArgumentException($"The calibration tensor holds {Features.Length} values, not {Clips} x {Frames} x {Coefficients}.", nameof(Features));
        return this;
    }
}
