namespace LightSerNet.Training.Runtime;

/// <summary>
/// Keeps .NET's finaliser thread waiting while training code calls libtorch, so that no TorchSharp object is
/// finalised during a native call that still reads it.
/// </summary>
/// <remarks>
/// <para>
/// TorchSharp 0.107 passes Scalars it does not keep alive: <c>Tensor.add_(Scalar)</c> calls <c>add_(scalar, 1)</c>,
/// and that implicit alpha is unreachable once its handle has been read. A garbage collection during the native call
/// (set off by any thread: with folds side by side, by the other fold) lets the finaliser thread free it while
/// libtorch reads it. Runs crashed that way every few thousand steps ("Expected false to be true ... toFloat at
/// Scalar.h"); a freed Scalar whose memory had already been reused would instead be read as a wrong value, silently.
/// </para>
/// <para>
/// Finalisers run one after another on a single thread. While a section is open anywhere, that thread is held
/// inside a finaliser of this class, and objects found dead in the meantime wait. A training loop keeps one section
/// open and calls <see cref="Pause"/> between steps: after every <see cref="PausesBetweenDrains"/> of them (counted
/// over all threads) the section closes until every open one has, the waiting finalisers run, and it opens again.
/// Process-wide, as the finaliser thread is; sections nest on a thread (only the outermost counts). A thread that
/// holds a section must not wait for another thread that opens or pauses one (a barrier, a join): a drain that is
/// due would wait for it in turn.
/// </para>
/// </remarks>
public static class FinaliserFence
{
    /// <summary>Pauses, counted over all threads, between two drains of the finaliser queue.</summary>
    public const int PausesBetweenDrains = 32;

    private static readonly object Gate = new();

    // Guarded by Gate: sections open on all threads, pauses since the queue was last drained, and the
    // signal that lets the holding finaliser return (null while the finaliser thread is free).
    private static int _open;
    private static int _sinceDrain;
    private static ManualResetEventSlim? _release;

    [ThreadStatic]
    private static int _depth;

    /// <summary>Opens a section: until it is disposed, or paused, no finaliser runs in this process.</summary>
    public static Section Enter()
    {
        if (_depth++ == 0)
            Open();
        return new Section(true);
    }

    /// <summary>
    /// A point between two steps of the calling thread's outermost section: lets the finalisers that have been
    /// waiting run, once every <see cref="PausesBetweenDrains"/> calls. Nothing outside a section, or in a nested one.
    /// </summary>
    public static void Pause()
    {
        if (_depth != 1)
            return;
        lock (Gate)
        {
            if (++_sinceDrain < PausesBetweenDrains)
                return;
        }
        Close();
        Open();
    }

    /// <summary>True while the finaliser thread is held (some section is open).</summary>
    public static bool IsHolding
    {
        get
        {
            lock (Gate)
                return _release is not null;
        }
    }

    private static void Exit()
    {
        if (--_depth == 0)
            Close();
    }

    private static void Open()
    {
        lock (Gate)
        {
            // Others' sections stay open through a drain that is due; wait for them to close or pause.
            while (_open > 0 && _sinceDrain >= PausesBetweenDrains)
                Monitor.Wait(Gate);
            if (_open == 0)
            {
                _release = Hold();
                _sinceDrain = 0;
            }
            _open++;
        }
    }

    private static void Close()
    {
        lock (Gate)
        {
            if (--_open > 0)
                return;
            _release!.Set();
            _release = null;
            Monitor.PulseAll(Gate);
        }
    }

    // Plants an unreachable object whose finaliser waits, and returns once the finaliser thread is inside it, that
    // is after every finaliser queued before it has run (or after two seconds, should that thread be busy elsewhere:
    // it is then held as soon as it gets there).
    private static ManualResetEventSlim Hold()
    {
        var held = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        Plant(held, release);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            // A fresh object is in generation 0, unless a collection on another thread has promoted it since.
            GC.Collect(attempt == 0 ? 0 : GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            if (held.Wait(attempt == 0 ? 50 : 100))
                break;
        }
        return release;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Plant(ManualResetEventSlim held, ManualResetEventSlim release) => _ = new Holder(held, release);

    private sealed class Holder(ManualResetEventSlim held, ManualResetEventSlim release)
    {
        ~Holder()
        {
            held.Set();
            release.Wait();
        }
    }

    /// <summary>An open section; disposing it closes it.</summary>
    public readonly struct Section : IDisposable
    {
        private readonly bool _open;

        internal Section(bool open) => _open = open;

        /// <inheritdoc />
        public void Dispose()
        {
            if (_open)
                Exit();
        }
    }
}
