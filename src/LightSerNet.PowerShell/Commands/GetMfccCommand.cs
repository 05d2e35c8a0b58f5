using System.Management.Automation;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Features;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Computes the paper's MFCC input (or a spectrogram or log-mel spectrogram) of segments, audio or WAV files.
/// </summary>
/// <remarks>
/// Follows tf.signal exactly, with the paper's settings as defaults: frames of 1024 samples every 256 (no padding, so
/// a 3 s segment gives 184 frames and a 7 s one 434), a 1024-point FFT of a periodic Hann window, the magnitude, 128
/// HTK mel bands from 80 to 7600 Hz with the DC bin left out, log(x + 1e-6), then a DCT-II scaled as
/// tf.signal.mfccs_from_log_mel_spectrograms, of which the first 40 coefficients are kept and clipped to [-10, 10].
/// -Kind Spectrogram gives the 513-bin magnitude spectrogram, -Kind MelSpectrogram the 128-band log-mel spectrogram;
/// neither is clipped. Each setting is a parameter; they are checked together before any input is read, and a
/// combination that cannot work (an upper edge above the Nyquist frequency, a lower edge at or above the upper one,
/// an FFT shorter than the frame, a frame longer than the segment) stops the command with the error id
/// InvalidFeatureConfig. Input can be segments from ConvertTo-Segment, SerAudio objects from Import-SerDataset, paths
/// or files from Get-ChildItem; audio and files are first cut as ConvertTo-Segment -Mode Centre -Duration does. Each
/// output is a SerFeatures object: Data holds frames x coefficients values row by row, Config the settings (which a
/// model file carries), and Label, Speaker and Source come from the segment. A file that cannot be read produces one
/// non-terminating error naming it, and the others go on.
/// </remarks>
/// <example>
/// <code>Import-SerDataset -Name EmoDb -Path ../shared/data/emodb | ConvertTo-Segment -Duration 3 | Get-Mfcc</code>
/// <para>The paper's training input: one 184 x 40 MFCC matrix per EMO-DB utterance, with its label and speaker.</para>
/// </example>
/// <example>
/// <code>Get-ChildItem ./calls -Filter *.wav | Get-Mfcc -Kind MelSpectrogram -Duration 7</code>
/// <para>434 x 128 log-mel spectrograms of the centre 7 seconds of every recording in a folder, at any sample rate.</para>
/// </example>
/// <example>
/// <code>$f = Get-Mfcc -Path ./take1.wav; $f.Data[0..39]; $f.Config.ToJson()</code>
/// <para>The first frame's 40 coefficients, and the settings as the JSON a model file stores.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "Mfcc", DefaultParameterSetName = "Path")]
[OutputType(typeof(SerFeatures))]
public sealed class GetMfccCommand : WavFileCmdlet
{
    /// <summary>The error id of settings that cannot work together.</summary>
    public const string InvalidFeatureConfig = "InvalidFeatureConfig";

    /// <summary>The error id of a segment whose rate or length does not fit the settings.</summary>
    public const string SegmentDoesNotFit = SerErrors.SegmentDoesNotFit;

    /// <summary>Segments from ConvertTo-Segment; features are computed from their samples as they are.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Segment")]
    public SerSegment[] Segment { get; set; } = [];

    /// <summary>Audio objects from Import-SerDataset; each is decoded and cut to its centre -Duration seconds first.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Audio")]
    public SerAudio[] Audio { get; set; } = [];

    /// <summary>Mfcc (default, the paper's input), Spectrogram (magnitude, FftLength / 2 + 1 bins) or MelSpectrogram (log-mel, -MelBins bands).</summary>
    [Parameter]
    public FeatureKind Kind { get; set; } = FeatureKind.Mfcc;

    /// <summary>Segment length in seconds for audio and file input (centre cut or zero-padded, as ConvertTo-Segment -Mode Centre); segments are used as they are.</summary>
    [Parameter]
    [ValidateRange(0.01, 3600)]
    public double Duration { get; set; } = 3;

    /// <summary>Sample rate in Hz that audio is resampled to and that segments must have.</summary>
    [Parameter]
    [ValidateRange(1000, 384000)]
    public int SampleRate { get; set; } = 16000;

    /// <summary>Samples per frame (the Hann window's length).</summary>
    [Parameter]
    [ValidateRange(2, FeatureConfig.MaxFftLength)]
    public int FrameLength { get; set; } = 1024;

    /// <summary>Samples between the starts of successive frames.</summary>
    [Parameter]
    [ValidateRange(1, FeatureConfig.MaxFftLength)]
    public int FrameStep { get; set; } = 256;

    /// <summary>FFT size: a power of two, at least -FrameLength (a shorter frame is zero-padded).</summary>
    [Parameter]
    [ValidateRange(FeatureConfig.MinFftLength, FeatureConfig.MaxFftLength)]
    public int FftLength { get; set; } = 1024;

    /// <summary>Number of mel bands.</summary>
    [Parameter]
    [ValidateRange(1, FeatureConfig.MaxMelBins)]
    public int MelBins { get; set; } = 128;

    /// <summary>Lower edge of the lowest mel band in Hz.</summary>
    [Parameter]
    [ValidateRange(0.0, 192000.0)]
    public double LowerHz { get; set; } = 80;

    /// <summary>Upper edge of the highest mel band in Hz; at most half of -SampleRate.</summary>
    [Parameter]
    [ValidateRange(0.001, 192000.0)]
    public double UpperHz { get; set; } = 7600;

    /// <summary>Added to the mel energies before the natural log (tf's log(x + 1e-6)).</summary>
    [Parameter]
    [ValidateRange(1e-30, 1.0)]
    public double LogOffset { get; set; } = 1e-6;

    /// <summary>MFCCs kept, the first ones of the DCT; at most -MelBins. Used by -Kind Mfcc only.</summary>
    [Parameter]
    [ValidateRange(1, FeatureConfig.MaxMelBins)]
    public int Coefficients { get; set; } = 40;

    /// <summary>MFCCs are clipped to [-Clip, Clip]. Used by -Kind Mfcc only.</summary>
    [Parameter]
    [ValidateRange(1e-6, 1e30)]
    public double Clip { get; set; } = 10;

    private FeatureExtractor? _extractor;
    private FeatureWorkspace? _workspace;
    private SegmentOptions _segmentOptions = new();
    private bool _segmentLengthChecked;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var config = new FeatureConfig
        {
            Kind = Kind,
            SampleRate = SampleRate,
            FrameLength = FrameLength,
            FrameStep = FrameStep,
            FftLength = FftLength,
            MelBins = MelBins,
            LowerHz = LowerHz,
            UpperHz = UpperHz,
            LogOffset = LogOffset,
            Coefficients = Coefficients,
            Clip = Clip,
        };
        try
        {
            _extractor = new FeatureExtractor(config);
        }
        catch (ArgumentException e)
        {
            ThrowInvalidConfig(e.ParamName, PlainMessage(e), config);
        }
        _workspace = _extractor!.CreateWorkspace();
        _segmentOptions = new SegmentOptions(Duration, SegmentMode.Centre, null, SampleRate);
        if (Kind != FeatureKind.Mfcc && (IsBound(nameof(Coefficients)) || IsBound(nameof(Clip))))
            WriteWarning($"-Coefficients and -Clip apply to -Kind Mfcc only; they are ignored for -Kind {Kind}.");
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Segment")
        {
            foreach (var segment in Segment)
            {
                if (Stopping)
                    return;
                Emit(segment);
            }
            return;
        }
        CheckSegmentLength();
        foreach (var audio in HasFileInput ? FileAudio() : Audio)
        {
            if (Stopping)
                return;
            foreach (var segment in ReportedSegmenter.Segment(this, audio, _segmentOptions))
                Emit(segment);
        }
    }

    private void Emit(SerSegment segment)
    {
        var config = _extractor!.Config;
        string? problem = segment.SampleRate != config.SampleRate
            ? $"The segment of '{segment.Source}' is at {segment.SampleRate} Hz, but -SampleRate is {config.SampleRate} Hz; resample it (ConvertTo-Segment does) or pass -SampleRate {segment.SampleRate}."
            : segment.Samples.Length < config.FrameLength
                ? $"The segment of '{segment.Source}' has {segment.Samples.Length} samples, fewer than one frame (-FrameLength {config.FrameLength})."
                : null;
        if (problem is not null)
        {
            WriteError(new ErrorRecord(new ArgumentException(problem), SegmentDoesNotFit, ErrorCategory.InvalidData, segment));
            return;
        }
        int frames = _extractor.FrameCount(segment.Samples.Length);
        var data = new float[frames * config.Width];
        _extractor.Compute(segment.Samples, data, _workspace!);
        WriteObject(new SerFeatures(segment.Source, segment.Dataset, segment.Label, segment.Speaker, segment.Index, config, frames, data));
    }

    // Audio and files are cut to -Duration: a frame longer than that can never fit, so stop before reading any file.
    private void CheckSegmentLength()
    {
        if (_segmentLengthChecked)
            return;
        _segmentLengthChecked = true;
        int length = _segmentOptions.Length;
        if (length < FrameLength)
            ThrowInvalidConfig(nameof(FrameLength), $"FrameLength ({FrameLength} samples) is longer than a {Duration} s segment (-Duration), {length} samples at {SampleRate} Hz; lengthen -Duration or shorten -FrameLength.", _extractor!.Config);
    }

    private void ThrowInvalidConfig(string? parameter, string message, FeatureConfig config) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(parameter is null ? message : $"Invalid -{parameter}: {message}"),
            InvalidFeatureConfig, ErrorCategory.InvalidArgument, config));

    // ArgumentException appends "(Parameter 'X')" and the actual value on new lines; the message already names both.
    private static string PlainMessage(ArgumentException e)
    {
        string message = e.Message.Split('\n')[0];
        int suffix = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix < 0 ? message : message[..suffix];
    }

    private bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
}
