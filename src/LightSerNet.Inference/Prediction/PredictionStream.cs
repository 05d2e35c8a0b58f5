using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using LightSerNet.Features;

namespace LightSerNet.Inference.Prediction;

/// <summary>
/// Labels inputs as they arrive, on worker threads that each own one single-threaded session, and hands results back
/// in input order. Inputs are grouped into small batches; each worker decodes, computes features and runs the model
/// for its batch, so while one core decodes another runs the network, with no barrier between stages. At most a
/// fixed number of batches is in flight, so memory stays bounded whatever the number of inputs.
/// </summary>
/// <remarks>
/// Not thread-safe: one caller adds inputs and collects results (the PowerShell pipeline thread). Dispose stops the
/// workers.
/// </remarks>
public sealed class PredictionStream : IDisposable
{
    private readonly SessionPool _sessions;
    private readonly ClipBufferPool _buffers;
    private readonly SerModel _model;
    private readonly FeatureExtractor _extractor;
    private readonly PredictionOptions _options;
    private readonly CancellationTokenSource _cancel;
    private readonly BlockingCollection<WorkBatch> _queue = [];
    private readonly Queue<WorkBatch> _inFlight = new();
    private readonly List<Thread> _workers = [];
    private readonly int _maxWorkers, _maxInFlight;
    private List<PredictionInput> _pending = [];
    private bool _disposed;

    internal PredictionStream(SerModel model, SessionPool sessions, ClipBufferPool buffers, FeatureExtractor extractor, PredictionOptions options,
        CancellationToken cancel)
    {
        _model = model;
        _sessions = sessions;
        _buffers = buffers;
        _extractor = extractor;
        _options = options;
        _maxWorkers = sessions.Size;
        _maxInFlight = 2 * sessions.Size + 2;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
    }

    /// <summary>Inputs added so far.</summary>
    public int Added { get; private set; }

    /// <summary>Inputs whose outcomes have been handed back.</summary>
    public int Completed { get; private set; }

    /// <summary>
    /// Queues <paramref name="input"/> and returns the outcomes that are ready, in input order (often none). Waits
    /// only when too much work is in flight.
    /// </summary>
    public IReadOnlyList<PredictionOutcome> Add(PredictionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _pending.Add(input);
        Added++;
        if (_pending.Count >= _options.InputsPerBatch)
            Submit();
        var ready = new List<PredictionOutcome>();
        Harvest(ready, waitForAll: false);
        return ready;
    }

    /// <summary>Labels what is still queued and yields every remaining outcome in input order, each batch as soon as it is done.</summary>
    public IEnumerable<PredictionOutcome> Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Fewer inputs than one batch, nothing started: label them on this thread, with every core on the network.
        // Handing one short file to a new worker thread and waiting for it cost more than labelling it.
        if (_pending.Count > 0 && _workers.Count == 0 && _inFlight.Count == 0)
        {
            foreach (var outcome in LabelHere(_pending))
                yield return outcome;
            _pending = [];
            yield break;
        }
        if (_pending.Count > 0)
            Submit();
        while (_inFlight.Count > 0)
        {
            var batch = _inFlight.Peek();
            Wait(batch);
            _inFlight.Dequeue();
            foreach (var outcome in Collect(batch))
                yield return outcome;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _cancel.Cancel();
        _queue.CompleteAdding();
        foreach (var worker in _workers)
            worker.Join();
        _queue.Dispose();
        _cancel.Dispose();
    }

    private void Submit()
    {
        var batch = new WorkBatch(_pending);
        _pending = [];
        _inFlight.Enqueue(batch);
        // Workers start as work arrives: one short file needs one session, not one per core.
        if (_workers.Count < _maxWorkers && _workers.Count < _inFlight.Count)
            StartWorker();
        _queue.Add(batch);
    }

    private void Harvest(List<PredictionOutcome> ready, bool waitForAll)
    {
        while (_inFlight.Count > 0)
        {
            var head = _inFlight.Peek();
            if (!head.Done.IsSet)
            {
                if (!waitForAll && _inFlight.Count <= _maxInFlight)
                    return;
                Wait(head);
            }
            _inFlight.Dequeue();
            ready.AddRange(Collect(head));
        }
    }

    private PredictionOutcome[] LabelHere(List<PredictionInput> inputs)
    {
        var wide = _sessions.TryRentWide();
        var session = wide ?? _sessions.Rent(_cancel.Token);
        var buffer = _buffers.Rent();
        try
        {
            var outcomes = new BatchLabeller(_model, _extractor, _options).Process(inputs, session, buffer, _cancel.Token);
            Completed += outcomes.Length;
            return outcomes;
        }
        finally
        {
            _buffers.Return(buffer);
            if (wide is not null)
                _sessions.ReturnWide();
            else
                _sessions.Return(session);
        }
    }

    private void Wait(WorkBatch batch) => batch.Done.Wait(_cancel.Token);

    private PredictionOutcome[] Collect(WorkBatch batch)
    {
        if (batch.Failure is { } failure)
            ExceptionDispatchInfo.Capture(failure).Throw();
        Completed += batch.Outcomes!.Length;
        batch.Done.Dispose();
        return batch.Outcomes;
    }

    private void StartWorker()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = $"LightSerNet labeller {_workers.Count + 1}" };
        _workers.Add(thread);
        thread.Start();
    }

    private void Work()
    {
        var token = _cancel.Token;
        var labeller = new BatchLabeller(_model, _extractor, _options);
        var buffer = _buffers.Rent();
        ModelSession? session = null;
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable(token))
            {
                try
                {
                    session ??= _sessions.Rent(token);
                    batch.Outcomes = labeller.Process(batch.Inputs, session, buffer, token);
                }
                catch (Exception e)
                {
                    batch.Failure = e;
                }
                finally
                {
                    batch.Done.Set();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by Dispose or by the caller's token; the caller sees the cancellation where it waits.
        }
        finally
        {
            _buffers.Return(buffer);
            if (session is not null)
                _sessions.Return(session);
        }
    }

    private sealed class WorkBatch(List<PredictionInput> inputs)
    {
        public List<PredictionInput> Inputs { get; } = inputs;
        public ManualResetEventSlim Done { get; } = new();
        public PredictionOutcome[]? Outcomes { get; set; }
        public Exception? Failure { get; set; }
    }
}
