namespace LightSerNet.Audio;

/// <summary>Decoded mono audio: samples in [-1, 1] at one sample rate.</summary>
/// <param name="Samples">The samples; the clip owns this array.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    /// <summary>Length in seconds.</summary>
    public double Duration => (double)Samples.Length / SampleRate;
}
