using System.Collections.Concurrent;

namespace LightSerNet.Inference.Prediction;

/// <summary>
/// Up to a fixed number of single-threaded sessions on one model, made when first needed and lent out one per user;
/// and one session with a thread per slot, lent only while every slot is free.
/// </summary>
internal sealed class SessionPool : IDisposable
{
    private readonly SerModel _model;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _wideGate = new(1, 1);
    private ModelSession? _wide;
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

    /// <summary>
    /// Takes every slot and lends the session that runs one request on all of them, or returns null (without
    /// waiting) when the pool has one slot or any slot is in use. For work that is alone, such as one short file:
    /// a batch-1 clip of Light-SERNet took 1.7 ms on two threads against 2.9 ms on one, and 1.55 ms with the threads
    /// spinning between operators instead of sleeping, which costs no other session anything while every slot is
    /// taken (bench -- latency).
    /// </summary>
    public ModelSession? TryRentWide()
    {
        if (Size == 1 || !_wideGate.Wait(0))
            return null;
        int taken = 0;
        while (taken < Size && _slots.Wait(0))
            taken++;
        if (taken < Size)
        {
            if (taken > 0)
                _slots.Release(taken);
            _wideGate.Release();
            return null;
        }
        try
        {
            return _wide ??= new ModelSession(_model, intraOpThreads: Size, spin: true);
        }
        catch
        {
            ReturnWide();
            throw;
        }
    }

    /// <summary>Gives back the session <see cref="TryRentWide"/> lent, and with it every slot.</summary>
    public void ReturnWide()
    {
        _slots.Release(Size);
        _wideGate.Release();
    }

    public void Dispose()
    {
        foreach (var session in _all)
            session.Dispose();
        _wide?.Dispose();
        _slots.Dispose();
        _wideGate.Dispose();
    }
}
