using LightSerNet.Features;

namespace LightSerNet.Inference.Prediction;

/// <summary>
/// One worker's labelling: decodes each input, cuts its windows into the model's clips exactly as training cut
/// segments, computes their features into a batch buffer, runs the session whenever the buffer is full, and averages
/// probabilities per window and per file. Used by one thread at a time, with a clip buffer lent for each call.
/// </summary>
internal sealed class BatchLabeller
{
    private readonly SerModel _model;
    private readonly FeatureExtractor _extractor;
    private readonly PredictionOptions _options;
    private readonly ClipCutter _cutter;
    private readonly int _clipLength, _classes;
    private readonly int _maxClips;
    private ClipBuffer _buffer = null!;
    private int _count;

    public BatchLabeller(SerModel model, FeatureExtractor extractor, PredictionOptions options)
    {
        _model = model;
        _extractor = extractor;
        _options = options;
        _cutter = new ClipCutter(model, options);
        _clipLength = model.Input.Frames * model.Input.Coefficients;
        _classes = model.Labels.Count;
        _maxClips = options.ClipsPerRun;
    }

    /// <summary>
    /// Labels <paramref name="inputs"/> with <paramref name="session"/>, batching clips in <paramref name="buffer"/>;
    /// a bad input gets its error, the rest go on.
    /// </summary>
    public PredictionOutcome[] Process(IReadOnlyList<PredictionInput> inputs, ModelSession session, ClipBuffer buffer, CancellationToken cancel)
    {
        _buffer = buffer;
        var states = new InputState?[inputs.Count];
        var errors = new Exception?[inputs.Count];
        _count = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                states[i] = Cut(inputs[i], i, states, session);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[i] = e;
                states[i] = null;
            }
        }
        Flush(states, session);
        var outcomes = new PredictionOutcome[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            outcomes[i] = errors[i] is { } error
                ? new PredictionOutcome(inputs[i], [], error)
                : new PredictionOutcome(inputs[i], Rows(inputs[i], states[i]!), null);
        }
        return outcomes;
    }

    private InputState Cut(PredictionInput input, int index, InputState?[] states, ModelSession session)
    {
        var cut = _cutter.Prepare(input);
        var state = new InputState(cut.Windows, cut.Samples.Length, cut.Rate, _classes);
        states[index] = state;
        _cutter.Cut(cut, _buffer.Clip, (clip, window) => Add(clip, index, window, states, session));
        return state;
    }

    private void Add(float[] clip, int input, int window, InputState?[] states, ModelSession session)
    {
        if (_count == _maxClips)
            Flush(states, session);
        // Grown on demand up to ClipsPerRun clips: labelling one short file should not zero a megabyte first.
        if (_count == _buffer.Capacity)
            _buffer.Grow(Math.Min(_maxClips, Math.Max(4, 2 * _buffer.Capacity)));
        var features = _buffer.Features.AsSpan(_count * _clipLength, _clipLength);
        _extractor.Compute(clip, features, _buffer.Workspace);
        _options.Speaker?.Apply(features);
        _buffer.Owners[_count++] = (input, window);
    }

    private void Flush(InputState?[] states, ModelSession session)
    {
        if (_count == 0)
            return;
        session.Run(_buffer.Features, _count, _buffer.Probabilities);
        for (int c = 0; c < _count; c++)
        {
            var (input, window) = _buffer.Owners[c];
            // An input that failed after some of its clips were buffered has no state any more; skip them.
            states[input]?.Add(window, _buffer.Probabilities.AsSpan(c * _classes, _classes));
        }
        _count = 0;
    }

    private List<SerPrediction> Rows(PredictionInput input, InputState state)
    {
        double offset = input.Offset;
        double end = input.End ?? offset + state.Seconds(state.Samples);
        if (_options.PerWindow)
        {
            var rows = new List<SerPrediction>(state.Spans.Count);
            for (int w = 0; w < state.Spans.Count; w++)
            {
                var span = state.Spans[w];
                rows.Add(Row(input.Path, offset + state.Seconds(span.Start), Math.Min(end, offset + state.Seconds(span.End)),
                    state.WindowMean(w), state.ClipCount(w)));
            }
            return rows;
        }
        return [Row(input.Path, offset, end, state.FileMean(), state.TotalClips)];
    }

    private SerPrediction Row(string path, double start, double end, double[] probabilities, int clips)
    {
        int best = 0;
        for (int k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
                best = k;
        }
        var labelled = new LabelProbabilities(_model.Labels, probabilities);
        return new SerPrediction(path, start, end, _model.Labels[best], probabilities[best], labelled, _model.Path)
        {
            Top = _options.Top > 0 ? EmotionRanking.Top(labelled, _options.Top) : null,
            Clips = clips,
        };
    }

    /// <summary>Probability sums per window of one input.</summary>
    private sealed class InputState(IReadOnlyList<SampleSpan> spans, int samples, int rate, int classes)
    {
        private readonly double[][] _sums = spans.Select(_ => new double[classes]).ToArray();
        private readonly int[] _clips = new int[spans.Count];

        public IReadOnlyList<SampleSpan> Spans => spans;

        public int Samples => samples;

        public int TotalClips => _clips.Sum();

        public double Seconds(int sample) => (double)sample / rate;

        public int ClipCount(int window) => _clips[window];

        public void Add(int window, ReadOnlySpan<float> probabilities)
        {
            var sum = _sums[window];
            for (int k = 0; k < sum.Length; k++)
                sum[k] += probabilities[k];
            _clips[window]++;
        }

        public double[] WindowMean(int window)
        {
            var mean = new double[classes];
            for (int k = 0; k < classes; k++)
                mean[k] = _sums[window][k] / _clips[window];
            return mean;
        }

        // Each window counts once, however many model clips it took.
        public double[] FileMean()
        {
            var mean = new double[classes];
            for (int w = 0; w < _sums.Length; w++)
            {
                var window = WindowMean(w);
                for (int k = 0; k < classes; k++)
                    mean[k] += window[k] / _sums.Length;
            }
            return mean;
        }
    }
}
