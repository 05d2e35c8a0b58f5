using LightSerNet.Features;
using LightSerNet.Features.Normalisation;
using LightSerNet.Inference.Prediction;

namespace LightSerNet.Inference.Normalisation;

/// <summary>
/// Measures a speaker's statistics over their recordings for a model trained with -Normalization Speaker: every
/// recording is decoded and cut into the model's clips exactly as labelling cuts it, and the clips' features are
/// accumulated. Training measured each speaker over one clip per recording, cut as here when the recording is no
/// longer than a clip and its centre otherwise; a longer recording adds all its windows here. The statistics are
/// those of one voice when the recordings are of one speaker, a few dozen clips or more.
/// </summary>
public sealed class SpeakerMeter
{
    private readonly ClipCutter _cutter;
    private readonly FeatureExtractor _extractor;
    private readonly FeatureWorkspace _workspace;
    private readonly SpeakerStatisticsBuilder _statistics;
    private readonly float[] _scratch;
    private readonly int _clipLength;

    /// <summary>A meter for <paramref name="model"/>'s features, windowing as <paramref name="options"/> say (default: as Get-SpeechEmotion does).</summary>
    public SpeakerMeter(SerModel model, PredictionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _cutter = new ClipCutter(model, (options ?? new PredictionOptions()).Validate());
        _extractor = new FeatureExtractor(model.FeatureConfig);
        _workspace = _extractor.CreateWorkspace();
        _statistics = new SpeakerStatisticsBuilder(model.Input.Coefficients);
        _scratch = new float[model.ClipSamples];
        _clipLength = model.Input.Frames * model.Input.Coefficients;
    }

    /// <summary>Recordings measured so far.</summary>
    public int Inputs { get; private set; }

    /// <summary>Clips measured so far.</summary>
    public int Clips => _statistics.Clips;

    /// <summary>Adds every clip of <paramref name="input"/>; a recording that cannot be read throws and adds nothing.</summary>
    public void Add(PredictionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cut = _cutter.Prepare(input);
        // Features of the whole recording first, so a failure part-way leaves the statistics as they were.
        var clips = new List<float[]>();
        _cutter.Cut(cut, _scratch, (clip, _) =>
        {
            var features = new float[_clipLength];
            _extractor.Compute(clip, features, _workspace);
            clips.Add(features);
        });
        foreach (var features in clips)
            _statistics.Add(features);
        Inputs++;
    }

    /// <summary>The statistics of every clip added.</summary>
    public SpeakerStatistics Build() => _statistics.Build();
}
