using LightSerNet.Audio;
using LightSerNet.Features.Pipeline;

namespace LightSerNet.Features;

/// <summary>
/// Computes spectrograms, log-mel spectrograms or MFCCs as tf.signal does, for one clip or a whole batch.
/// Build one per configuration and share it: the plan (window, FFT tables, mel bank, DCT) is immutable, and the scratch
/// buffers live in one <see cref="FeatureWorkspace"/> per thread, so computing a clip allocates nothing.
/// </summary>
/// <remarks>
/// Where Vector256 is hardware-accelerated, eight frames are computed at once, one per lane; elsewhere a scalar
/// pipeline runs frame by frame. Both follow the same algorithm and agree to float rounding.
/// </remarks>
public sealed class FeatureExtractor
{
    private readonly FeaturePlan _plan;

    // One workspace per thread that uses this extractor: made on a thread's first call, reused for every later clip.
    private readonly ThreadLocal<FeatureWorkspace> _workspaces;

    /// <summary>Validates <paramref name="config"/> and precomputes everything it fixes.</summary>
    public FeatureExtractor(FeatureConfig config) : this(config, useSimd: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="useSimd"/> false forces the scalar pipeline (tests compare the two).</summary>
    internal FeatureExtractor(FeatureConfig config, bool useSimd)
    {
        ArgumentNullException.ThrowIfNull(config);
        _plan = new FeaturePlan(config, useSimd);
        _workspaces = new ThreadLocal<FeatureWorkspace>(() => new FeatureWorkspace(_plan));
    }

    /// <summary>The settings, validated.</summary>
    public FeatureConfig Config => _plan.Config;

    /// <summary>Values per frame: <see cref="FeatureConfig.Width"/>.</summary>
    public int Width => _plan.Config.Width;

    /// <summary>True when frames are computed eight at a time with Vector256; false on the scalar fallback.</summary>
    public bool IsVectorized => _plan.UseLanes;

    /// <summary>Frames in a clip of <paramref name="samples"/> samples (<see cref="FeatureConfig.FrameCount"/>).</summary>
    public int FrameCount(int samples) => _plan.Config.FrameCount(samples);

    /// <summary>Values for a clip of <paramref name="samples"/> samples: frames x <see cref="Width"/>.</summary>
    public int OutputLength(int samples) => checked(FrameCount(samples) * Width);

    /// <summary>Scratch buffers for one thread, for callers that manage their own threads.</summary>
    public FeatureWorkspace CreateWorkspace() => new(_plan);

    /// <summary>Features of one clip in a new array, frames x <see cref="Width"/>, row-major.</summary>
    public float[] Compute(ReadOnlySpan<float> samples)
    {
        var destination = new float[OutputLength(samples.Length)];
        Compute(samples, destination);
        return destination;
    }

    /// <summary>Features of one clip into <paramref name="destination"/> (exactly <see cref="OutputLength"/> values), with this thread's workspace.</summary>
    public void Compute(ReadOnlySpan<float> samples, Span<float> destination) => Compute(samples, destination, _workspaces.Value!);

    /// <summary>Features of one clip into <paramref name="destination"/> with the given workspace; allocates nothing.</summary>
    public void Compute(ReadOnlySpan<float> samples, Span<float> destination, FeatureWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!ReferenceEquals(workspace.Plan, _plan))
            throw new ArgumentException("The workspace was made by another extractor.", nameof(workspace));
        int frames = FrameCount(samples.Length);
        if (destination.Length != frames * Width)
            throw new ArgumentException($"The destination holds {destination.Length} values; a clip of {samples.Length} samples gives {frames} x {Width}.", nameof(destination));
        if (_plan.UseLanes)
            LanePipeline.Compute(_plan, samples, frames, destination, workspace);
        else
            ScalarPipeline.Compute(_plan, samples, frames, destination, workspace);
    }

    /// <summary>Features of a segment, carrying its source, label and speaker.</summary>
    public SerFeatures Extract(SerSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.SampleRate != Config.SampleRate)
            throw new ArgumentException($"The segment of '{segment.Source}' is at {segment.SampleRate} Hz; these features expect {Config.SampleRate} Hz.", nameof(segment));
        var data = Compute(segment.Samples);
        return new SerFeatures(segment.Source, segment.Dataset, segment.Label, segment.Speaker, segment.Index, Config,
            FrameCount(segment.Samples.Length), data);
    }

    /// <summary>
    /// Features of every clip into one contiguous [clips, frames, <see cref="Width"/>] tensor, new.
    /// All clips must give the same number of frames.
    /// </summary>
    public float[] ComputeBatch(IReadOnlyList<float[]> clips, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var destination = new float[clips.Count == 0 ? 0 : checked(clips.Count * BatchClipLength(clips))];
        ComputeBatch(clips, destination, maxDegreeOfParallelism);
        return destination;
    }

    /// <summary>
    /// Features of every clip into <paramref name="destination"/>, a contiguous [clips, frames, <see cref="Width"/>]
    /// tensor, on up to <paramref name="maxDegreeOfParallelism"/> threads (-1: all cores; 1: the calling thread only).
    /// All clips must give the same number of frames. Checks everything before computing anything; after the first
    /// call on a thread, the per-clip work allocates nothing.
    /// </summary>
    public void ComputeBatch(IReadOnlyList<float[]> clips, Memory<float> destination, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (all cores) or a positive thread count.");
        int count = clips.Count;
        if (count == 0)
        {
            if (destination.Length != 0)
                throw new ArgumentException("No clips, but the destination is not empty.", nameof(destination));
            return;
        }
        int size = BatchClipLength(clips);
        if (destination.Length != (long)count * size)
            throw new ArgumentException($"The destination holds {destination.Length} values; {count} clips give {(long)count * size}.", nameof(destination));

        if (maxDegreeOfParallelism == 1 || count == 1)
        {
            var workspace = _workspaces.Value!;
            var span = destination.Span;
            for (int i = 0; i < count; i++)
                Compute(clips[i], span.Slice(i * size, size), workspace);
            return;
        }
        ComputeInParallel(clips, destination, size, maxDegreeOfParallelism);
    }

    // Its own method: a lambda's captured variables cost an allocation at the start of the method that declares
    // them, which would make the single-threaded path above allocate too.
    private void ComputeInParallel(IReadOnlyList<float[]> clips, Memory<float> destination, int size, int maxDegreeOfParallelism)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, clips.Count, options, i => Compute(clips[i], destination.Span.Slice(i * size, size), _workspaces.Value!));
    }

    // Values per clip, after checking that every clip is there and gives the same frame count as the first.
    private int BatchClipLength(IReadOnlyList<float[]> clips)
    {
        int frames = -1;
        for (int i = 0; i < clips.Count; i++)
        {
            var clip = clips[i] ?? throw new ArgumentException($"Clip {i} is null.", nameof(clips));
            if (clip.Length < Config.FrameLength)
                throw new ArgumentException($"Clip {i} has {clip.Length} samples, fewer than one frame (FrameLength {Config.FrameLength}).", nameof(clips));
            int these = FrameCount(clip.Length);
            if (frames < 0)
                frames = these;
            else if (these != frames)
                throw new ArgumentException($"Clip {i} gives {these} frames and clip 0 gives {frames}; a batch needs one frame count.", nameof(clips));
        }
        return checked(frames * Width);
    }
}
