namespace LightSerNet.Features.Tests;

/// <summary>The batch API: one contiguous [clips, frames, width] tensor, equal to clip-by-clip results, no per-clip allocation.</summary>
/// <remarks>In a collection of its own that runs alone: allocation counts see every thread of the process.</remarks>
[Collection(AllocationCollection.Name)]
public sealed class BatchTests
{
    [Theory]
    [InlineData(FeatureKind.Mfcc, true)]
    [InlineData(FeatureKind.Spectrogram, true)]
    [InlineData(FeatureKind.MelSpectrogram, true)]
    [InlineData(FeatureKind.Mfcc, false)]
    public void BatchEqualsClipByClip(FeatureKind kind, bool simd)
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper with { Kind = kind }, simd);
        var clips = Enumerable.Range(0, 13).Select(i => Signals.Speechlike(48000, seed: i)).ToList();
        int size = extractor.OutputLength(48000);
        foreach (int threads in new[] { 1, 2, -1 })
        {
            var tensor = extractor.ComputeBatch(clips, threads);
            Assert.Equal(clips.Count * size, tensor.Length);
            for (int i = 0; i < clips.Count; i++)
                Assert.Equal(extractor.Compute(clips[i]), tensor.AsSpan(i * size, size).ToArray());
        }
    }

    [Fact]
    public void SingleThreadedBatchAllocatesNothingPerClip()
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper);
        var clips = Enumerable.Range(0, 32).Select(i => Signals.Noise(48000, seed: i)).ToList();
        var tensor = new float[clips.Count * extractor.OutputLength(48000)];
        // Warm-up: the thread's workspace, the JIT's code and TensorPrimitives' statics.
        for (int i = 0; i < 3; i++)
            extractor.ComputeBatch(clips, tensor, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        extractor.ComputeBatch(clips, tensor, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ParallelBatchAllocatesOnlyPerBatch()
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper);
        var small = Enumerable.Range(0, 8).Select(i => Signals.Noise(48000, seed: i)).ToList();
        var large = Enumerable.Range(0, 64).Select(i => Signals.Noise(48000, seed: i)).ToList();
        var smallTensor = new float[small.Count * 184 * 40];
        var largeTensor = new float[large.Count * 184 * 40];
        for (int i = 0; i < 3; i++)
        {
            extractor.ComputeBatch(small, smallTensor, -1);
            extractor.ComputeBatch(large, largeTensor, -1);
        }
        // The least of a few runs: a thread-pool thread that joins for the first time makes its workspace once.
        long Measure(List<float[]> clips, float[] tensor)
        {
            long least = long.MaxValue;
            for (int run = 0; run < 5; run++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                extractor.ComputeBatch(clips, tensor, -1);
                least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            return least;
        }
        long forSmall = Measure(small, smallTensor), forLarge = Measure(large, largeTensor);
        // Eight times the clips must not cost eight times the bytes: what Parallel.For needs, not a buffer per clip.
        Assert.True(forLarge < 4096 && forLarge < forSmall * 4 + 2048, $"8 clips: {forSmall} B, 64 clips: {forLarge} B");
    }

    [Fact]
    public void RefusesABadBatchBeforeComputingAnything()
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper);
        var tensor = new float[3 * 184 * 40];
        Array.Fill(tensor, 42f);
        var mixed = new List<float[]> { new float[48000], new float[48000], new float[40000] };
        Assert.Contains("Clip 2", Assert.Throws<ArgumentException>(() => extractor.ComputeBatch(mixed, tensor, 1)).Message);
        Assert.All(tensor, v => Assert.Equal(42f, v));
        var withNull = new List<float[]> { new float[48000], null!, new float[48000] };
        Assert.Contains("Clip 1", Assert.Throws<ArgumentException>(() => extractor.ComputeBatch(withNull, tensor, 1)).Message);
        var fine = new List<float[]> { new float[48000], new float[48000], new float[48000] };
        Assert.Throws<ArgumentException>(() => extractor.ComputeBatch(fine, new float[10], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => extractor.ComputeBatch(fine, tensor, 0));
        Assert.Empty(extractor.ComputeBatch([], 1));
    }

    [Fact]
    public void AcceptsClipsOfDifferentLengthsWithTheSameFrameCount()
    {
        var extractor = new FeatureExtractor(FeatureConfig.Paper);
        var clips = new List<float[]> { Signals.Noise(48000, 1), Signals.Noise(48100, 2) };
        var tensor = extractor.ComputeBatch(clips, 1);
        Assert.Equal(extractor.Compute(clips[1]), tensor.AsSpan(184 * 40).ToArray());
    }
}

/// <summary>Tests that count allocated bytes run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation counting";
}
