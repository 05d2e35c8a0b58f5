namespace LightSerNet.Features.Dsp;

/// <summary>tf.signal.hann_window(periodic=True): w[n] = 0.5 - 0.5 cos(2 pi n / N), the window tf.signal.stft uses.</summary>
internal static class HannWindow
{
    /// <summary>
    /// The periodic window of <paramref name="length"/> samples times <paramref name="scale"/>, computed in double.
    /// (The extractor folds the real FFT's factor 1/2 into the window: scaling by a power of two is exact.)
    /// </summary>
    public static float[] Periodic(int length, double scale = 1)
    {
        var window = new float[length];
        for (int n = 0; n < length; n++)
            window[n] = (float)(scale * (0.5 - 0.5 * Math.Cos(2 * Math.PI * n / length)));
        return window;
    }
}
