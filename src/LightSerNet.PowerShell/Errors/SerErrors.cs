using System.Management.Automation;
using LightSerNet.Audio.Wave;
using LightSerNet.Inference;

namespace LightSerNet.PowerShell.Errors;

/// <summary>
/// ErrorRecords with stable ids. A script may rely on these ids (e.g. to count bad files), so they never change:
/// Wave* for unreadable audio (one per <see cref="WaveProblem"/>), Model* for unusable model files (one per
/// <see cref="SerModelProblem"/>), and the constants below.
/// </summary>
internal static class SerErrors
{
    public const string PathNotFound = "PathNotFound";
    public const string NotAFileSystemPath = "NotAFileSystemPath";
    public const string PathIsFolder = "PathIsFolder";
    public const string CorpusNotFound = "CorpusNotFound";
    public const string CorpusFileNotRecognised = "CorpusFileNotRecognised";
    public const string FileReadFailed = "FileReadFailed";
    public const string ArchitectureNotFound = "ArchitectureNotFound";
    public const string TrainingFailed = "TrainingFailed";
    public const string TrainingUnavailable = "TrainingUnavailable";
    public const string AugmentationNeedsAudio = "AugmentationNeedsAudio";
    public const string SegmentDoesNotFit = "SegmentDoesNotFit";
    public const string ModelExists = "ModelExists";
    public const string CheckpointMissing = "CheckpointMissing";
    public const string CheckpointInvalid = "CheckpointInvalid";
    public const string CalibrationDataRequired = "CalibrationDataRequired";
    public const string CalibrationDataMismatch = "CalibrationDataMismatch";
    public const string ExportFailed = "ExportFailed";
    public const string CheckpointNotExportable = "CheckpointNotExportable";
    public const string InvalidWindow = "InvalidWindow";
    public const string SpeakerStatisticsRequired = "SpeakerStatisticsRequired";
    public const string SpeakerStatisticsMismatch = "SpeakerStatisticsMismatch";
    public const string SpeakerStatisticsEmpty = "SpeakerStatisticsEmpty";

    /// <summary>An error for a model file that cannot be used: ModelNotFound, ModelCorrupt, ModelMetadataMissing, ...</summary>
    public static ErrorRecord ForModel(SerModelException exception) => new(exception, "Model" + exception.Problem,
        exception.Problem == SerModelProblem.NotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, exception.Path);

    /// <summary>An error for one input file; the pipeline goes on with the next.</summary>
    public static ErrorRecord ForFile(Exception exception, string path) => exception switch
    {
        WaveFormatException wave => new ErrorRecord(wave, "Wave" + wave.Problem, ErrorCategory.InvalidData, path),
        FileNotFoundException or DirectoryNotFoundException =>
            new ErrorRecord(exception, PathNotFound, ErrorCategory.ObjectNotFound, path),
        UnauthorizedAccessException => new ErrorRecord(
            new UnauthorizedAccessException($"'{path}' cannot be read: {exception.Message}", exception),
            FileReadFailed, ErrorCategory.PermissionDenied, path),
        _ => new ErrorRecord(
            new IOException($"'{path}' cannot be read: {exception.Message}", exception),
            FileReadFailed, ErrorCategory.ReadError, path),
    };

    /// <summary>True for the exceptions that mean "this one file is bad", as opposed to a bug.</summary>
    public static bool IsFileProblem(Exception exception) =>
        exception is IOException or UnauthorizedAccessException;

    public static ErrorRecord Create(string message, string errorId, ErrorCategory category, object? target) =>
        new(new InvalidOperationException(message), errorId, category, target);
}
