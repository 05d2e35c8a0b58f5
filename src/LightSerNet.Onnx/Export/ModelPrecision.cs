namespace LightSerNet.Onnx.Export;

/// <summary>How an exported model stores its weights and computes.</summary>
public enum ModelPrecision
{
    /// <summary>float32 weights and activations: the reference.</summary>
    Float32,

    /// <summary>
    /// float16 weights, widened to float32 by Cast nodes that ONNX Runtime folds when it loads the model: half the file,
    /// float32 inputs, outputs and arithmetic.
    /// </summary>
    Float16,

    /// <summary>
    /// Static QDQ quantisation: int8 weights per output channel, uint8 activations per tensor with ranges calibrated on
    /// training features; ONNX Runtime fuses the pattern into integer kernels (QLinearConv and friends).
    /// </summary>
    Int8,
}
