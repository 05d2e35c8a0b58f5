using System.Numerics.Tensors;

namespace LightSerNet.Audio.Resampling;

/// <summary>
/// Band-limited rational resampler: a Kaiser-windowed sinc sampled into polyphase rows. Output sample
/// n sits at input position n * M / L, computed in exact integer arithmetic so a long file never
/// drifts. The transition band is centred on the lower Nyquist frequency and spans 0.95 to 1.05 of it
/// (7.6 to 8.4 kHz when going down to 16 kHz), so everything up to the mel filter bank's 7.6 kHz edge
/// passes flat and whatever folds back lands above it.
/// </summary>
public sealed class PolyphaseResampler
{
    private const double PassEdge = 0.95;
    private const double StopEdge = 1.05;
    private const double StopbandDb = 90;

    // Rates with a huge L (e.g. 16000/44101) share a 4096-row table and interpolate between rows.
    private const int MaxTableRows = 4096;

    private readonly int _up;
    private readonly int _down;
    private readonly int _half;
    private readonly int _rows;
    private readonly float[] _table;

    /// <summary>Designs the filter for one rate pair; the instance is immutable and thread-safe.</summary>
    public PolyphaseResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        int gcd = Gcd(inputRate, outputRate);
        _up = outputRate / gcd;
        _down = inputRate / gcd;
        if (_up == _down)
        {
            _table = [];
            return;
        }

        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        double cutoff = nyquist / inputRate;
        double transition = (StopEdge - PassEdge) * nyquist / inputRate;
        _half = (int)Math.Ceiling(KaiserWindow.Length(StopbandDb, transition) / 2) + 1;
        _rows = Math.Min(_up, MaxTableRows);
        _table = BuildTable(cutoff, _half, _rows);
    }

    /// <summary>Input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>Taps per output sample (0 when the rates are equal).</summary>
    public int TapsPerOutput => 2 * _half;

    /// <summary>Output samples for an input of <paramref name="inputLength"/> samples: ceil(n * L / M).</summary>
    public long OutputLength(long inputLength) => (inputLength * _up + _down - 1) / _down;

    /// <summary>Resamples a whole signal; samples before the start and after the end count as zeros.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        if (_up == _down)
            return input.ToArray();

        int width = 2 * _half;
        var padded = new float[input.Length + width];
        input.CopyTo(padded.AsSpan(_half));
        var output = new float[OutputLength(input.Length)];
        bool exact = _rows == _up;
        for (long n = 0; n < output.Length; n++)
        {
            long position = n * _down;
            long index = position / _up;
            long phase = position - index * _up;
            // Taps cover input index - half + 1 .. index + half, i.e. padded index + 1 onwards.
            var window = new ReadOnlySpan<float>(padded, (int)index + 1, width);
            if (exact)
            {
                output[n] = TensorPrimitives.Dot(window, Row((int)phase));
            }
            else
            {
                double row = (double)phase * _rows / _up;
                int lower = (int)row;
                float weight = (float)(row - lower);
                float a = TensorPrimitives.Dot(window, Row(lower));
                float b = TensorPrimitives.Dot(window, Row(lower + 1));
                output[n] = a + weight * (b - a);
            }
        }
        return output;
    }

    private ReadOnlySpan<float> Row(int row) => new(_table, row * 2 * _half, 2 * _half);

    // Row p holds h(p/rows + half - 1 - j) for tap j; one extra row (p = rows) serves interpolation.
    private static float[] BuildTable(double cutoff, int half, int rows)
    {
        int width = 2 * half;
        var table = new float[(rows + 1) * width];
        double beta = KaiserWindow.Beta(StopbandDb);
        double i0Beta = KaiserWindow.BesselI0(beta);
        var row = new double[width];
        for (int p = 0; p <= rows; p++)
        {
            double fraction = (double)p / rows;
            double sum = 0;
            for (int j = 0; j < width; j++)
            {
                double x = fraction + half - 1 - j;
                row[j] = 2 * cutoff * Sinc(2 * cutoff * x) * KaiserWindow.Value(x / half, beta, i0Beta);
                sum += row[j];
            }
            // Each row sums to exactly 1, so DC passes at unit gain at every phase.
            for (int j = 0; j < width; j++)
                table[p * width + j] = (float)(row[j] / sum);
        }
        return table;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
