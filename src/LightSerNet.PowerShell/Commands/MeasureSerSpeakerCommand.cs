using System.Management.Automation;
using LightSerNet.Features.Normalisation;
using LightSerNet.Inference.Normalisation;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Measures one speaker's feature statistics over their recordings, for labelling with a model trained on
/// speaker-standardised features.
/// </summary>
/// <remarks>
/// A model trained with Invoke-SerTraining -Normalization Speaker saw every speaker's features standardised per
/// coefficient by that speaker's own mean and standard deviation, so it must be fed features standardised the same
/// way. This cmdlet decodes every recording it is given, cuts it into the model's clips exactly as Get-SpeechEmotion
/// does (-Window and -Hop as there), computes the model's features (its own feature settings, from its metadata) and
/// returns one SpeakerStatistics object over all of them: Clips, Coefficients, Mean and Scale (1 / standard deviation)
/// per coefficient. Pass it to Get-SpeechEmotion -SpeakerStatistics. Give it the recordings of one speaker, a few
/// dozen clips or more (training measured each EMO-DB speaker over 35 to 71); the statistics of a mixture of speakers
/// standardise no one's voice. A file that cannot be read gives one non-terminating error (Wave*, PathNotFound,
/// FileReadFailed) and is left out; no readable file at all gives SpeakerStatisticsEmpty.
/// </remarks>
/// <example>
/// <code>$alice = Get-ChildItem ./alice -Filter *.wav | Measure-SerSpeaker -Model ./speaker-model.onnx
/// Get-ChildItem ./alice -Filter *.wav | Get-SpeechEmotion -Model ./speaker-model.onnx -SpeakerStatistics $alice</code>
/// <para>Labels one speaker's recordings with a speaker-normalised model.</para>
/// </example>
/// <example>
/// <code>Import-SerDataset EmoDb ./emodb | Group-Object Speaker | ForEach-Object { $s = $_.Group | Measure-SerSpeaker -Model ./m.onnx; $_.Group | Get-SpeechEmotion -Model ./m.onnx -SpeakerStatistics $s }</code>
/// <para>Every EMO-DB speaker labelled with their own statistics.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Measure, "SerSpeaker", DefaultParameterSetName = "Path")]
[OutputType(typeof(SpeakerStatistics))]
public sealed class MeasureSerSpeakerCommand : AudioInputCmdlet
{
    private SpeakerMeter? _meter;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var model = ModelFiles.Load(this, Model);
        _meter = new SpeakerMeter(model, WindowOptions());
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var input in Inputs())
        {
            if (Stopping)
                return;
            try
            {
                _meter!.Add(input);
            }
            catch (Exception e) when (SerErrors.IsFileProblem(e))
            {
                WriteError(SerErrors.ForFile(e, input.Path));
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_meter!.Clips == 0)
        {
            WriteError(SerErrors.Create("No recording could be measured, so there are no speaker statistics.", SerErrors.SpeakerStatisticsEmpty,
                ErrorCategory.InvalidData, null));
            return;
        }
        WriteVerbose($"Measured {_meter.Clips} clips of {_meter.Inputs} recordings.");
        WriteObject(_meter.Build());
    }
}
