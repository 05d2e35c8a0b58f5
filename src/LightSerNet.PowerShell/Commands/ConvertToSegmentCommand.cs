using System.Management.Automation;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Cuts audio into fixed-length, normalised segments as the paper's preprocessing does.
/// </summary>
/// <remarks>
/// Decodes each input WAV file (PCM 8/16/24/32-bit, float 32/64, WAVE_FORMAT_EXTENSIBLE, A-law, mu-law; any chunk
/// order), mixes it to mono, resamples it to 16 kHz with a band-limited polyphase filter, and cuts it.
/// Centre (the paper's mode) keeps the centre of a long clip (floor(d/2) samples cut in front); Split cuts the
/// centre of a long clip into as many whole segments as fit (the reference's mode 0); Sliding takes a window every
/// -Hop seconds from the start, the last one reaching the end. Each segment is divided by the 99.9th percentile of
/// its |x| (numpy's linear interpolation), clipped to [-1, 1] and zero-padded symmetrically (floor in front) to
/// exactly -Duration seconds. Input can be SerAudio objects from Import-SerDataset, paths, or files from
/// Get-ChildItem. A file that cannot be read produces one non-terminating error naming it and the problem
/// (error ids WaveEmpty, WaveNotWave, WaveTruncated, WaveUnsupportedEncoding, ...), and the others go on.
/// </remarks>
/// <example>
/// <code>Import-SerDataset -Name EmoDb -Path ../shared/data/emodb | ConvertTo-Segment -Duration 3</code>
/// <para>The paper's EMO-DB input: 535 segments of 48000 samples.</para>
/// </example>
/// <example>
/// <code>Get-ChildItem ./calls -Filter *.wav | ConvertTo-Segment -Duration 3 -Mode Sliding -Hop 1.5 | Measure-Object</code>
/// <para>Counts the 3-second windows, 1.5 s apart, of every call recording in a folder, at any sample rate.</para>
/// </example>
/// <example>
/// <code>ConvertTo-Segment -LiteralPath 'take [1].wav' -Mode Split | Select-Object Index, Start, End</code>
/// <para>A path with wildcard characters, taken literally.</para>
/// </example>
[Cmdlet(VerbsData.ConvertTo, "Segment", DefaultParameterSetName = "Path")]
[OutputType(typeof(SerSegment))]
public sealed class ConvertToSegmentCommand : WavFileCmdlet
{
    /// <summary>Audio objects from Import-SerDataset; their label and speaker are carried into the segments.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Audio")]
    public SerAudio[] Audio { get; set; } = [];

    /// <summary>Segment length in seconds (the paper: 3 for EMO-DB, 3 or 7 for IEMOCAP).</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double Duration { get; set; } = 3;

    /// <summary>Centre (default, the paper's), Split (whole segments from the centre) or Sliding (windows every -Hop).</summary>
    [Parameter]
    public SegmentMode Mode { get; set; } = SegmentMode.Centre;

    /// <summary>Step between Sliding windows in seconds; defaults to -Duration (no overlap). Only used with -Mode Sliding.</summary>
    [Parameter]
    [ValidateRange(0.01, 3600)]
    public double Hop { get; set; }

    private SegmentOptions _options = new();

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        bool hasHop = MyInvocation.BoundParameters.ContainsKey(nameof(Hop));
        if (hasHop && Mode != SegmentMode.Sliding)
            WriteWarning("-Hop applies to -Mode Sliding only; it is ignored.");
        _options = new SegmentOptions(Duration, Mode, hasHop ? Hop : null).Validate();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var audio in HasFileInput ? FileAudio() : Audio)
        {
            if (Stopping)
                return;
            foreach (var segment in ReportedSegmenter.Segment(this, audio, _options))
                WriteObject(segment);
        }
    }
}
