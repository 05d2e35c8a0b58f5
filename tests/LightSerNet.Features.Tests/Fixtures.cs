using System.Text.Json;

namespace LightSerNet.Features.Tests;

/// <summary>
/// The tf.signal golden values in ../shared/fixtures/tf-features (float64, computed by tf.signal with the paper's
/// settings): the mel matrix, and per clip the full MFCC matrix plus spectrogram and log-mel frames 0 and 100.
/// </summary>
internal sealed class Fixtures
{
    public required string Name { get; init; }
    public required double[,] Mfcc { get; init; }
    public required double[][] SpectrogramFrames { get; init; }
    public required double[][] LogMelFrames { get; init; }
    public float[]? InputSamples { get; init; }

    /// <summary>The frames <see cref="SpectrogramFrames"/> and <see cref="LogMelFrames"/> hold.</summary>
    public static readonly int[] FrameIndices = [0, 100];

    public static bool Exists(string name) => File.Exists(SharedData.Fixture(name + ".json"));

    public static Fixtures Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(SharedData.Fixture(name + ".json")));
        var root = json.RootElement;
        return new Fixtures
        {
            Name = name,
            Mfcc = Matrix(root.GetProperty("mfcc")),
            SpectrogramFrames = Rows(root.GetProperty("spectrogram_frames_0_and_100")),
            LogMelFrames = Rows(root.GetProperty("log_mel_frames_0_and_100")),
            InputSamples = root.TryGetProperty("input_samples", out var input)
                ? input.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray()
                : null,
        };
    }

    /// <summary>tf.signal.linear_to_mel_weight_matrix(128, 513, 16000, 80, 7600): 513 rows (bins) x 128 columns (bands).</summary>
    public static double[,] MelMatrix()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(SharedData.Fixture("mel_matrix.json")));
        return Matrix(json.RootElement.GetProperty("matrix"));
    }

    private static double[][] Rows(JsonElement element) =>
        element.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    private static double[,] Matrix(JsonElement element)
    {
        var rows = Rows(element);
        var matrix = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < rows[r].Length; c++)
                matrix[r, c] = rows[r][c];
        }
        return matrix;
    }
}
