using System.Management.Automation;
using LightSerNet.Audio;
using LightSerNet.Inference.Prediction;

namespace LightSerNet.PowerShell.Input;

/// <summary>
/// A cmdlet that runs a model over audio: WAV files (-Path, -LiteralPath), SerAudio or SerSegment objects, cut into
/// windows of -Window seconds every -Hop seconds, with the model named by -Model. The parameters, their sets and their
/// help are declared once, here, so labelling and measuring a speaker read and cut audio alike.
/// </summary>
public abstract class AudioInputCmdlet : WavFileCmdlet
{
    /// <summary>Audio objects from Import-SerDataset; each file is decoded and windowed.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Audio")]
    public SerAudio[] Audio { get; set; } = [];

    /// <summary>Segments from ConvertTo-Segment; one of the model's clip length and rate is used as it is, others are windowed like audio.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Segment")]
    public SerSegment[] Segment { get; set; } = [];

    /// <summary>The .onnx model from Export-SerModel; default: models/light-sernet-emodb.onnx in the module folder.</summary>
    [Parameter]
    public string? Model { get; set; }

    /// <summary>Window length in seconds for long audio; default: the model's clip length.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double Window { get; set; }

    /// <summary>Seconds between window starts; default: half the window.</summary>
    [Parameter]
    [ValidateRange(0.01, 3600.0)]
    public double Hop { get; set; }

    /// <summary>This call's inputs, whichever parameter set they came by.</summary>
    private protected IEnumerable<PredictionInput> Inputs() => ParameterSetName switch
    {
        "Segment" => Segment.Select(PredictionInput.FromSegment),
        "Audio" => Audio.Select(a => PredictionInput.FromFile(a.Path)),
        _ => Files().Select(PredictionInput.FromFile),
    };

    /// <summary>-Window and -Hop as prediction options (null where not given).</summary>
    private protected PredictionOptions WindowOptions() => new()
    {
        Window = MyInvocation.BoundParameters.ContainsKey(nameof(Window)) ? Window : null,
        Hop = MyInvocation.BoundParameters.ContainsKey(nameof(Hop)) ? Hop : null,
    };
}
