using System.Management.Automation;
using LightSerNet.Evaluation;
using LightSerNet.Features;
using LightSerNet.Inference.Calibration;
using LightSerNet.Onnx.Export;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Commands;

/// <summary>
/// Exports a trained model as a self-describing ONNX file at float32, float16 or int8 precision.
/// </summary>
/// <remarks>
/// Takes the result of Invoke-SerTraining (its BestCheckpoint; for -Protocol None the final model) or a .weights
/// checkpoint file, and writes an ONNX model (opset 17) with input "features" [N, frames, coefficients] and output
/// "probabilities" [N, classes], batch normalisation folded into the convolutions. The file carries in its
/// metadata_props the labels in output order, the full feature settings, the architecture name and spec hash, the
/// training summary (dataset, protocol, selection, UA/WA/F1 when exported from a result), the precision, the creation
/// time and the tool version: Get-SpeechEmotion needs nothing else. -Precision Float16 stores the weights as float16
/// (half the file; ONNX Runtime widens them when it loads the model, so inputs, outputs and arithmetic stay float32).
/// -Precision Int8 is static QDQ quantisation: int8 weights per output channel, uint8 activations per tensor whose
/// ranges are measured (min/max) by running the float32 model on calibration features, which are required: training
/// features from Get-Mfcc (-CalibrationData) or WAV files (-CalibrationPath), cut and featurised as training did; at
/// most -CalibrationCount clips (evenly spaced) are used. The three first-layer convolutions read the one-channel
/// MFCC map and stay float32, where int8 kernels are slower. Writing is atomic (a temporary file renamed into place);
/// an existing file is replaced only with -Force (error id ModelExists otherwise). Other error ids: CheckpointMissing,
/// CheckpointInvalid, PathNotFound, CalibrationDataRequired, CalibrationDataMismatch, CheckpointNotExportable (trained on features standardised in a way this version cannot label with), ExportFailed. Works in the
/// inference-only module too: it never loads TorchSharp.
/// </remarks>
/// <example>
/// <code>Invoke-SerTraining -Dataset EmoDb -Path ./emodb -Protocol None -OutputPath ./final | Export-SerModel -Path ./emodb.onnx</code>
/// <para>Trains the final model on all of EMO-DB and exports it as float32.</para>
/// </example>
/// <example>
/// <code>$f = Import-SerDataset EmoDb ./emodb | ConvertTo-Segment | Get-Mfcc; Export-SerModel -Checkpoint ./final/checkpoints/fold-00/Last.weights -Path ./emodb-int8.onnx -Precision Int8 -CalibrationData $f</code>
/// <para>An int8 model calibrated on the training features.</para>
/// </example>
/// <example>
/// <code>Get-ChildItem ./runs -Recurse -Filter BestOnTest.weights | ForEach-Object { Export-SerModel -Checkpoint $_.FullName -Path ($_.FullName -replace 'weights$', 'onnx') -Precision Float16 }</code>
/// <para>Float16 models of every fold's selected checkpoint, beside them.</para>
/// </example>
[Cmdlet(VerbsData.Export, "SerModel", SupportsShouldProcess = true, DefaultParameterSetName = "Result")]
[OutputType(typeof(FileInfo))]
public sealed class ExportSerModelCommand : PSCmdlet
{
    /// <summary>The result of Invoke-SerTraining; its BestCheckpoint is exported and its figures go into the training summary.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Result")]
    public SerTrainingResult? InputObject { get; set; }

    /// <summary>A .weights checkpoint written by Invoke-SerTraining. Files from Get-ChildItem bind here by their path.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Checkpoint")]
    [Alias("BestCheckpoint", "FullName", "PSPath")]
    public string Checkpoint { get; set; } = "";

    /// <summary>The .onnx file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    /// <summary>Float32 (default), Float16 (float16 weights) or Int8 (static QDQ quantisation; needs calibration data).</summary>
    [Parameter]
    public ModelPrecision Precision { get; set; } = ModelPrecision.Float32;

    /// <summary>Training features (Get-Mfcc output of the model's input shape) to calibrate Int8 activation ranges on.</summary>
    [Parameter]
    public SerFeatures[]? CalibrationData { get; set; }

    /// <summary>WAV files to calibrate Int8 activation ranges on (wildcards expanded); cut and featurised as in training.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? CalibrationPath { get; set; }

    /// <summary>Most calibration clips used (an evenly spaced sample of those given).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int CalibrationCount { get; set; } = CalibrationSet.DefaultMaxClips;

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string? checkpointPath = ParameterSetName == "Result"
            ? InputObject!.BestCheckpoint
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Checkpoint);
        if (string.IsNullOrEmpty(checkpointPath))
        {
            WriteError(SerErrors.Create($"The training result in '{InputObject!.OutputPath}' has no checkpoint (BestCheckpoint is empty): no fold finished. Run Invoke-SerTraining again with -Resume.",
                SerErrors.CheckpointMissing, ErrorCategory.ObjectNotFound, InputObject));
            return;
        }
        string output = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (File.Exists(output) && !Force)
        {
            WriteError(SerErrors.Create($"'{output}' already exists; use -Force to replace it.", SerErrors.ModelExists, ErrorCategory.ResourceExists, output));
            return;
        }
        if (!ShouldProcess(output, $"Export the {Precision} model of '{checkpointPath}'"))
            return;

        Checkpoint checkpoint;
        try
        {
            checkpoint = Onnx.Export.Checkpoint.Load(checkpointPath);
        }
        catch (FileNotFoundException e)
        {
            WriteError(new ErrorRecord(e, SerErrors.PathNotFound, ErrorCategory.ObjectNotFound, checkpointPath));
            return;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, SerErrors.CheckpointInvalid, ErrorCategory.InvalidData, checkpointPath));
            return;
        }

        var options = new CheckpointExportOptions { Precision = Precision, TrainingSummary = Summary(InputObject) };
        if (Precision == ModelPrecision.Int8)
        {
            var calibration = Calibration(checkpoint);
            if (calibration is null)
                return;
            options = options with { Calibration = calibration };
            WriteProgress(new ProgressRecord(1, "Export-SerModel", $"Calibrating int8 ranges on {calibration.Clips} clips"));
        }
        try
        {
            var exported = CheckpointExporter.Build(checkpoint, options);
            foreach (var warning in exported.Warnings)
                WriteWarning(warning);
            WriteObject(OnnxModelFile.Write(exported.Model, output, overwrite: Force));
        }
        catch (NotSupportedException e)
        {
            WriteError(new ErrorRecord(e, SerErrors.CheckpointNotExportable, ErrorCategory.InvalidData, checkpointPath));
        }
        catch (IOException e) when (File.Exists(output) && !Force)
        {
            WriteError(new ErrorRecord(e, SerErrors.ModelExists, ErrorCategory.ResourceExists, output));
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or KeyNotFoundException)
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"Exporting '{checkpointPath}' to '{output}' failed: {e.Message}", e),
                SerErrors.ExportFailed, ErrorCategory.InvalidOperation, checkpointPath));
        }
        finally
        {
            if (Precision == ModelPrecision.Int8)
                WriteProgress(new ProgressRecord(1, "Export-SerModel", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    // Int8 needs features of the model's input shape: given as SerFeatures, or computed from WAV files with the
    // checkpoint's own feature settings.
    private Onnx.Export.CalibrationData? Calibration(Checkpoint checkpoint)
    {
        var input = checkpoint.Architecture.Input;
        try
        {
            if (CalibrationData is { Length: > 0 } features)
            {
                var config = FeatureConfig.FromJson(checkpoint.FeatureConfigJson);
                if (features.Any(f => f.Config != config))
                    WriteWarning($"Some calibration features were computed with other settings than the model's ({config.ToJson()}); int8 ranges measured on them may not fit what the model will see.");
                return CalibrationSet.FromFeatures(features, input.Frames, input.Coefficients, CalibrationCount);
            }
            var files = FileInputs.Resolve(this, CalibrationPath, literal: false).ToList();
            if (files.Count > 0)
            {
                var config = FeatureConfig.FromJson(checkpoint.FeatureConfigJson);
                return CalibrationSet.FromFiles(files, config, input.Duration, (path, error) => WriteError(SerErrors.ForFile(error, path)), CalibrationCount);
            }
        }
        catch (ArgumentException e)
        {
            WriteError(new ErrorRecord(e, SerErrors.CalibrationDataMismatch, ErrorCategory.InvalidData, CalibrationData ?? (object?)CalibrationPath));
            return null;
        }
        catch (System.Text.Json.JsonException e)
        {
            WriteError(new ErrorRecord(e, SerErrors.CheckpointInvalid, ErrorCategory.InvalidData, checkpoint.Path));
            return null;
        }
        WriteError(SerErrors.Create("-Precision Int8 needs calibration data: pass the training features with -CalibrationData (e.g. Import-SerDataset | ConvertTo-Segment | Get-Mfcc) or WAV files with -CalibrationPath.",
            SerErrors.CalibrationDataRequired, ErrorCategory.InvalidArgument, Precision));
        return null;
    }

    // The run's figures, when exporting from a result, join the checkpoint's own summary.
    private static Dictionary<string, object?>? Summary(SerTrainingResult? result) => result is null ? null : new()
    {
        ["dataset"] = result.Dataset,
        ["protocol"] = result.Protocol,
        ["loss"] = result.Loss,
        ["epochs"] = result.Epochs,
        ["selection"] = result.Selection,
        ["optimistic"] = result.Optimistic,
        ["ua"] = result.UA,
        ["wa"] = result.WA,
        ["f1"] = result.F1,
        ["folds_completed"] = result.FoldsCompleted,
        ["folds_planned"] = result.FoldsPlanned,
    };
}
