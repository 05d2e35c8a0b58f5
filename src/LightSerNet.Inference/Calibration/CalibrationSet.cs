using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Features;
using LightSerNet.Onnx.Export;

namespace LightSerNet.Inference.Calibration;

/// <summary>
/// Builds the features Int8 export calibrates on: training features as they are (from Get-Mfcc), or WAV files cut
/// and featurised as training did (centre segment of the model's clip length). Large sets are thinned to an evenly
/// spaced sample, which keeps the ranges representative at a bounded cost.
/// </summary>
public static class CalibrationSet
{
    /// <summary>Clips used when more are given: about 0.3 s of float32 inference per 100 clips on one core.</summary>
    public const int DefaultMaxClips = 512;

    /// <summary>
    /// A calibration tensor from <paramref name="features"/>; each must be <paramref name="frames"/> x
    /// <paramref name="coefficients"/>, or an <see cref="ArgumentException"/> names the first that is not.
    /// </summary>
    public static CalibrationData FromFeatures(IReadOnlyList<SerFeatures> features, int frames, int coefficients, int maxClips = DefaultMaxClips)
    {
        ArgumentNullException.ThrowIfNull(features);
        var chosen = EvenlySpaced(features, maxClips);
        if (chosen.Count == 0)
            throw new ArgumentException("No calibration features were given.", nameof(features));
        int length = frames * coefficients;
        var tensor = new float[chosen.Count * length];
        for (int i = 0; i < chosen.Count; i++)
        {
            var f = chosen[i];
            if (f.Frames != frames || f.Coefficients != coefficients)
            {
                throw new ArgumentException(
                    $"The calibration features of '{f.Source}' are {f.Frames} x {f.Coefficients}; the model takes {frames} x {coefficients}. Compute them with the model's settings (Get-Mfcc -Duration matching the model).",
                    nameof(features));
            }
            f.Data.AsSpan(0, length).CopyTo(tensor.AsSpan(i * length, length));
        }
        return new CalibrationData(tensor, chosen.Count, frames, coefficients);
    }

    /// <summary>
    /// A calibration tensor from WAV files: each decoded at the settings' rate, cut to its centre
    /// <paramref name="duration"/> seconds (padded when shorter) and featurised. A file that cannot be read is passed
    /// to <paramref name="onError"/> and left out.
    /// </summary>
    public static CalibrationData FromFiles(IReadOnlyList<string> paths, FeatureConfig config, double duration,
        Action<string, Exception> onError, int maxClips = DefaultMaxClips)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(onError);
        var extractor = new FeatureExtractor(config);
        var options = new SegmentOptions(duration, SegmentMode.Centre, null, config.SampleRate).Validate();
        var chosen = EvenlySpaced(paths, maxClips);
        int length = extractor.OutputLength(options.Length);
        var tensor = new float[chosen.Count * length];
        var ok = new bool[chosen.Count];
        var failures = new Exception?[chosen.Count];
        Parallel.For(0, chosen.Count, i =>
        {
            try
            {
                var clip = AudioLoader.Load(chosen[i], config.SampleRate);
                var cut = Segmenter.Cut(clip.Samples, options)[0];
                extractor.Compute(cut.Samples, tensor.AsSpan(i * length, length));
                ok[i] = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures[i] = e;
            }
        });
        // Errors are reported on the caller's thread, in input order.
        for (int i = 0; i < chosen.Count; i++)
        {
            if (failures[i] is { } failure)
                onError(chosen[i], failure);
        }
        int good = ok.Count(x => x);
        if (good == 0)
            throw new ArgumentException("None of the calibration files could be read.", nameof(paths));
        var packed = new float[good * length];
        for (int i = 0, j = 0; i < chosen.Count; i++)
        {
            if (ok[i])
                tensor.AsSpan(i * length, length).CopyTo(packed.AsSpan(j++ * length, length));
        }
        return new CalibrationData(packed, good, extractor.FrameCount(options.Length), extractor.Width);
    }

    private static List<T> EvenlySpaced<T>(IReadOnlyList<T> items, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (items.Count <= count)
            return items.ToList();
        var chosen = new List<T>(count);
        for (int i = 0; i < count; i++)
            chosen.Add(items[(int)((long)i * items.Count / count)]);
        return chosen;
    }
}
