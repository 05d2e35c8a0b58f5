namespace LightSerNet.Onnx.Export;

/// <summary>
/// Folds an inference-mode batch normalisation into the convolution before it:
/// W' = W * g / sqrt(v + eps) per output channel, b' = (b - m) * g / sqrt(v + eps) + beta.
/// </summary>
internal static class BatchNormFolding
{
    public static (WeightTensor Weight, WeightTensor Bias) Fold(WeightTensor weight, WeightTensor? bias,
        WeightTensor gamma, WeightTensor beta, WeightTensor mean, WeightTensor variance, double epsilon)
    {
        int channels = (int)weight.Shape[0];
        int perChannel = weight.Data.Length / channels;
        var folded = new float[weight.Data.Length];
        var foldedBias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double scale = gamma.Data[c] / Math.Sqrt(variance.Data[c] + epsilon);
            for (int i = 0; i < perChannel; i++)
                folded[c * perChannel + i] = (float)(weight.Data[c * perChannel + i] * scale);
            double b = bias?.Data[c] ?? 0;
            foldedBias[c] = (float)((b - mean.Data[c]) * scale + beta.Data[c]);
        }
        return (new WeightTensor(folded, weight.Shape), new WeightTensor(foldedBias, [channels]));
    }
}
