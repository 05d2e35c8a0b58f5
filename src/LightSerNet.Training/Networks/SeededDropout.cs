using static TorchSharp.torch;

namespace LightSerNet.Training.Networks;

/// <summary>
/// Dropout that draws its masks from a generator of its own, so folds trained side by side on other threads never
/// share libtorch's global generator and each stays repeatable. It does exactly what torch's CPU dropout does
/// (a Bernoulli(1 - p) mask divided by 1 - p, times the input), so with a generator seeded as the global one would
/// be it gives the same numbers bit for bit. The generated networks use it in place of nn.Dropout.
/// </summary>
/// <param name="rate">Probability of zeroing an element.</param>
public sealed class SeededDropout(double rate) : nn.Module<Tensor, Tensor>("Dropout")
{
    /// <summary>Where masks come from; null is libtorch's global generator.</summary>
    public Generator? Generator { get; set; }

    /// <summary>Probability of zeroing an element.</summary>
    public double Rate => rate;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!training || rate == 0)
            return input.alias();
        using var noise = empty_like(input).bernoulli_(1 - rate, Generator);
        noise.div_(1 - rate);
        return input * noise;
    }
}
