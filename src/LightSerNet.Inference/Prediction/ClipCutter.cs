using LightSerNet.Audio;
using LightSerNet.Audio.Resampling;
using LightSerNet.Audio.Segmentation;

namespace LightSerNet.Inference.Prediction;

/// <summary>An input decoded at the model's rate, with the windows it is labelled by.</summary>
/// <param name="Samples">The audio at the model's rate.</param>
/// <param name="Rate">That rate.</param>
/// <param name="Windows">Where the windows lie.</param>
/// <param name="AsIs">The input is already one model clip and goes in unchanged.</param>
internal sealed record CutInput(float[] Samples, int Rate, IReadOnlyList<SampleSpan> Windows, bool AsIs);

/// <summary>
/// Decodes inputs and cuts their windows into the model's clips exactly as training cut segments: what labelling
/// runs the network on, and what a speaker's statistics are measured over.
/// </summary>
internal sealed class ClipCutter
{
    private readonly SerModel _model;
    private readonly SegmentOptions _clipOptions;
    private readonly int _window, _hop;

    public ClipCutter(SerModel model, PredictionOptions options)
    {
        _model = model;
        int rate = model.SampleRate;
        double window = options.Window ?? model.Duration;
        _window = Math.Max(1, (int)Math.Round(window * rate));
        _hop = Math.Max(1, (int)Math.Round((options.Hop ?? window / 2) * rate));
        // Clips inside a window longer than the model's input overlap by half, as the default windows do.
        _clipOptions = new SegmentOptions(model.Duration, SegmentMode.Sliding, model.Duration / 2, rate).Validate();
    }

    /// <summary>Decodes <paramref name="input"/> and plans its windows.</summary>
    public CutInput Prepare(PredictionInput input)
    {
        var audio = Decode(input);
        var samples = audio.Samples;
        // A segment that is already one model clip (ConvertTo-Segment with the model's duration) goes in as it is.
        bool asIs = input.IsSegment && samples.Length == _model.ClipSamples && _window == _model.ClipSamples;
        IReadOnlyList<SampleSpan> windows = asIs ? [new SampleSpan(0, samples.Length)] : WindowPlan.Spans(samples.Length, _window, _hop);
        return new CutInput(samples, audio.SampleRate, windows, asIs);
    }

    /// <summary>
    /// Hands every model clip of <paramref name="input"/> to <paramref name="onClip"/> with its window's index. Cut
    /// clips go through <paramref name="scratch"/> (one model clip long), valid only during the call.
    /// </summary>
    public void Cut(CutInput input, float[] scratch, Action<float[], int> onClip)
    {
        if (input.AsIs)
        {
            onClip(input.Samples, 0);
            return;
        }
        for (int w = 0; w < input.Windows.Count; w++)
        {
            var window = input.Samples.AsSpan(input.Windows[w].Start, input.Windows[w].Length);
            foreach (var (start, end) in Segmenter.Plan(window.Length, _clipOptions))
            {
                // Into the caller's scratch clip: a 3 s clip is 192 KB, which would otherwise be a large-object
                // allocation for every clip.
                Segmenter.Normalise(window[start..end], scratch);
                onClip(scratch, w);
            }
        }
    }

    private AudioClip Decode(PredictionInput input)
    {
        int rate = _model.SampleRate;
        if (input.Audio is not { } audio)
            return AudioLoader.Load(input.Path, rate);
        return audio.SampleRate == rate ? audio : new AudioClip(new PolyphaseResampler(audio.SampleRate, rate).Process(audio.Samples), rate);
    }
}
