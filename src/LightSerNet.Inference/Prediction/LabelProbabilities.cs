using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LightSerNet.Inference.Prediction;

/// <summary>
/// Probability per label, in the model's output order. Enumerates in that order; its text form
/// ("anger=0.8123; boredom=0.0102; ...") is what a CSV cell shows.
/// </summary>
public sealed class LabelProbabilities : IReadOnlyDictionary<string, double>
{
    private readonly IReadOnlyList<string> _labels;
    private readonly double[] _values;

    /// <summary>Pairs <paramref name="labels"/> with <paramref name="values"/> (same length, same order).</summary>
    public LabelProbabilities(IReadOnlyList<string> labels, double[] values)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (labels.Count != values.Length)
            throw new ArgumentException($"{labels.Count} labels but {values.Length} probabilities.", nameof(values));
        _labels = labels;
        _values = values;
    }

    /// <summary>The probability of <paramref name="key"/> (case-insensitive).</summary>
    public double this[string key] => TryGetValue(key, out double value) ? value : throw new KeyNotFoundException($"The model has no label '{key}'; its labels are {string.Join(", ", _labels)}.");

    /// <summary>The probability at output index <paramref name="index"/>.</summary>
    public double this[int index] => _values[index];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _labels;

    /// <inheritdoc />
    public IEnumerable<double> Values => _values;

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        int index = IndexOf(key);
        value = index >= 0 ? _values[index] : 0;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int i = 0; i < _values.Length; i++)
            yield return new KeyValuePair<string, double>(_labels[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", this.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:0.####}")));

    private int IndexOf(string key)
    {
        for (int i = 0; i < _labels.Count; i++)
        {
            if (string.Equals(_labels[i], key, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
