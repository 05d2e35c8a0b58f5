using System.Collections.Concurrent;

namespace LightSerNet.Inference.Prediction;

/// <summary>Up to a fixed number of sessions on one model, made when first needed and lent out one per user.</summary>
internal sealed class SessionPool : IDisposable
{
    private readonly SerModel _model;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<ModelSession> _idle = [];
    private readonly ConcurrentBag<ModelSession> _all = [];

    public SessionPool(SerModel model, int size)
    {
        _model = model;
        Size = size;
        _slots = new SemaphoreSlim(size, size);
        // One session now, so that a model ONNX Runtime rejects fails here, not in a worker.
        var first = new ModelSession(model);
        _all.Add(first);
        _idle.Add(first);
    }

    public int Size { get; }

    public ModelSession Rent(CancellationToken cancel)
    {
        _slots.Wait(cancel);
        try
        {
            if (_idle.TryTake(out var session))
                return session;
            session = new ModelSession(_model);
            _all.Add(session);
            return session;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(ModelSession session)
    {
        _idle.Add(session);
        _slots.Release();
    }

    public void Dispose()
    {
        foreach (var session in _all)
            session.Dispose();
        _slots.Dispose();
    }
}
