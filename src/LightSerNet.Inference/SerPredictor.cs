using LightSerNet.Features;
using LightSerNet.Inference.Prediction;

namespace LightSerNet.Inference;

/// <summary>
/// Labels audio with a <see cref="SerModel"/>: one single-threaded ONNX Runtime session per worker, up to
/// <see cref="Threads"/> workers, each decoding, computing features and running the network for its own inputs.
/// </summary>
public sealed class SerPredictor : IDisposable
{
    private readonly SessionPool _sessions;
    private readonly FeatureExtractor _extractor;
    private readonly ClipBufferPool _buffers;

    /// <summary>
    /// Prepares to label with <paramref name="model"/> on <paramref name="threads"/> cores (0: all). Opens the first
    /// session now, so a model ONNX Runtime rejects fails here (<see cref="SerModelException"/>, Rejected).
    /// </summary>
    public SerPredictor(SerModel model, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Model = model;
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
        _extractor = new FeatureExtractor(model.FeatureConfig);
        _sessions = new SessionPool(model, Threads);
        _buffers = new ClipBufferPool(_extractor, model.ClipSamples, model.Input.Frames * model.Input.Coefficients, model.Labels.Count);
    }

    /// <summary>The model.</summary>
    public SerModel Model { get; }

    /// <summary>Most sessions (and cores) used at once.</summary>
    public int Threads { get; }

    /// <summary>
    /// Runs the network on <paramref name="clips"/> clips of features (clips x frames x coefficients, row-major) and
    /// returns clips x labels probabilities. Thread-safe: each call borrows a session.
    /// </summary>
    public float[] Run(float[] features, int clips)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(clips, 1);
        int expected = checked(clips * Model.Input.Frames * Model.Input.Coefficients);
        if (features.Length < expected)
            throw new ArgumentException($"{clips} clips of {Model.Input.Frames} x {Model.Input.Coefficients} need {expected} values; got {features.Length}.", nameof(features));
        var probabilities = new float[clips * Model.Labels.Count];
        var session = _sessions.Rent(CancellationToken.None);
        try
        {
            session.Run(features, clips, probabilities);
        }
        finally
        {
            _sessions.Return(session);
        }
        return probabilities;
    }

    /// <summary>Features of one clip of the model's length at its rate, as the model expects them.</summary>
    public float[] Features(float[] clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return _extractor.Compute(clip);
    }

    /// <summary>A stream that takes inputs one by one and gives outcomes back in input order.</summary>
    public PredictionStream Open(PredictionOptions? options = null, CancellationToken cancel = default) =>
        new(Model, _sessions, _buffers, _extractor, (options ?? new PredictionOptions()).ValidateFor(Model), cancel);

    /// <summary>Labels <paramref name="inputs"/> (read lazily) and yields their outcomes in input order.</summary>
    public IEnumerable<PredictionOutcome> Predict(IEnumerable<PredictionInput> inputs, PredictionOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var stream = Open(options, cancel);
        foreach (var input in inputs)
        {
            foreach (var outcome in stream.Add(input))
                yield return outcome;
        }
        foreach (var outcome in stream.Finish())
            yield return outcome;
    }

    /// <inheritdoc />
    public void Dispose() => _sessions.Dispose();
}
