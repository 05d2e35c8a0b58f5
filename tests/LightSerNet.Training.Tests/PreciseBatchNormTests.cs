using LightSerNet.Training.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

public sealed class PreciseBatchNormTests
{
    [Fact]
    public void RunningStatisticsBecomeTheMeanOfTheBatchStatistics()
    {
        manual_seed(1);
        using var network = nn.Sequential(("bn", nn.BatchNorm2d(3, momentum: 0.01)));
        using var a = randn(4, 3, 5, 5) * 2 + 1;
        using var b = randn(4, 3, 5, 5) * 3 - 2;
        PreciseBatchNorm.Recompute(network, [a, b]);

        var norm = (BatchNorm2d)network.modules().OfType<BatchNorm2d>().Single();
        using var expectedMean = (a.mean([0, 2, 3]) + b.mean([0, 2, 3])) / 2;
        using var expectedVar = (a.var([0, 2, 3], unbiased: true) + b.var([0, 2, 3], unbiased: true)) / 2;
        Assert.True(norm.running_mean!.allclose(expectedMean, rtol: 1e-4, atol: 1e-5));
        Assert.True(norm.running_var!.allclose(expectedVar, rtol: 1e-4, atol: 1e-5));
        Assert.Equal(0.01, norm.momentum);
        Assert.True(network.training);
    }
}
