namespace LightSerNet.Audio.Wave;

/// <summary>How the samples of a WAVE data chunk are encoded, after WAVE_FORMAT_EXTENSIBLE is unwrapped.</summary>
public enum WaveEncoding
{
    /// <summary>Linear PCM: 8-bit unsigned, 16/24/32-bit signed little-endian.</summary>
    Pcm = 1,
    /// <summary>IEEE floating point, 32 or 64 bits.</summary>
    IeeeFloat = 3,
    /// <summary>ITU-T G.711 A-law, 8 bits (telephony).</summary>
    ALaw = 6,
    /// <summary>ITU-T G.711 mu-law, 8 bits (telephony).</summary>
    MuLaw = 7,
}
