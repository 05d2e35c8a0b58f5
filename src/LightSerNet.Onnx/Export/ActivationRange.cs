namespace LightSerNet.Onnx.Export;

/// <summary>The smallest and largest value one activation tensor took over the calibration clips.</summary>
/// <param name="Min">Smallest value seen.</param>
/// <param name="Max">Largest value seen.</param>
public readonly record struct ActivationRange(float Min, float Max)
{
    /// <summary>The range covering this one and <paramref name="other"/>.</summary>
    public ActivationRange Union(ActivationRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <summary>An empty range that any union replaces.</summary>
    public static ActivationRange Empty => new(float.PositiveInfinity, float.NegativeInfinity);
}
