using LightSerNet.Training.Checkpoints;
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

        var firstLayer = strided.modules().OfType<Conv2d>().Where(c => c.weight!.shape[1] == 1).Select(c => c.weight!).ToList();
        Assert.Equal(3, firstLayer.Count);
        Assert.All(firstLayer, kernel =>
        {
            Assert.Equal(1, kernel.stride(1));
            Assert.True(kernel.is_contiguous());
            Assert.True(kernel.requires_grad);
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

    [Fact]
    public void CheckpointsMoveBetweenLayoutsWithTheirExactValues()
    {
        manual_seed(4);
        using var trained = TrainingNetwork.Create(LightSerNet.Architectures.ArchitectureCatalog.Get("light-sernet-lite"), 3);
        using var optimizer = optim.Adam(trained.parameters(), 1e-3);
        using (var scope = NewDisposeScope())
        {
            trained.train();
            var loss = nn.functional.cross_entropy(trained.call(randn(4, 184, 40)), tensor(new long[] { 0, 1, 2, 1 }));
            loss.backward();
            optimizer.step();
        }
        string path = Path.Combine(Path.GetTempPath(), $"lightsernet-layout-{Guid.NewGuid():N}.ckpt");
        try
        {
            FoldCheckpoint.Save(path, new FoldState { Fold = 2, RunKey = "k", EpochsCompleted = 1 }, trained, optimizer, null);

            // Into a network in torch's default layout (as checkpoints of earlier versions were written) and back.
            using var plain = TrainingNetwork.Create(LightSerNet.Architectures.ArchitectureCatalog.Get("light-sernet-lite"), 3, channelsLast: false);
            using var plainOptimizer = optim.Adam(plain.parameters(), 1e-3);
            FoldCheckpoint.Load(path, "k", plain, plainOptimizer, withAverage: false);
            using var resumed = TrainingNetwork.Create(LightSerNet.Architectures.ArchitectureCatalog.Get("light-sernet-lite"), 3);
            using var resumedOptimizer = optim.Adam(resumed.parameters(), 1e-3);
            Assert.Equal(2, FoldCheckpoint.Load(path, "k", resumed, resumedOptimizer, withAverage: false).State.Fold);

            var expected = trained.state_dict();
            foreach (var (name, value) in plain.state_dict())
                Assert.True(value.equal(expected[name]).all().item<bool>(), $"{name} differs after loading into the default layout");
            foreach (var (name, value) in resumed.state_dict())
                Assert.True(value.equal(expected[name]).all().item<bool>(), $"{name} differs after loading into the channels-last layout");
            Assert.All(resumed.modules().OfType<Conv2d>().Where(c => c.weight!.shape[1] == 1), c => Assert.Equal(1, c.weight!.stride(1)));
            var moments = optimizer.state_dict().State.Cast<Adam.State>().Zip(resumedOptimizer.state_dict().State.Cast<Adam.State>());
            Assert.All(moments, pair =>
            {
                Assert.True(pair.First.exp_avg.equal(pair.Second.exp_avg).all().item<bool>());
                Assert.True(pair.First.exp_avg_sq.equal(pair.Second.exp_avg_sq).all().item<bool>());
                Assert.Equal(pair.First.step, pair.Second.step);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
