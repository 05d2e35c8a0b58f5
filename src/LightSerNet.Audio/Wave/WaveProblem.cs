namespace LightSerNet.Audio.Wave;

/// <summary>Why a file could not be read as WAVE audio. The names are stable: PowerShell error ids derive from them.</summary>
public enum WaveProblem
{
    /// <summary>The file has no bytes.</summary>
    Empty,
    /// <summary>The file does not start with a RIFF/RF64 header and "WAVE".</summary>
    NotWave,
    /// <summary>The file ends inside a header or a chunk it declares.</summary>
    Truncated,
    /// <summary>No "fmt " chunk was found.</summary>
    MissingFormat,
    /// <summary>No "data" chunk was found.</summary>
    MissingData,
    /// <summary>The "fmt " chunk holds impossible values (0 channels, 0 Hz, a bad block size).</summary>
    InvalidFormat,
    /// <summary>The samples use a codec this reader does not decode (ADPCM, MP3, ...).</summary>
    UnsupportedEncoding,
    /// <summary>The data chunk holds no complete sample frame.</summary>
    NoSamples,
}
