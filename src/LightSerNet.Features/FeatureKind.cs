namespace LightSerNet.Features;

/// <summary>Which of the paper's input representations to compute (dataio.py's three options).</summary>
public enum FeatureKind
{
    /// <summary>MFCC: DCT-II of the log-mel spectrogram, first coefficients kept, clipped (the paper's input).</summary>
    Mfcc,
    /// <summary>Magnitude spectrogram |STFT|: FftLength / 2 + 1 bins per frame.</summary>
    Spectrogram,
    /// <summary>Log-mel spectrogram: log(|STFT| · mel + LogOffset), MelBins per frame.</summary>
    MelSpectrogram,
}
