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

    [Theory]
    [InlineData("light-sernet-spectrogram", 184, 513)]
    [InlineData("light-sernet-mel", 184, 128)]
    [InlineData("light-sernet-7s", 434, 40)]
    public void TheOtherInputSpecsAreTheSameNetworkOnAnotherInput(string name, int frames, int coefficients)
    {
        var definition = ArchitectureCatalog.Get(name);
        using var network = NetworkFactory.Create(name, 7);
        network.eval();
        using var input = randn(2, frames, coefficients);
        using var output = network.call(input);

        Assert.Equal((frames, coefficients), (definition.Input.Frames, definition.Input.Coefficients));
        Assert.Equal(new long[] { 2, 7 }, output.shape);
        Assert.Equal(461_703, network.parameters().Sum(p => p.numel()));
        // Fully convolutional: the work grows with the input area, the parameters do not.
        double area = (double)(frames * coefficients) / (184 * 40);
        Assert.InRange(definition.Macs(7) / (area * LightSerNetArchitecture.Definition.Macs(7)), 0.9, 1.1);
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
