using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>
/// The running mean of a network's parameters over the epochs it is given (stochastic weight averaging, Izmailov et
/// al. 2018). Only parameters are averaged: batch-norm statistics of averaged weights must be measured afresh, so
/// whoever evaluates the average re-estimates them (<see cref="PreciseBatchNorm"/>). The mean is kept in float64, so
/// it does not depend on how many epochs it spans, and saved with the fold's checkpoint so a resumed run continues it.
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly List<Tensor> _means;

    private WeightAverage(List<Tensor> means, int count)
    {
        _means = means;
        Count = count;
    }

    /// <summary>Epochs averaged so far.</summary>
    public int Count { get; private set; }

    /// <summary>An empty average shaped as <paramref name="network"/>'s parameters.</summary>
    public static WeightAverage For(nn.Module network)
    {
        using var noGrad = no_grad();
        return new WeightAverage(network.parameters().Select(p => zeros(p.shape, ScalarType.Float64)).ToList(), 0);
    }

    /// <summary>Adds <paramref name="network"/>'s current parameters (same architecture) to the mean.</summary>
    public void Add(nn.Module network)
    {
        using var noGrad = no_grad();
        var parameters = network.parameters().ToList();
        CheckShapes(parameters);
        // Long-lived 0-d weights rather than temporary Scalars (see TrainingNetwork on Scalar lifetimes).
        using var keep = tensor((double)Count / (Count + 1), ScalarType.Float64);
        using var share = tensor(1.0 / (Count + 1), ScalarType.Float64);
        for (int i = 0; i < parameters.Count; i++)
        {
            using var scope = NewDisposeScope();
            _means[i].mul_(keep).add_(parameters[i].detach().to(ScalarType.Float64).mul(share));
        }
        Count++;
    }

    /// <summary>Writes the mean into <paramref name="network"/>'s parameters (same architecture); its buffers are left as they are.</summary>
    public void CopyTo(nn.Module network)
    {
        if (Count == 0)
            throw new InvalidOperationException("The average holds no epochs yet.");
        using var noGrad = no_grad();
        var parameters = network.parameters().ToList();
        CheckShapes(parameters);
        for (int i = 0; i < parameters.Count; i++)
        {
            using var scope = NewDisposeScope();
            parameters[i].copy_(_means[i].to(parameters[i].dtype));
        }
    }

    /// <summary>Writes the count and the means (float64, row-major).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(_means.Count);
        foreach (var mean in _means)
        {
            using var contiguous = mean.contiguous();
            double[] values = contiguous.data<double>().ToArray();
            writer.Write(values.Length);
            foreach (double value in values)
                writer.Write(value);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into an average shaped as <paramref name="network"/>'s parameters.</summary>
    public static WeightAverage Load(BinaryReader reader, nn.Module network)
    {
        int count = reader.ReadInt32();
        int tensors = reader.ReadInt32();
        var average = For(network);
        if (count < 0 || tensors != average._means.Count)
        {
            average.Dispose();
            throw new InvalidDataException($"The checkpoint's weight average holds {tensors} tensors over {count} epochs; the network has {average._means.Count} parameters.");
        }
        foreach (var mean in average._means)
        {
            int length = reader.ReadInt32();
            if (length != mean.numel())
            {
                average.Dispose();
                throw new InvalidDataException($"The checkpoint's weight average has a tensor of {length} values where the network's has {mean.numel()}.");
            }
            var values = new double[length];
            for (int i = 0; i < length; i++)
                values[i] = reader.ReadDouble();
            using var loaded = tensor(values, mean.shape);
            mean.copy_(loaded);
        }
        average.Count = count;
        return average;
    }

    private void CheckShapes(IReadOnlyList<Tensor> parameters)
    {
        if (parameters.Count != _means.Count || parameters.Where((p, i) => !p.shape.SequenceEqual(_means[i].shape)).Any())
            throw new ArgumentException("The network's parameters are not shaped as the average's.");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var mean in _means)
            mean.Dispose();
    }
}
