using LightSerNet.Architectures;
using LightSerNet.Training.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

public sealed class ChannelsLastLayoutTests
{
    [Fact]
    public void TheLayoutChangesStridesButNotWhatTheNetworkComputes()
    {
        manual_seed(3);
        using var plain = NetworkFactory.Create("light-sernet", 7);
        using var strided = NetworkFactory.Create("light-sernet", 7);
        strided.load_state_dict(plain.state_dict());
        ChannelsLastLayout.Apply(strided);

        var firstLayer = strided.modules().OfType<Conv2d>().Where(c => c.weight!.shape[1] == 1).ToList();
        Assert.Equal(3, firstLayer.Count);
        Assert.All(firstLayer, conv =>
        {
            Assert.Equal(1, conv.weight!.stride(1));
            Assert.True(conv.weight.is_contiguous());
            Assert.True(conv.weight.requires_grad);
        });
        Assert.Equal(plain.parameters().Count(), strided.parameters().Count());

        using var input = randn(4, 184, 40);
        foreach (bool training in new[] { false, true })
        {
            plain.train(training);
            strided.train(training);
            using var scope = NewDisposeScope();
            // Same seed for both: dropout draws the same mask in training mode.
            manual_seed(5);
            var expected = plain.call(input);
            manual_seed(5);
            var difference = (expected - strided.call(input)).abs().max().item<float>();
            Assert.True(difference < 1e-4f, $"training={training}: largest difference {difference}");
        }
    }
}
