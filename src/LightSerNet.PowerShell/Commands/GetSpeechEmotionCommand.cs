using System.Management.Automation;
using LightSerNet.Features.Normalisation;
using LightSerNet.Inference;
using LightSerNet.Inference.Prediction;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Output;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Labels the emotion of speech in WAV files, audio objects or segments with an exported Light-SERNet model.
/// </summary>
/// <remarks>
/// Reads the labels, the feature settings and the clip length from the model file (its metadata, written by
/// Export-SerModel), never from code, so a model always names its own classes in its own order. Each file is decoded
/// at any sample rate and bit depth, mixed to mono and resampled to the model's rate; a file no longer than the
/// model's clip (3 s for the paper's network) is padded and normalised exactly as in training; a longer one is cut
/// into windows of -Window seconds (default: the model's clip) every -Hop seconds (default: half a window), each
/// normalised on its own, and the file's probabilities are the mean over its windows, so nothing is truncated.
/// -PerWindow writes one row per window with its Start and End instead. Each output is a SerPrediction: Path, Start,
/// End, Emotion (the most probable label), Confidence (its probability), Probabilities (every label, in output
/// order), Model, Top (with -Top) and Clips, plus one property per label holding its probability, so Export-Csv
/// writes one column per class. Results come out in input order. Decoding, features and the network run on
/// -ThrottleLimit cores (default: all), one single-threaded ONNX Runtime session per core, in small batches, so memory
/// stays bounded however many files stream through. A file that cannot be read produces one non-terminating error
/// naming it (error ids Wave*, PathNotFound, FileReadFailed) and the others are labelled. A model that cannot be used
/// stops the command with ModelNotFound, ModelCorrupt, ModelMetadataMissing, ModelMetadataInvalid,
/// ModelInputShapeMismatch or ModelRejected. Without -Model the module's default model (models/light-sernet-emodb.onnx
/// beside the module) is used. A model trained on speaker-standardised features (Invoke-SerTraining -Normalization
/// Speaker) needs the speaker's statistics from Measure-SerSpeaker in -SpeakerStatistics (SpeakerStatisticsRequired
/// without them, SpeakerStatisticsMismatch when they do not fit the model).
/// </remarks>
/// <example>
/// <code>Get-ChildItem ./calls -Filter *.wav | Get-SpeechEmotion | Export-Csv emotions.csv</code>
/// <para>Labels every recording in a folder with the default model and writes one row per file, one column per emotion.</para>
/// </example>
/// <example>
/// <code>Get-SpeechEmotion -Path ./interview.wav -Model ./model.onnx -PerWindow -Window 3 -Hop 1</code>
/// <para>The emotion of every 3 s window, one second apart, of a long recording.</para>
/// </example>
/// <example>
/// <code>Import-SerDataset EmoDb ./emodb | Get-SpeechEmotion -Model ./model.onnx -Top 2 | Select-Object Path, Emotion, Top</code>
/// <para>The two most probable emotions of each EMO-DB utterance.</para>
/// </example>
/// <example>
/// <code>$alice = Get-ChildItem ./alice/*.wav | Measure-SerSpeaker -Model ./speaker-model.onnx; Get-ChildItem ./alice/*.wav | Get-SpeechEmotion -Model ./speaker-model.onnx -SpeakerStatistics $alice</code>
/// <para>Labels one speaker's recordings with a model trained on speaker-standardised features.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SpeechEmotion", DefaultParameterSetName = "Path")]
[OutputType(typeof(SerPrediction))]
public sealed class GetSpeechEmotionCommand : AudioInputCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private SerPredictor? _predictor;
    private PredictionStream? _stream;
    private ThrottledProgress? _progress;

    /// <summary>One row per window (with Start and End) instead of one per file.</summary>
    [Parameter]
    public SwitchParameter PerWindow { get; set; }

    /// <summary>Also list the k most probable emotions in the Top property.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int Top { get; set; }

    /// <summary>
    /// The speaker's statistics from Measure-SerSpeaker, for a model trained with Invoke-SerTraining -Normalization
    /// Speaker (required by such a model, refused by any other): every clip's features are standardised by them.
    /// </summary>
    [Parameter]
    public SpeakerStatistics? SpeakerStatistics { get; set; }

    /// <summary>Cores to use (one ONNX Runtime session each); default: all.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var model = ModelFiles.Load(this, Model);
        var options = WindowOptions() with
        {
            PerWindow = PerWindow,
            Top = Top,
            Speaker = SpeakerStatistics,
        };
        try
        {
            _predictor = new SerPredictor(model, ThrottleLimit);
            _stream = _predictor.Open(options, _stop.Token);
        }
        catch (SerModelException e)
        {
            throw Terminate(SerErrors.ForModel(e));
        }
        catch (SpeakerStatisticsException e)
        {
            throw Terminate(new ErrorRecord(e, e.Missing ? SerErrors.SpeakerStatisticsRequired : SerErrors.SpeakerStatisticsMismatch,
                ErrorCategory.InvalidArgument, model.Path));
        }
        catch (ArgumentException e)
        {
            throw Terminate(new ErrorRecord(e, SerErrors.InvalidWindow, ErrorCategory.InvalidArgument, options));
        }
        _progress = new ThrottledProgress(this, $"Get-SpeechEmotion ({model.Name})");
        WriteVerbose($"Model {model}; clips of {model.Duration} s at {model.SampleRate} Hz; {_predictor.Threads} sessions.");
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            foreach (var input in Inputs())
            {
                if (Stopping)
                    return;
                Emit(_stream!.Add(input));
            }
        }
        catch (OperationCanceledException) when (Stopping)
        {
            // Ctrl+C while waiting for a batch: PowerShell stops the pipeline.
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            Emit(_stream!.Finish());
        }
        catch (OperationCanceledException) when (Stopping)
        {
            return;
        }
        _progress!.Complete();
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <inheritdoc />
    public void Dispose()
    {
        _stream?.Dispose();
        _predictor?.Dispose();
        _stop.Dispose();
    }

    private void Emit(IEnumerable<PredictionOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is { } error)
                WriteError(SerErrors.ForFile(error, outcome.Input.Path));
            foreach (var prediction in outcome.Predictions)
                WriteObject(PredictionObjects.Wrap(prediction, PerWindow));
            _progress!.Report(_stream!.Completed);
        }
    }

    private PipelineStoppedException Terminate(ErrorRecord record)
    {
        ThrowTerminatingError(record);
        return new PipelineStoppedException();
    }
}
