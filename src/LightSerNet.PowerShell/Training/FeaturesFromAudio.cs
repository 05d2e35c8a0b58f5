using System.Management.Automation;
using LightSerNet.Architectures;
using LightSerNet.Audio;
using LightSerNet.Audio.Segmentation;
using LightSerNet.Features;
using LightSerNet.PowerShell.Errors;
using LightSerNet.PowerShell.Input;

namespace LightSerNet.PowerShell.Training;

/// <summary>
/// Invoke-SerTraining's segment and audio input: features of the kind and length the architecture's spec takes,
/// computed as Get-Mfcc computes them (audio cut with the paper's Centre mode), so piping audio, segments or features
/// trains on the same numbers. Plain C#: no TorchSharp.
/// </summary>
internal sealed class FeaturesFromAudio
{
    private readonly PSCmdlet _cmdlet;
    private readonly FeatureExtractor _extractor;
    private readonly SegmentOptions _segments;

    private FeaturesFromAudio(PSCmdlet cmdlet, ArchitectureDefinition architecture)
    {
        _cmdlet = cmdlet;
        _extractor = new FeatureExtractor(ConfigFor(architecture));
        _segments = new SegmentOptions(architecture.Input.Duration, SegmentMode.Centre, null, _extractor.Config.SampleRate);
    }

    /// <summary>The paper's feature settings with the kind <paramref name="architecture"/>'s spec takes.</summary>
    public static FeatureConfig ConfigFor(ArchitectureDefinition architecture) =>
        FeatureConfig.Paper with { Kind = Enum.Parse<FeatureKind>(architecture.Input.Kind) };

    /// <summary>The converter for <paramref name="architectureName"/>; an unknown name is a terminating error.</summary>
    public static FeaturesFromAudio For(PSCmdlet cmdlet, string architectureName)
    {
        try
        {
            return new FeaturesFromAudio(cmdlet, ArchitectureCatalog.Get(architectureName));
        }
        catch (ArgumentException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(e, SerErrors.ArchitectureNotFound, ErrorCategory.ObjectNotFound, architectureName));
            throw;
        }
    }

    /// <summary>Features of each segment; one of another length or rate is reported and left out.</summary>
    public IEnumerable<SerFeatures> FromSegments(IEnumerable<SerSegment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.SampleRate != _segments.SampleRate || segment.Samples.Length != _segments.Length)
            {
                _cmdlet.WriteError(new ErrorRecord(new ArgumentException(
                    $"The segment of '{segment.Source}' is {segment.Duration:0.###} s at {segment.SampleRate} Hz, but the architecture takes {_segments.Duration:0.###} s at {_segments.SampleRate} Hz; cut it with ConvertTo-Segment -Duration {_segments.Duration:0.###}."),
                    SerErrors.SegmentDoesNotFit, ErrorCategory.InvalidData, segment));
                continue;
            }
            yield return _extractor.Extract(segment);
        }
    }

    /// <summary>Features of each file's Centre segment; a file that cannot be read is reported and left out.</summary>
    public IEnumerable<SerFeatures> FromAudio(IEnumerable<SerAudio> audio)
    {
        foreach (var item in audio)
        {
            foreach (var features in FromSegments(ReportedSegmenter.Segment(_cmdlet, item, _segments)))
                yield return features;
        }
    }
}
