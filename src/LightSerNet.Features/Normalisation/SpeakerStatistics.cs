namespace LightSerNet.Features.Normalisation;

/// <summary>
/// One speaker's mean and 1 / standard deviation per coefficient over every frame of their clips' features: what a
/// model trained with Invoke-SerTraining -Normalization Speaker expects its input standardised by. Training measures
/// each speaker's over their training clips; labelling measures them over the clips of the recordings at hand
/// (Measure-SerSpeaker), then standardises every clip with them.
/// </summary>
public sealed class SpeakerStatistics
{
    private readonly double[] _mean, _scale;

    /// <summary>Statistics from their parts (copied).</summary>
    /// <param name="mean">Mean per coefficient.</param>
    /// <param name="scale">1 / standard deviation per coefficient (1 where a coefficient never varies: it is only centred).</param>
    /// <param name="clips">Clips measured.</param>
    public SpeakerStatistics(IReadOnlyList<double> mean, IReadOnlyList<double> scale, int clips)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Count == 0 || mean.Count != scale.Count)
            throw new ArgumentException($"The statistics need a mean and a scale per coefficient; got {mean.Count} and {scale.Count}.", nameof(scale));
        ArgumentOutOfRangeException.ThrowIfLessThan(clips, 1);
        _mean = mean.ToArray();
        _scale = scale.ToArray();
        Clips = clips;
    }

    /// <summary>Mean per coefficient.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>1 / standard deviation per coefficient.</summary>
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>Clips measured.</summary>
    public int Clips { get; }

    /// <summary>Values per frame the statistics describe.</summary>
    public int Coefficients => _mean.Length;

    /// <summary>Standardises <paramref name="features"/> (frames x coefficients, row-major) in place.</summary>
    public void Apply(Span<float> features)
    {
        int width = Coefficients;
        if (features.Length % width != 0)
            throw new ArgumentException($"{features.Length} values are not whole frames of {width} coefficients.", nameof(features));
        for (int i = 0; i < features.Length; i++)
            features[i] = (float)((features[i] - _mean[i % width]) * _scale[i % width]);
    }

    /// <summary>Standardises <paramref name="source"/> into <paramref name="target"/> (the same length).</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> target)
    {
        if (source.Length != target.Length)
            throw new ArgumentException("The source and target differ in length.", nameof(target));
        source.CopyTo(target);
        Apply(target);
    }
}

/// <summary>Accumulates clips' features (in float64) into a speaker's <see cref="SpeakerStatistics"/>.</summary>
public sealed class SpeakerStatisticsBuilder(int coefficients)
{
    private readonly double[] _sum = new double[coefficients > 0 ? coefficients : throw new ArgumentOutOfRangeException(nameof(coefficients), coefficients, "A frame has at least one coefficient.")];
    private readonly double[] _squares = new double[coefficients];
    private long _frames;

    /// <summary>Clips added so far.</summary>
    public int Clips { get; private set; }

    /// <summary>Adds one clip's features (frames x coefficients, row-major).</summary>
    public void Add(ReadOnlySpan<float> features)
    {
        int width = _sum.Length;
        if (features.Length == 0 || features.Length % width != 0)
            throw new ArgumentException($"{features.Length} values are not whole frames of {width} coefficients.", nameof(features));
        for (int i = 0; i < features.Length; i++)
        {
            _sum[i % width] += features[i];
            _squares[i % width] += (double)features[i] * features[i];
        }
        _frames += features.Length / width;
        Clips++;
    }

    /// <summary>The statistics of the clips added.</summary>
    public SpeakerStatistics Build()
    {
        if (Clips == 0)
            throw new InvalidOperationException("Speaker statistics need at least one clip.");
        int width = _sum.Length;
        var mean = new double[width];
        var scale = new double[width];
        for (int k = 0; k < width; k++)
        {
            mean[k] = _sum[k] / _frames;
            double deviation = Math.Sqrt(Math.Max(_squares[k] / _frames - mean[k] * mean[k], 0));
            scale[k] = deviation > 1e-6 ? 1 / deviation : 1;
        }
        return new SpeakerStatistics(mean, scale, Clips);
    }
}
