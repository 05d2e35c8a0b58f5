using LightSerNet.Architectures;
using LightSerNet.Training.Networks;
using static TorchSharp.torch;

namespace LightSerNet.Training.Tests;

public sealed class NetworkShapeTests
{
    [Fact]
    public void LightSerNetHasThePyTorchPortsParameterCountAndMacs()
    {
        var definition = LightSerNetArchitecture.Definition;
        using var network = new LightSerNetNetwork(7);
        long trainable = network.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        Assert.Equal(461_703, trainable);
        Assert.Equal(461_703, definition.ParameterCount(7));
        Assert.Equal(159_326_400, definition.Macs(7));
    }

    [Fact]
    public void EveryStateDictEntryIsAnInitializerTheGraphNames()
    {
        foreach (var definition in ArchitectureCatalog.All)
        {
            using var network = NetworkFactory.Create(definition.Name, 4);
            var stateNames = network.state_dict().Keys.Where(k => !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToHashSet();
            var graphNames = definition.Graph.SelectMany(n => n.Inputs).Where(stateNames.Contains).ToHashSet();
            Assert.Equal(stateNames.Order(), graphNames.Order());
            Assert.All(definition.L2Parameters, name => Assert.Contains(name, stateNames));
        }
    }

    [Fact]
    public void ForwardGivesOneLogitPerClassForEveryClip()
    {
        using var network = new LightSerNetLiteNetwork(5);
        network.eval();
        using var input = randn(3, 184, 40);
        using var output = network.call(input);
        Assert.Equal(new long[] { 3, 5 }, output.shape);
    }

    [Fact]
    public void LibtorchIsLoadedFromBesideTheTestsNotFromTheSystem()
    {
        using var warm = ones(1);
        string beside = AppContext.BaseDirectory;
        var libtorch = File.ReadLines("/proc/self/maps")
            .Where(line => line.Contains("libtorch_cpu.so", StringComparison.Ordinal))
            .Select(line => line[line.IndexOf('/')..])
            .Distinct()
            .ToList();
        var path = Assert.Single(libtorch);
        Assert.StartsWith(beside, path);
    }
}
