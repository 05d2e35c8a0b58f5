namespace LightSerNet.Features.Pipeline;

/// <summary>
/// The feature pipeline one frame at a time in plain floats: the fallback where Vector256 is not accelerated, and
/// the simplest statement of the algorithm (the lane pipeline must agree with it).
/// </summary>
internal static class ScalarPipeline
{
    public static void Compute(FeaturePlan plan, ReadOnlySpan<float> samples, int frames, Span<float> destination, FeatureWorkspace workspace)
    {
        var config = plan.Config;
        int width = config.Width;
        var fft = plan.Fft;
        for (int f = 0; f < frames; f++)
        {
            var frame = samples.Slice(f * config.FrameStep, config.FrameLength);
            var row = destination.Slice(f * width, width);
            fft.Load(frame, plan.Window, workspace.Re, workspace.Im);
            fft.Transform(workspace.Re, workspace.Im);
            if (config.Kind == FeatureKind.Spectrogram)
            {
                fft.Magnitudes(workspace.Re, workspace.Im, row);
                continue;
            }
            fft.Magnitudes(workspace.Re, workspace.Im, workspace.Magnitudes);
            if (config.Kind == FeatureKind.MelSpectrogram)
            {
                plan.Mel!.ApplyLog(workspace.Magnitudes, row, plan.LogOffset);
                continue;
            }
            plan.Mel!.ApplyLog(workspace.Magnitudes, workspace.Mel, plan.LogOffset);
            plan.Dct!.Apply(workspace.Mel, row, plan.Clip);
        }
    }
}
