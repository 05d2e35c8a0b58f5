using LightSerNet.Training.Runtime;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

/// <summary>The malloc settings training runs under bind on glibc, and large tensors still come and go under them.</summary>
public sealed class TensorHeapTests
{
    [Fact]
    public void GlibcTakesTheSettingsAndLargeTensorsStillWork()
    {
        bool taken = TensorHeap.KeepFreedBlocks();
        try
        {
            Assert.Equal(OperatingSystem.IsLinux(), taken);
            for (int step = 0; step < 3; step++)
            {
                // 40 MB, over glibc's largest mmap threshold: from the heap now, and reused.
                using var activation = ones(10_000_000);
                Assert.Equal(10_000_000.0, activation.sum().item<float>());
            }
        }
        finally
        {
            TensorHeap.ReleaseFreedBlocks();
        }
    }
}
