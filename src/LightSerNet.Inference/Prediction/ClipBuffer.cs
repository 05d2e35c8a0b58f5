using System.Collections.Concurrent;
using LightSerNet.Features;

namespace LightSerNet.Inference.Prediction;

/// <summary>
/// One worker's scratch: the feature workspace, the clip being cut, and the batch buffers (features, probabilities,
/// which input and window each clip belongs to). Kept in a pool by the predictor and reused by every stream, so
/// labelling one short file allocates neither a workspace nor a batch buffer.
/// </summary>
internal sealed class ClipBuffer(FeatureWorkspace workspace, int clipSamples, int clipLength, int classes)
{
    public FeatureWorkspace Workspace { get; } = workspace;

    /// <summary>One model clip of samples, cut and normalised, before its features are computed.</summary>
    public float[] Clip { get; } = new float[clipSamples];

    public float[] Features { get; private set; } = [];

    public float[] Probabilities { get; private set; } = [];

    public (int Input, int Window)[] Owners { get; private set; } = [];

    public int Capacity => Owners.Length;

    /// <summary>Makes room for at least <paramref name="clips"/> clips, keeping what is buffered.</summary>
    public void Grow(int clips)
    {
        if (clips <= Capacity)
            return;
        var features = Features;
        var probabilities = Probabilities;
        var owners = Owners;
        Array.Resize(ref features, clips * clipLength);
        Array.Resize(ref probabilities, clips * classes);
        Array.Resize(ref owners, clips);
        (Features, Probabilities, Owners) = (features, probabilities, owners);
    }
}

/// <summary>The predictor's clip buffers, lent to one worker (or one inline call) at a time.</summary>
internal sealed class ClipBufferPool(FeatureExtractor extractor, int clipSamples, int clipLength, int classes)
{
    private readonly ConcurrentBag<ClipBuffer> _idle = [];

    public ClipBuffer Rent() => _idle.TryTake(out var buffer) ? buffer : new ClipBuffer(extractor.CreateWorkspace(), clipSamples, clipLength, classes);

    public void Return(ClipBuffer buffer) => _idle.Add(buffer);
}
